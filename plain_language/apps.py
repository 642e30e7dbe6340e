from django.apps import AppConfig


class PlainLanguageConfig(AppConfig):
    name = "plain_language"
    verbose_name = "Plain language"
