from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "network_site.membership"
    label = "membership"
    verbose_name = "Membership"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
