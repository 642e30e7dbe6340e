"""What the learning log adds elsewhere: its demo content, a section on the member's own page,
and its entries in the member's data download and account deletion. Nothing in the admin: staff
never see an entry."""

from wagtail import hooks

from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.membership import member_page, personal_data

from .models import Entry


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("learning_log", "learning_log.demo.load")


def member_home_context(request):
    entries = Entry.objects.filter(owner=request.user)
    return {"count": entries.count(), "latest": entries.only("written_on").first()}


@hooks.register(member_page.MEMBER_HOME_SECTIONS_HOOK)
def member_home_section():
    return member_page.HomeSection(
        "learning_log", "pages/learning_log/home_section.html", member_home_context, order=40
    )


def export_entries(user):
    return [
        {
            "date": entry.written_on.isoformat(),
            "prompted_by": entry.prompt_title,
            "prompt_address": entry.prompt_url,
            "themes": entry.themes,
            "reflection": entry.reflection,
            "what_i_will_try": entry.will_try,
            "written_at": entry.created_at.isoformat(),
            "changed_at": entry.updated_at.isoformat(),
        }
        for entry in Entry.objects.filter(owner=user).order_by("written_on", "pk")
    ]


def erase_entries(user):
    Entry.objects.filter(owner=user).delete()


@hooks.register(personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return [
        personal_data.source(
            "learning_log", export=export_entries, erase=erase_entries, models=[Entry]
        )
    ]
