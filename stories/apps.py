from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from network_site.core.page_cache import register_page_record
        from network_site.core.related import register_tagged_pages
        from network_site.membership.personal_data import register

        from . import notifications, personal_data
        from .models import HelpedMark, StoryPage, stories_visible_to

        notifications.connect()
        # A "helped" mark shows as a count on its story's page only.
        register_page_record(HelpedMark, lambda mark: [(mark.story, True)])
        # "Related" lists elsewhere (a mapping entry's stories) and a story's own related stories.
        register_tagged_pages("stories", StoryPage, "tags", visible_pages=stories_visible_to)
        register(
            "stories",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[StoryPage, HelpedMark],
        )
