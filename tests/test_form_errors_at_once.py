"""A form with several mistakes reports them all in one answer, and its error summary is the first
thing on the page: above every paragraph, where someone sent back to the form starts reading."""

import re

import pytest
from django.urls import reverse

from tests.factories.membership import MemberFactory, MemberProfileFactory, join_form_data
from tests.factories.stories import make_story_index

pytestmark = pytest.mark.django_db


def main_of(response):
    return response.content.decode().split('<main id="main-content"', 1)[1]


def summary_items(response):
    summary = re.search(r'class="ds_error-summary__list">(.*?)</ul>', main_of(response), re.S)
    return re.findall(r"<li>(.*?)</li>", summary.group(1), re.S) if summary else []


def test_the_join_form_reports_every_mistake_at_once(client, home_page):
    response = client.post(
        reverse("membership:join"),
        join_form_data(
            email="not-an-address", role="", password1="short", password2="different-again"
        ),
    )

    assert response.status_code == 400
    said = " ".join(summary_items(response))
    assert "Enter an email address in the right form" in said
    assert "Enter your role" in said
    assert "The two passwords do not match" in said
    # The short password is told on the same try as the mismatch.
    assert "too short" in said


def story_share_url(home_page):
    return make_story_index(home_page).url + "share/"


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("visitor", lambda home: reverse("membership:join")),
        ("member", lambda home: reverse("membership:account")),
        ("member", lambda home: reverse("membership:delete_account")),
        ("member", story_share_url),
        ("member", lambda home: reverse("account_change_password")),
    ],
)
def test_every_form_puts_its_error_summary_above_every_paragraph(client, home_page, who, url):
    if who == "member":
        member = MemberFactory()
        MemberProfileFactory(user=member)
        client.force_login(member)
    address = url(home_page)
    response = client.post(address, {"email": "x"})

    assert response.status_code in (200, 400), (address, response.status_code)
    main = main_of(response)
    assert 'class="ds_error-summary"' in main, address
    before_summary = main.split('class="ds_error-summary"', 1)[0]
    assert "<p" not in before_summary, address
    assert summary_items(response)
