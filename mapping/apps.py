from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "mapping"
    verbose_name = "Mapping"

    def ready(self):
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content

        register_demo_content(self.label, f"{self.name}.demo.load")

        register_generator("mapping_entries", f"{self.name}.generate.generate", 200, order=40)
