from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from network_site.core import home_sections
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content
        from network_site.core.related import register_tagged_pages
        from network_site.membership.member_page import register_news, register_section
        from network_site.membership.personal_data import register

        from . import member_home, notifications, personal_data
        from .home import latest_stories_section
        from .models import HelpedMark, StoryPage, stories_visible_to, story_audience

        notifications.connect()
        home_sections.register(
            "latest_stories",
            label="The latest stories",
            template="pages/stories/home_latest_stories.html",
            get_context=latest_stories_section,
            default_heading="Latest stories from practice",
        )
        # The member's own page: their stories, and new stories in "what is new" and the digest.
        register_section(
            "stories",
            template="pages/stories/home_section.html",
            context=member_home.section_context,
            order=10,
        )
        register_news(StoryPage, "Stories")
        # "Related" lists elsewhere (a mapping entry's stories) and a story's own related stories.
        register_tagged_pages(
            "stories",
            StoryPage,
            "tags",
            visible_pages=stories_visible_to,
            audience=story_audience,
        )
        register(
            "stories",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[StoryPage, HelpedMark],
        )
        register_demo_content(self.label, f"{self.name}.demo.load")
        register_generator("stories", f"{self.name}.generate.generate", 10000, order=20)
