"""One way to draw a form field: Django's form renderer with the design system's templates."""

import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.urls import reverse

from tests.factories.membership import MemberFactory, join_form_data
from tests.factories.stories import make_story_index, story_form_data

pytestmark = pytest.mark.django_db


class EveryKindOfField(forms.Form):
    name = forms.CharField(label="Your name", help_text="As you like to be called.", max_length=20)
    about = forms.CharField(label="About you", widget=forms.Textarea(attrs={"rows": 3}))
    sector = forms.ChoiceField(
        label="Sector", choices=[("health", "Health"), ("housing", "Housing")]
    )
    agree = forms.BooleanField(label="I agree", help_text="You must agree.")
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    days = forms.MultipleChoiceField(
        label="Days",
        help_text="Any that suit you.",
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)


class IdsAndReferences(HTMLParser):
    """Every id in a page, every id that aria-describedby names, and every in-page link."""

    def __init__(self):
        super().__init__()
        self.ids, self.described_by, self.links = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        self.described_by += (attrs.get("aria-describedby") or "").split()
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.links.append(attrs["href"][1:])


def references(html):
    parser = IdsAndReferences()
    parser.feed(html)
    return parser


def assert_every_reference_resolves(html):
    page = references(html)
    assert set(page.described_by) <= page.ids, set(page.described_by) - page.ids
    assert set(page.links) - {"main-content"} <= page.ids


def test_an_untouched_form_in_the_design_systems_markup():
    html = str(EveryKindOfField())
    assert "ds_error-summary" not in html
    assert 'class="ds_input" ' in html and 'rows="3"' in html and 'maxlength="20"' in html
    assert '<div class="ds_select-wrapper"><select name="sector" class="ds_select"' in html
    assert 'class="ds_checkbox__input"' in html
    assert html.count('class="ds_radio__input"') == 2
    assert html.count('class="ds_checkbox ds_checkbox--small"') == 3
    assert '<input type="hidden" name="token"' in html
    # Hints are named by the question they belong to, errors not yet.
    assert 'id="id_name_helptext"' in html and 'aria-describedby="id_name_helptext"' in html
    assert '<fieldset id="id_days" aria-describedby="id_days_helptext">' in html
    assert "aria-invalid" not in html
    assert_every_reference_resolves(html)


def test_a_wrong_answer_has_its_message_beside_it_and_in_the_summary():
    form = EveryKindOfField(data={"name": "x" * 21, "sector": "pirates", "colour": "green"})
    html = str(form)
    assert html.index("ds_error-summary") < html.index('<label class="ds_label" for="id_name">')
    assert '<a href="#id_name">' in html and '<a href="#id_colour">' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert "ds_input ds_input--error" in html and "ds_select ds_select--error" in html
    assert '<fieldset id="id_colour" aria-describedby="id_colour_error">' in html
    assert html.count("ds_question ds_question--error") == len(form.errors)
    assert_every_reference_resolves(html)


def test_the_join_form_with_errors_links_every_message(client, home_page):
    response = client.post(reverse("membership:join"), join_form_data(email="nope", password2="x"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert '<a href="#id_email">' in html
    assert_every_reference_resolves(html)


def test_the_story_form_and_the_sign_in_page_use_the_same_markup(client, home_page):
    sign_in = client.post(reverse("account_login"), {"login": "", "password": ""}).content
    index = make_story_index(home_page)
    client.force_login(MemberFactory())
    story_form = client.post(index.share_url, story_form_data(title="", summary="")).content
    for html in (story_form.decode(), sign_in.decode()):
        assert "ds_error-summary" in html
        assert re.search(r'<p class="ds_question__error-message" id="id_\w+_error">', html)
        assert_every_reference_resolves(html)


def test_wagtails_admin_keeps_its_own_look(admin_client, home_page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).content
    assert b"ds_question" not in html and b"ds_input" not in html
