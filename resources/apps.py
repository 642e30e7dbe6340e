from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources"

    def ready(self):
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content
        from network_site.core.related import register_tagged_pages
        from network_site.core.reviews import register_reviewable
        from network_site.membership.member_page import register_news

        from . import checks  # noqa: F401 - registers the booklet PDF check
        from .models import CarersActGuidePage, ResourcePage

        register_demo_content(self.label, f"{self.name}.demo.load")
        register_reviewable("resource", "Resource", ResourcePage)
        register_reviewable("carers-act-guide", "Carers Act guide", CarersActGuidePage)
        # "Related" lists elsewhere: a mapping entry's resources on the same themes.
        register_tagged_pages("resources", ResourcePage, "topics")

        register_generator("resources", f"{self.name}.generate.generate", 500, order=30)
        # New resources appear on members' home pages and in their digests.
        register_news(ResourcePage, "Resources")

        from network_site.core import schedule

        schedule.register(
            "check_resource_links",
            schedule.DAILY,
            "Checks every live resource's external link and lists the broken ones.",
            "--timeout=10",
        )
