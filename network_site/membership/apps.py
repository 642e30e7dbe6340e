from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "network_site.membership"
    label = "membership"
    verbose_name = "Membership"

    def ready(self):
        from network_site.core import home_sections
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content

        from . import erasure, signals  # noqa: F401 - connects the receivers
        from .home import join_section

        erasure.register_membership_data()
        register_demo_content(self.label, f"{self.name}.demo.load")
        register_generator("members", f"{self.name}.generate.generate", 2000, order=10)
        home_sections.register(
            "join",
            label="How to join (visitors only)",
            template="pages/membership/home_join.html",
            get_context=join_section,
            default_heading="Join the network",
        )

        from network_site.core import schedule

        schedule.register(
            "send_join_request_digest",
            schedule.HOURLY,
            "Emails the coordinators about newly confirmed join requests, when a digest is due.",
        )
        schedule.register(
            "send_digests",
            schedule.DAILY,
            "Queues the weekly and monthly digests of new stories and resources that are due.",
        )
        schedule.register(
            "purge_join_requests",
            schedule.DAILY,
            "Deletes join requests declined, left pending or never confirmed, after the retention "
            "period.",
        )
