from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from network_site.core import home_sections
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content
        from network_site.membership.personal_data import register

        from . import notifications, personal_data
        from .home import latest_stories_section
        from .models import HelpedMark, StoryPage

        notifications.connect()
        home_sections.register(
            "latest_stories",
            label="The latest stories",
            template="pages/stories/home_latest_stories.html",
            get_context=latest_stories_section,
            default_heading="Latest stories from practice",
        )
        register(
            "stories",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[StoryPage, HelpedMark],
        )
        register_demo_content(self.label, f"{self.name}.demo.load")
        register_generator("stories", f"{self.name}.generate.generate", 10000, order=20)
