from django.apps import AppConfig


class RipplesConfig(AppConfig):
    name = "ripples"
    verbose_name = "Ripples"

    def ready(self):
        from . import moderation

        moderation.connect()
