"""The questions index ("Ask the network"), through the core's one filtered listing."""

from django.db.models import Count, Exists, Max, OuterRef, Q
from taggit.models import Tag

from network_site.core import contributions
from network_site.core.listing import Facet, filtered_listing, sector_facet

from .models import Contribution, MeToo

QUESTIONS_PER_PAGE = 20
UNANSWERED, ANSWERED = "unanswered", "answered"


def visible_answers():
    return Contribution.objects.visible().filter(kind=contributions.ANSWER, parent=OuterRef("pk"))


def answered_condition(values):
    has_answer = Exists(visible_answers())
    condition = Q()
    if UNANSWERED in values:
        condition |= ~Q(has_answer)
    if ANSWERED in values:
        condition |= Q(has_answer)
    return condition


def answered_counts(questions):
    counted = questions.order_by().aggregate(
        answered=Count("pk", filter=Q(Exists(visible_answers()))), every=Count("pk")
    )
    return {ANSWERED: counted["answered"], UNANSWERED: counted["every"] - counted["answered"]}


def themes_in(questions):
    return list(
        Tag.objects.filter(
            conversations_contributiontheme_items__content_object__in=questions.values("pk")
        )
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


FACETS = [
    Facet(
        "answers",
        "Answers",
        [(UNANSWERED, "No answer yet"), (ANSWERED, "Answered")],
        condition=answered_condition,
        counts=answered_counts,
    ),
    Facet("theme", "Theme", themes_in, lookup="theme_items__tag__slug"),
    sector_facet(),
]


def questions_version():
    """Changes whenever a question or answer is posted, changed or deleted: the key of what the
    content cache keeps about the index."""
    stamp = Contribution.objects.filter(
        kind__in=[contributions.QUESTION, contributions.ANSWER]
    ).aggregate(changed=Max("changed_at"), count=Count("pk"))
    changed = stamp["changed"].isoformat() if stamp["changed"] else ""
    return f"{changed}:{stamp['count']}"


def question_listing(request):
    listing = filtered_listing(
        Contribution.objects.questions().visible(),
        request.GET,
        facets=FACETS,
        scope=("questions", questions_version()),
        per_page=QUESTIONS_PER_PAGE,
        order_by=["-last_activity_at", "-pk"],
        prefetch=["theme_items__tag", "sectors"],
    )
    ids = [question.pk for question in listing.page.object_list]
    answer_counts = dict(
        Contribution.objects.visible()
        .filter(kind=contributions.ANSWER, parent_id__in=ids)
        .order_by()
        .values_list("parent_id")
        .annotate(count=Count("pk"))
    )
    me_too_counts = dict(
        MeToo.objects.filter(question_id__in=ids)
        .order_by()
        .values_list("question_id")
        .annotate(count=Count("pk"))
    )
    listing.rows = [
        (question, answer_counts.get(question.pk, 0), me_too_counts.get(question.pk, 0))
        for question in listing.page.object_list
    ]
    return listing


def unanswered_questions(limit=5):
    return list(
        Contribution.objects.questions()
        .visible()
        .exclude(Exists(visible_answers()))
        .order_by("-created_at", "-pk")[:limit]
    )
