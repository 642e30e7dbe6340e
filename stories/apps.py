from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from network_site.core.page_cache import register_page_record

        from . import notifications
        from .models import HelpedMark

        notifications.connect()
        # A "helped" mark shows as a count on its story's page only.
        register_page_record(HelpedMark, lambda mark: [(mark.story, True)])
