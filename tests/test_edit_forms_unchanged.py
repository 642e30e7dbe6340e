"""Every form that edits an existing record, sent back exactly as the page drew it, leaves the
record as it was.

The form is read from the page's HTML (tests/html_forms.py) and submitted the way a browser would,
so a field the page fails to fill in (a select with no option marked, an unchecked box) shows up
as a lost value. The walk covers the members' own forms and every snippet and site-setting edit
view the admin has: a new snippet or setting is covered without a new test.
"""

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import BlockWidget
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.snippets.models import get_snippet_models
from wagtail_factories import ImageFactory

from events import booking as bookings
from events.models import Booking
from network_site.core.roles import ADMINISTRATOR
from network_site.membership.models import ConsentRecord, MemberProfile
from stories.forms import StoryForm
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import MemberFactory, MemberProfileFactory, make_staff
from tests.factories.stories import StoryPageFactory, make_story_index
from tests.html_forms import form_posting_to, forms_on, submission

pytestmark = pytest.mark.django_db


def same_lines(value):
    """Browsers send every line break in a textarea as CRLF; a stored LF is the same text."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):
        return {key: same_lines(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(same_lines(item) for item in value)
    return value


def submit_unchanged(client, url, action=None, button=None):
    """GETs `url`, then POSTs its form (the one posting to `action`, the page by default) as drawn."""
    page = client.get(url)
    assert page.status_code == 200, url
    form = form_posting_to(page.content.decode(), action or url, page_url=url)
    return client.post(action or url, submission(form, button))


def profile_state(user):
    user.refresh_from_db()
    profile = MemberProfile.objects.get(user=user)
    return same_lines(
        (
            model_to_dict(user, fields=["first_name", "last_name", "email"]),
            model_to_dict(profile, exclude=["id", "last_visit_at"]),
            list(
                ConsentRecord.objects.filter(user=user).values_list(
                    "purpose", "given_at", "withdrawn_at"
                )
            ),
        )
    )


@pytest.mark.parametrize(
    "choices",
    [
        {},
        {"sector": "health", "council_area": "fife", "listed_in_directory": False},
        {
            "sector": "social-care",
            "council_area": "outside-scotland",
            "bio": "Line one.\nLine two.",
            "show_name": False,
            "accepts_contact": False,
            "receives_meetings_mailing": True,
            "digest_frequency": "monthly",
        },
        {"sector": None, "council_area": "", "organisation": "", "role": ""},
    ],
)
def test_the_account_page_saved_unchanged_changes_nothing(client, home_page, choices):
    profile = MemberProfileFactory(
        user=MemberFactory(first_name="Morag Stewart"),
        **{"organisation": "Fife Council", **choices},
    )
    client.force_login(profile.user)
    before = profile_state(profile.user)

    response = submit_unchanged(client, reverse("membership:account"))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert profile_state(profile.user) == before


def story_state(story):
    draft = type(story).objects.get(pk=story.pk).get_latest_revision_as_object()
    return (
        same_lines({name: getattr(draft, name) for name in StoryForm.story_field_names()}),
        draft.image_id,
        sorted(sector.slug for sector in draft.sectors.all()),
        sorted(tag.name for tag in draft.tags.all()),
        draft.get_parent().pk,
    )


@pytest.mark.parametrize("with_image", [False, True])
def test_a_story_draft_saved_unchanged_changes_nothing(client, home_page, with_image):
    index = make_story_index(home_page)
    member = MemberFactory(first_name="Alasdair Reid")
    story = StoryPageFactory(
        parent=index,
        owner=member,
        published=False,
        live=False,
        themes=["Carers", "Bowling greens"],
        sector_slugs=["health", "housing"],
        council_area="highland",
        credit="name",
        credit_name="Alasdair Reid",
        what_mattered="Seeing friends again.\nAnd the dog.",
    )
    if with_image:
        story.image = ImageFactory(file=get_test_image_file(), uploaded_by_user=member)
        story.image_alt_text = "A bowling green in the sun"
    story.save_revision(user=member)
    client.force_login(member)
    before = story_state(story)
    edit_url = index.url + f"mine/{story.pk}/edit/"

    response = submit_unchanged(client, edit_url, button=("action", "save"))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert story_state(story) == before


def test_a_booked_member_is_offered_no_form_that_rewrites_the_booking(client, home_page):
    """The meeting page's booking form makes a booking; once booked, the page offers only to
    cancel, so nothing can send the access needs back empty."""
    meeting = MeetingPageFactory(
        parent=MeetingIndexPageFactory(parent=home_page),
        starts_at=timezone.now() + timedelta(days=10),
    )
    member = MemberFactory()
    bookings.book(meeting.pk, member, ["step_free"], "")
    client.force_login(member)
    html = client.get(meeting.url).content.decode()
    actions = {form["attrs"].get("action") for form in forms_on(html)}
    assert meeting.url + "book/" not in actions
    assert Booking.objects.get(member=member).access_needs == ["step_free"]


def record_state(instance):
    instance = type(instance).objects.get(pk=instance.pk)
    return same_lines(model_to_dict(instance))


def admin_edit_cases():
    """(label, edit url, instance) for every snippet and site setting the admin can edit."""
    site = Site.objects.get(is_default_site=True)
    cases = []
    for model in get_snippet_models():
        instance = model.objects.first()
        assert instance is not None, f"give the test a {model._meta.label} to edit"
        cases.append(
            (
                model._meta.label,
                reverse(model.snippet_viewset.get_url_name("edit"), args=[instance.pk]),
                instance,
            )
        )
    for model in settings_registry:
        instance = model.for_site(site)
        url = reverse(
            "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk]
        )
        cases.append((model._meta.label, url, instance))
    return cases


def make_one_of_each_snippet():
    from mapping.models import ComparisonDimension
    from resources.models import Audience
    from tests.factories.practice_map import make_outcome_area

    Audience.objects.get_or_create(name="Carers", slug="carers")
    ComparisonDimension.objects.get_or_create(name="Who it is for")
    make_outcome_area("Carers and families", ["Carers", "Young carers"])


# Forms whose fields the admin's JavaScript builds (StreamField): there is no markup to read, so
# this walk leaves them out. A new one must be added here knowingly.
BUILT_BY_JAVASCRIPT = {"core.NavigationSettings"}


def built_by_javascript(response):
    form = response.context["form"]
    return any(isinstance(field.widget, BlockWidget) for field in form.fields.values())


def test_every_snippet_and_setting_saved_unchanged_in_the_admin_changes_nothing(client, home_page):
    make_one_of_each_snippet()
    client.force_login(make_staff(ADMINISTRATOR))
    failures, skipped = [], set()
    for label, url, instance in admin_edit_cases():
        if built_by_javascript(client.get(url)):
            skipped.add(label)
            continue
        before = record_state(instance)
        response = submit_unchanged(client, url)
        if response.status_code != 302:
            failures.append(f"{label}: {response.status_code}")
        elif record_state(instance) != before:
            failures.append(f"{label}: {before} became {record_state(instance)}")
    assert not failures, "\n".join(failures)
    assert skipped == BUILT_BY_JAVASCRIPT


def test_an_administrator_saving_a_member_unchanged_changes_nothing(client, home_page):
    member = MemberFactory(first_name="Ishbel", last_name="Grant")
    client.force_login(make_staff(ADMINISTRATOR))
    fields = ["username", "email", "first_name", "last_name", "is_active", "is_superuser"]
    before = model_to_dict(member, fields=fields), set(member.groups.all())

    url = reverse("wagtailusers_users:edit", args=[member.pk])
    response = submit_unchanged(client, url)

    assert response.status_code == 302, response.content.decode()[:3000]
    member.refresh_from_db()
    assert (model_to_dict(member, fields=fields), set(member.groups.all())) == before
