"""Telling the editors what the link checker found: one email a run, to everyone who may edit a
resource whose link is broken."""

from django.urls import reverse
from wagtail.permission_policies.pages import PagePermissionPolicy

from network_site.core.mail import send_email
from network_site.core.site_address import absolute_url


def editor_emails(resources):
    """The addresses of the active accounts that may edit any of `resources`."""
    policy = PagePermissionPolicy()
    emails = set()
    for resource in resources:
        emails.update(
            policy.users_with_permission_for_instance("change", resource)
            .filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(emails)


def tell_editors_of_broken_links(broken):
    """One email listing every (resource, LinkResult) in `broken`; returns how many it went to."""
    if not broken:
        return 0
    recipients = editor_emails([resource for resource, _result in broken])
    if not recipients:
        return 0
    send_email(
        "resources/broken_links",
        recipients,
        {
            "broken": [
                {
                    "title": resource.title,
                    "url": result.url,
                    "problem": result.describe(),
                    "edit_url": absolute_url(
                        reverse("wagtailadmin_pages:edit", args=[resource.pk])
                    ),
                }
                for resource, result in broken
            ],
            "report_url": absolute_url(reverse("core_review_report")),
        },
    )
    return len(recipients)
