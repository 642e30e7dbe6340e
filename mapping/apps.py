from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "mapping"
    verbose_name = "Mapping"

    def ready(self):
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content
        from network_site.core.reviews import register_reviewable

        from .models import MappingEntryPage

        register_demo_content(self.label, f"{self.name}.demo.load")
        register_reviewable("mapping-entry", "Mapping guide entry", MappingEntryPage)

        register_generator("mapping_entries", f"{self.name}.generate.generate", 200, order=40)
