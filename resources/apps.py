from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources"

    def ready(self):
        from network_site.core.related import register_tagged_pages

        from . import checks  # noqa: F401 - registers the booklet PDF check
        from .models import ResourcePage

        # "Related" lists elsewhere: a mapping entry's resources on the same themes.
        register_tagged_pages("resources", ResourcePage, "topics")
