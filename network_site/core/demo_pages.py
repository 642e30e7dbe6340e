"""The core's own demo content: the home page, the about and privacy pages (their text in
`demo_content/`), and the local admin account. The accessibility statement is its app's."""

from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from network_site.core.demo import delete_default_welcome_page, rich_text, stream, upsert_page
from network_site.core.demo_data import upsert_page_from_file
from network_site.core.models import HomePage, NavigationSettings, NetworkSettings, StandardPage

DEMO_CONTENT = Path(__file__).parent / "demo_content"
STANDARD_PAGES = ["about", "privacy-notice"]


def load_core_pages():
    root = Page.get_first_root_node()
    delete_default_welcome_page()
    home = upsert_page(
        root,
        HomePage,
        "home",
        title=settings.WAGTAIL_SITE_NAME,
        introduction=(
            "An open network for people in Scotland who plan support around what matters "
            "to each person: in health, social care, housing and beyond."
        ),
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk or site.site_name != settings.WAGTAIL_SITE_NAME:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()

    pages = {
        slug: upsert_page_from_file(home, StandardPage, DEMO_CONTENT / f"{slug}.md")
        for slug in STANDARD_PAGES
    }
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network_settings.privacy_page = pages["privacy-notice"]
    network_settings.save()
    return home


def arrange_home_and_navigation(home):
    """The home page's sections and the main menu, once every app has added its pages.

    Pages are found by their demo slugs, so core needs no app's models; a page whose app's content
    was not loaded is simply left out.
    """
    children = {page.slug: page for page in home.get_children().live()}

    def cards(*slugs):
        return [{"page": children[slug].pk, "summary": ""} for slug in slugs if slug in children]

    upsert_page(
        Page.get_first_root_node(),
        HomePage,
        "home",
        title=settings.WAGTAIL_SITE_NAME,
        body=stream(
            (
                "paragraph",
                rich_text(
                    "A personal outcomes approach starts with a good conversation: finding out "
                    "what matters to someone, what they want to achieve, and what will help. "
                    "The network brings together practitioners, managers, carers and people "
                    "who use support to learn from each other and to improve practice."
                ),
            ),
            ("site_section", {"section": "next_meeting", "heading": ""}),
            (
                "page_cards",
                {
                    "heading": "Guides and resources",
                    "cards": cards(
                        "understanding-personal-outcomes",
                        "carers-act-guide",
                        "mapping-guide",
                        "resources",
                    ),
                },
            ),
            ("site_section", {"section": "latest_stories", "heading": ""}),
            ("site_section", {"section": "join", "heading": ""}),
        ),
    )

    def item(label, slug, *also_for):
        return {
            "label": label,
            "page": children[slug].pk,
            "also_for": [children[other].pk for other in also_for if other in children],
        }

    wanted = [
        ("About", "about"),
        ("Stories", "stories"),
        ("Resources", "resources", "understanding-personal-outcomes", "carers-act-guide"),
        ("Mapping guide", "mapping-guide"),
        ("Meetings", "meetings"),
    ]
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.items = stream(*(("item", item(*entry)) for entry in wanted if entry[1] in children))
    navigation.save()


def ensure_admin_account(stdout):
    user_model = get_user_model()
    admin = user_model.objects.filter(username="admin").first()
    if admin is None:
        admin = user_model(username="admin", email="admin@example.org")
    admin.first_name, admin.last_name = "Demo", "Administrator"
    admin.is_staff = admin.is_superuser = admin.is_active = True
    admin.set_password(settings.DEMO_ADMIN_PASSWORD)
    admin.save()
    # Sign-in goes through allauth, which asks for a verified address.
    EmailAddress.objects.update_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    # Staff sign in with a second step; the demo's authenticator is printed by show_demo_accounts.
    from network_site.membership.second_factor import set_up_authenticator_app

    set_up_authenticator_app(admin, settings.DEMO_TOTP_SECRET)
    stdout.write(
        "Local admin account (development only): "
        f"email admin@example.org, password {settings.DEMO_ADMIN_PASSWORD}, at /admin/"
    )
