"""The outcome-focused language check: what it finds (whole words, any case, plurals), what it
suggests, the readability figure, and that it advises without blocking or storing anything, on
the share-a-story form, through its as-you-type address and in the admin."""

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network_site.core.roles import EDITOR, MODERATOR
from plain_language.checker import (
    MAX_CHECKED_CHARACTERS,
    all_advice,
    check_fields,
    find_wording,
    phrase_pattern,
    readability,
    syllables,
)
from plain_language.models import LanguageAdvice
from plain_language.seed import FIRST_ADVICE
from stories.models import StoryPage
from tests.factories.core import StandardPageFactory, paragraph_body
from tests.factories.membership import make_staff
from tests.factories.stories import make_member, story_form_data

pytestmark = pytest.mark.django_db

BRIEF_PHRASES = [
    "service user",
    "placed",
    "non-compliant",
    "challenging behaviour",
    "suffers from",
    "care package",
]


def phrases_found(text):
    return {finding.phrase for finding in find_wording(text, all_advice())}


def row_counts():
    """Rows in every table of the project's and the frameworks' models."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_seeded_list_has_the_briefs_phrases_and_more():
    phrases = set(LanguageAdvice.objects.values_list("phrase", flat=True))
    assert set(BRIEF_PHRASES) <= phrases
    assert len(phrases) == len(FIRST_ADVICE) >= 20
    assert LanguageAdvice.objects.filter(kind="jargon").exists()


@pytest.mark.parametrize("phrase", [phrase for phrase, *_ in FIRST_ADVICE])
def test_each_phrase_is_found_in_a_sentence_and_in_capitals(phrase):
    assert phrase in phrases_found(f"Yesterday the {phrase} was mentioned.")
    assert phrase in phrases_found(f"{phrase.upper()} WAS MENTIONED.")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Two service users told us.", "service user"),
        ("Their care packages were cut.", "care package"),
        ("The stakeholders met.", "stakeholder"),
        ("She was non compliant, they said.", "non-compliant"),
        ("She was noncompliant, they said.", "non-compliant"),
        ("He was\nplaced in a home.", "placed"),
        ("Service\n   User feedback", "service user"),
        ("(challenging behaviour)", "challenging behaviour"),
    ],
)
def test_plurals_spaces_and_hyphens_are_found(text, phrase):
    assert phrase in phrases_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The book was misplaced.",
        "A placeholder for now.",
        "The service was useful to the user.",
        "The client-side script ran.",  # a hyphenated word is another word
        "She is compliant with nothing.",
        "Preplaced stones.",
    ],
)
def test_only_whole_words_are_found(text):
    assert phrases_found(text) & {"placed", "service user", "client", "non-compliant"} == set()


def test_each_finding_has_the_suggestion_and_why():
    [finding] = find_wording("She suffers from MS.", all_advice())
    advice = LanguageAdvice.objects.get(phrase="suffers from")
    assert finding.found == "suffers from"
    assert finding.suggestion == advice.suggestion and finding.why == advice.why
    assert finding.count == 1


def test_a_phrase_editors_add_is_found_at_once():
    LanguageAdvice.objects.create(
        phrase="frequent flyer",
        kind="service-led",
        suggestion="someone we see often",
        why="Kinder.",
    )
    assert "frequent flyer" in phrases_found("A frequent flyer at A&E.")


@pytest.mark.parametrize("phrase", ["", "   ", "---", "(.*)+"])
def test_a_phrase_without_letters_or_digits_matches_nothing(phrase):
    assert phrase_pattern(phrase) is None


def test_regular_expression_syntax_in_a_phrase_is_taken_literally():
    pattern = phrase_pattern("a.b (c)")
    assert pattern.search("say a.b (c) here")
    assert not pattern.search("say axb c here")


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("happy", 2),
        ("water", 2),
        ("table", 2),
        ("yellow", 2),
        ("cat", 1),
        ("make", 1),
        ("river", 2),
    ],
)
def test_syllables_by_the_rule_of_thumb(word, count):
    assert syllables(word) == count


def test_the_readability_figure_is_the_flesch_reading_ease():
    text = "Happy water paper table yellow. Garden kitten under over river."
    figure = readability(text)
    # 10 words, 2 sentences, 20 syllables.
    assert (figure.words, figure.sentences) == (10, 2)
    assert figure.score == round(206.835 - 1.015 * (10 / 2) - 84.6 * (20 / 10))
    assert figure.label == "hard to read"
    plain = readability(
        "We met. We talked. She said what she wants. We wrote it down. It was good."
    )
    assert plain.score == 100 and plain.label == "very easy to read"


def test_short_text_gets_no_figure():
    assert readability("Too short to measure.") is None


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_is_checked_without_error(text):
    [advice] = check_fields([("text", "Text", text)])
    if advice.readability:
        assert 0 <= advice.readability.score <= 100


# --- The share-a-story form ----------------------------------------------------------------------


@pytest.fixture
def member(client):
    user = make_member("writer")
    client.force_login(user)
    return user


def test_submitting_shows_the_advice_beside_the_field_and_keeps_every_word(
    client, story_index, member
):
    data = story_form_data(what_mattered="As a service user he was placed far from his club.")
    client.get(story_index.share_url)  # the site's settings are made on first use
    before = row_counts()
    response = client.post(story_index.share_url, data)
    assert response.status_code == 200
    assert row_counts() == before  # nothing saved, nothing stored by the check
    html = response.content.decode()
    assert "Some wording to think about" in html
    assert "Submit for moderation as it is" in html
    advice_box = html.split('id="language-advice-what_mattered"')[1].split("</div>\n")[0]
    assert "Instead of “service user”" in advice_box and "Instead of “placed”" in advice_box
    assert "As a service user he was placed far from his club.</textarea>" in html
    assert '<input type="hidden" name="language_checked" value="1">' in html

    # Sending anyway: the story goes to the moderators as written.
    response = client.post(story_index.share_url, {**data, "language_checked": "1"})
    assert response.status_code == 302
    story = StoryPage.objects.get(owner=member)
    assert story.get_latest_revision_as_object().what_mattered.startswith("As a service user")


def test_a_draft_is_saved_at_once_whatever_its_wording(client, story_index, member):
    data = story_form_data(action="save", summary="A care package story.")
    assert client.post(story_index.share_url, data).status_code == 302
    story = StoryPage.objects.get(owner=member)
    edit = client.get(story_index.subpage_url("edit_story", story.pk)).content.decode()
    assert "Instead of “care package”" in edit


def test_a_story_without_such_wording_goes_straight_through(client, story_index, member):
    assert client.post(story_index.share_url, story_form_data()).status_code == 302
    assert StoryPage.objects.filter(owner=member).exists()


def test_the_form_with_errors_shows_the_advice_too(client, story_index, member):
    data = story_form_data(title="", what_changed="She is non-compliant with the plan.")
    html = client.post(story_index.share_url, data).content.decode()
    assert "Enter a title for your story" in html
    assert "Instead of “non-compliant”" in html


def test_the_form_has_the_script_and_its_address(client, story_index, member):
    html = client.get(story_index.share_url).content.decode()
    assert 'src="/static/plain_language/js/language-check.js"' in html
    assert f'data-language-check-url="{reverse("plain_language:check_text")}"' in html


# --- The as-you-type address ---------------------------------------------------------------------

CHECK_URL = "/language-check/"


def test_the_check_answers_members_with_findings_and_a_figure(client, member):
    before = row_counts()
    response = client.post(
        CHECK_URL,
        {"text": "The client suffers from anxiety and was signposted to a service. " * 3},
    )
    assert row_counts() == before
    assert response.status_code == 200
    answer = response.json()
    assert {finding["phrase"] for finding in answer["findings"]} == {
        "client",
        "suffers from",
        "signposted",
    }
    assert answer["findings"][0]["suggestion"]
    assert answer["readability"]["score"] >= 0 and answer["readability"]["label"]


def test_staff_may_use_the_check(client):
    client.force_login(make_staff(MODERATOR))
    assert client.post(CHECK_URL, {"text": "care package"}).status_code == 200


def test_visitors_are_refused_without_a_check(client):
    response = client.post(CHECK_URL, {"text": "service user"})
    assert response.status_code == 403
    assert "findings" not in response.json()


def test_too_long_or_bad_text_gets_a_clear_answer(client, member):
    response = client.post(CHECK_URL, {"text": "a" * (MAX_CHECKED_CHARACTERS + 1)})
    assert response.status_code == 400
    assert response.json() == {"error": "The text is too long to check at once."}
    assert client.post(CHECK_URL, {"text": "null\x00byte"}).status_code == 400
    assert client.get(CHECK_URL).status_code == 405


def test_the_check_is_rate_limited(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "language_check": "3/m/user"}
    answers = [client.post(CHECK_URL, {"text": "placed"}).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(["text", "field", "csrfmiddlewaretoken", "text[]"]),
        st.text(max_size=300),
        max_size=4,
    )
)
def test_hostile_input_to_the_check_never_fails(client, member, data):
    response = client.post(CHECK_URL, data)
    assert response.status_code in (200, 400, 429)


# --- The admin -----------------------------------------------------------------------------------


def test_editors_check_any_page_from_its_header_menu(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Our service users",
        body=paragraph_body("Each care package is reviewed by the multi-disciplinary team."),
    )
    client.force_login(make_staff(EDITOR))
    check_url = reverse("plain_language_check_page", args=[page.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert check_url in edit and "Check the wording" in edit
    before = row_counts()
    html = client.get(check_url).content.decode()
    assert row_counts() == before
    assert "“service users”" in html
    assert "“care package”" in html and "“multi-disciplinary team”" in html
    assert "Reading ease" in html or "has no text" not in html


def test_the_check_reads_the_latest_draft(client, home_page):
    page = StandardPageFactory(parent=home_page, title="A page")
    draft = page.get_latest_revision_as_object() if page.latest_revision else page
    draft.introduction = "People in receipt of support."
    draft.save_revision()
    client.force_login(make_staff(EDITOR))
    html = client.get(reverse("plain_language_check_page", args=[page.pk])).content.decode()
    assert "“in receipt of”" in html


def test_staff_who_cannot_edit_the_page_are_refused(client, home_page):
    page = StandardPageFactory(parent=home_page)
    client.force_login(make_staff(MODERATOR))
    response = client.get(reverse("plain_language_check_page", args=[page.pk]))
    assert response.status_code == 302
    client.force_login(make_staff(EDITOR))
    assert client.get(reverse("plain_language_check_page", args=[999999])).status_code == 404


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    overrides=st.dictionaries(
        st.sampled_from(["title", "summary", "what_mattered", "what_changed", "language_checked"]),
        st.one_of(
            st.text(max_size=200).map(lambda text: text.replace("\x00", "")),
            st.sampled_from(["service user", "PLACED", "non compliant care packages", "1", ""]),
        ),
        max_size=4,
    )
)
def test_hostile_input_to_the_story_form_never_breaks_and_the_advice_saves_nothing(
    client, story_index, member, overrides
):
    before = StoryPage.objects.count()
    response = client.post(story_index.share_url, story_form_data(**overrides))
    assert response.status_code in (200, 302)
    if response.status_code == 200 and b'id="language-review"' in response.content:
        assert StoryPage.objects.count() == before
