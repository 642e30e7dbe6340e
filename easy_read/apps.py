from django.apps import AppConfig


class EasyReadConfig(AppConfig):
    name = "easy_read"
    verbose_name = "Easy Read"
