"""The core's own demo content: the home page, the about, privacy and accessibility pages, and the
local admin account."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from network_site.core.demo import delete_default_welcome_page, rich_text, stream, upsert_page
from network_site.core.models import HomePage, NavigationSettings, NetworkSettings, StandardPage


def load_core_pages():
    root = Page.get_first_root_node()
    delete_default_welcome_page()
    home = upsert_page(
        root,
        HomePage,
        "home",
        title="Personal Outcomes Network",
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
            site_name="Personal Outcomes Network",
        )
    elif site.root_page_id != home.pk or site.site_name != "Personal Outcomes Network":
        site.root_page = home
        site.site_name = "Personal Outcomes Network"
        site.save()

    upsert_page(
        home,
        StandardPage,
        "about",
        title="About the network",
        show_in_menus=True,
        introduction="Who we are, how we work, and how to take part.",
        body=stream(
            ("heading", {"text": "An open, cross-sector network", "level": "h2"}),
            (
                "paragraph",
                rich_text(
                    "Members come from the NHS, local councils, housing providers, the third and "
                    "independent sectors, and from families and communities. What they have in "
                    "common is a commitment to support that is shaped by the person, not by the "
                    "service.",
                    "The network organises itself. There is no fee and no hierarchy: members "
                    "bring the questions, the stories and the evidence, and the network offers "
                    "a safe place to reflect on them.",
                ),
            ),
            ("heading", {"text": "How we work", "level": "h2"}),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Quarterly meetings",
                            "body": rich_text(
                                "Every three months members meet, in person or online, to "
                                "share practice and hear about new work."
                            ),
                        },
                        {
                            "title": "Stories from practice",
                            "body": rich_text(
                                "Members write up what happened when they worked with a person "
                                "or carer on what mattered to them, and what they learned."
                            ),
                        },
                        {
                            "title": "Resources and evidence",
                            "body": rich_text(
                                "Guides, toolkits and research, including our booklet on "
                                "personal outcomes and a guide to the Carers (Scotland) Act "
                                "2016."
                            ),
                        },
                    ]
                },
            ),
            (
                "quote",
                {
                    "text": "Start with the person, not the form.",
                    "attribution": "A principle members return to often",
                },
            ),
        ),
    )
    privacy = upsert_page(
        home,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        introduction="What we collect about you, why, and what you can ask us to do with it.",
        body=stream(
            ("heading", {"text": "What we hold", "level": "h2"}),
            (
                "paragraph",
                rich_text(
                    "When you ask to join we keep your name, email address, organisation, role, "
                    "sector, council area and what you hope to get from the network. We keep a "
                    "record of each consent you give, with the version of this notice you saw.",
                    "We never sell your information or share it for marketing.",
                ),
            ),
            ("heading", {"text": "Your rights", "level": "h2"}),
            (
                "paragraph",
                rich_text(
                    "Members can download everything we hold about them and delete their "
                    "account at any time from their account page. If you asked to join and "
                    "were not accepted, we delete your details after a set retention period."
                ),
            ),
        ),
    )
    accessibility = upsert_page(
        home,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        introduction="We want as many people as possible to be able to use this website.",
        body=stream(
            (
                "paragraph",
                rich_text(
                    "The site aims to meet the Web Content Accessibility Guidelines version 2.2 "
                    "at level AA. You should be able to zoom in to 400% without text spilling "
                    "off the screen, move through the site with a keyboard alone, and use it "
                    "with a screen reader.",
                    "Every page works without JavaScript. We test every kind of page with "
                    "automated accessibility checks before each release.",
                ),
            ),
            ("heading", {"text": "Reporting a problem", "level": "h2"}),
            (
                "paragraph",
                rich_text(
                    "If something on the site is hard to use, tell us using the contact link "
                    "at the foot of each page and we will reply within ten working days."
                ),
            ),
        ),
    )
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network_settings.privacy_page = privacy
    network_settings.accessibility_page = accessibility
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
        title="Personal Outcomes Network",
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
    stdout.write(
        "Local admin account (development only): "
        f"email admin@example.org, password {settings.DEMO_ADMIN_PASSWORD}, at /admin/"
    )
