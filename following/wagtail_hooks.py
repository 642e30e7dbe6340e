"""What the following app adds elsewhere: the member home's news, the digests' job, the data
download and deletion, demo content and the network generator."""

from wagtail import hooks

from network_site.core import schedule
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.membership import member_page
from network_site.membership import personal_data as membership_personal_data

from . import listing, personal_data
from .models import EmailPreferences, Follow, Notification


@hooks.register(member_page.MEMBER_HOME_SECTIONS_HOOK)
def member_home_section():
    return member_page.HomeSection(
        "following", "pages/following/home_section.html", listing.home_section_context, order=5
    )


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    return [
        schedule.job(
            "send_following_digests",
            schedule.HOURLY,
            "Queues the daily and weekly digests of news from what members follow that are due.",
        )
    ]


@hooks.register(membership_personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return [
        membership_personal_data.source(
            "following",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[Follow, Notification, EmailPreferences],
        )
    ]


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("following", "following.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    # After the members, stories and meetings it follows.
    return Generator("follows", "following.generate.generate", 6000, order=60)
