from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "network_site.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from . import page_cache, signals

        signals.connect()
        page_cache.connect()
