from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from network_site.core.demo import register_demo_content
        from network_site.membership.personal_data import register

        from . import notifications, personal_data
        from .models import HelpedMark, StoryPage

        notifications.connect()
        register(
            "stories",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[StoryPage, HelpedMark],
        )
        register_demo_content(self.label, f"{self.name}.demo.load")
