"""The library, a resource, the booklet and the Carers Act guide in Chromium, each checked with axe-core."""

import pytest

from tests.browser.conftest import assert_accessible

RESOURCE_PAGES = [
    ("/resources/", "Resource library"),
    ("/resources/?type=guide&audience=practitioners", "Resource library"),
    ("/resources/?type=podcast", "Resource library"),
    ("/resources/equal-partners-in-care/", "Equal Partners in Care (EPiC)"),
    ("/resources/conversation-record-template/", "What matters to you: a conversation record"),
    ("/understanding-personal-outcomes/", "Understanding personal outcomes"),
    (
        "/understanding-personal-outcomes/the-conversations-that-make-it-work/",
        "The conversations that make it work",
    ),
    ("/understanding-personal-outcomes/print/", "Understanding personal outcomes"),
    ("/carers-act-guide/", "The Carers (Scotland) Act 2016: a guide for practitioners"),
    ("/carers-act-guide/who-is-a-carer/", "Who is a carer"),
    (
        "/carers-act-guide/adult-carer-support-plans-and-young-carer-statements/",
        "Adult carer support plans and young carer statements",
    ),
    (
        "/carers-act-guide/finding-personal-outcomes-through-good-conversations/",
        "Finding personal outcomes through good conversations",
    ),
    (
        "/carers-act-guide/local-eligibility-criteria-and-preventative-support/",
        "Local eligibility criteria and preventative support",
    ),
    ("/carers-act-guide/information-and-advice-services/", "Information and advice services"),
    ("/carers-act-guide/self-check/", "Check your understanding"),
    ("/carers-act-guide/self-check/?check=1&question_1=0", "Check your understanding"),
    (
        "/carers-act-guide/self-check/?check=1&question_1=1&question_2=1&question_3=0&question_4=0",
        "Check your understanding",
    ),
]


@pytest.mark.parametrize(("path", "heading"), RESOURCE_PAGES)
def test_resource_page_renders_and_is_accessible(page, served_site, path, heading):
    response = page.goto(served_site["url"] + path)
    assert response.status == 200
    assert page.locator("h1").first.inner_text() == heading
    assert_accessible(page)


def test_filtering_the_library_with_checkboxes(page, served_site):
    page.goto(served_site["url"] + "/resources/")
    total = page.locator(".ds_search-result").count()
    # The design system draws its own box over the input: people click the label.
    page.locator("#id_type label", has_text="Website").click()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/resources/?**type=website**")
    websites = page.locator(".ds_search-result")
    assert 0 < websites.count() < total
    assert page.get_by_role("link", name="Coalition of Carers in Scotland").is_visible()
    assert_accessible(page)


def test_a_heading_link_takes_the_reader_to_its_section(page, served_site):
    page.goto(served_site["url"] + "/understanding-personal-outcomes/values-and-principles/")
    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Informed choice"
    ).click()
    page.wait_for_url("**#informed-choice")
    assert page.locator("#informed-choice").is_visible()


def test_reading_the_booklet_from_chapter_to_chapter(page, served_site):
    page.goto(served_site["url"] + "/understanding-personal-outcomes/")
    page.get_by_role("link", name="Start reading").click()
    assert page.locator("h1").inner_text() == "What personal outcomes are"
    page.locator("a[rel='next']").click()
    assert page.locator("h1").inner_text() == "Values and principles"
    page.locator("a[rel='prev']").click()
    assert page.locator("h1").inner_text() == "What personal outcomes are"


def test_the_print_view_prints_every_chapter(page, served_site):
    page.goto(served_site["url"] + "/understanding-personal-outcomes/print/")
    page.emulate_media(media="print")
    assert page.locator(".site-booklet-print__chapter").count() == 6
    assert not page.locator(".ds_site-header__navigation").is_visible()
    assert not page.locator(".site-print-note").is_visible()
    assert page.pdf()[:4] == b"%PDF"


def choose(browser_page, answer):
    """Picks a radio answer the way a person does: by its label."""
    browser_page.locator("label.ds_radio__label", has_text=answer).click()


def test_the_self_check_and_reflection_prompts_work_without_javascript(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False)
    no_script = context.new_page()
    no_script.goto(served_site["url"] + "/carers-act-guide/who-is-a-carer/")
    no_script.get_by_text("How often do you ask the people you support").click()
    assert no_script.get_by_text("never been offered anything").is_visible()

    no_script.goto(served_site["url"] + "/carers-act-guide/self-check/")
    choose(no_script, "1 April 2018")
    no_script.get_by_role("button", name="Check my answers").click()
    assert no_script.get_by_text("Choose an answer to question 2.").first.is_visible()
    choose(no_script, "To identify the young carer's needs")
    choose(no_script, "Preventative support, including")
    choose(no_script, "About 78,000")
    no_script.get_by_role("button", name="Check my answers").click()
    assert no_script.get_by_text("You got 3 of 4 right.").is_visible()
    assert no_script.get_by_text("Many do not describe themselves as carers.").is_visible()
    context.close()


def test_printed_reflection_questions_read_as_questions_not_links(page, served_site):
    page.goto(served_site["url"] + "/understanding-personal-outcomes/print/")
    page.emulate_media(media="print")
    question = page.locator(".site-reflection .ds_details__summary").first
    hint = page.locator(".site-reflection .ds_details__text").first

    look = question.evaluate(
        "summary => { const style = getComputedStyle(summary);"
        " const arrow = getComputedStyle(summary, '::before');"
        " return {color: style.color, line: style.textDecorationLine, arrow: arrow.display}; }"
    )
    text_color = hint.evaluate("text => getComputedStyle(text).color")
    assert look == {"color": text_color, "line": "none", "arrow": "none"}
    assert hint.is_visible()
    assert "Open it" not in page.locator("main").inner_text()
