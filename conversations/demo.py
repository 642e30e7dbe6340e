"""Demo conversations: responses with replies on a story and a resource, and questions to the
network, one with an accepted answer. Idempotent: loading twice adds nothing."""

from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from network_site.core import contributions
from network_site.core.demo_data import read_yaml
from network_site.core.models import Sector

from .models import Contribution, MeToo

DEMO_CONTENT = Path(__file__).parent / "demo_content" / "conversations.yaml"


def demo_page(name):
    """The live page named "app.model/slug", or None when that app's demo is not loaded."""
    label, slug = name.split("/", 1)
    model = apps.get_model(label)
    return model.objects.live().filter(slug=slug).first()


def shown(kind, author, text, **fields):
    """The demo contribution, made visible at once (demo words need no moderator)."""
    contribution, _ = Contribution.objects.get_or_create(
        kind=kind,
        author=author,
        text=text.strip(),
        defaults={
            **fields,
            "status": Contribution.Status.VISIBLE,
            "published_at": timezone.now(),
        },
    )
    return contribution


def load(context):
    data = read_yaml(DEMO_CONTENT)
    people = {user.email: user for user in get_user_model().objects.exclude(email="")}
    for entry in data["responses"]:
        page = demo_page(entry["page"])
        author = people.get(entry["author"])
        if page is None or author is None:
            continue
        response = shown(contributions.RESPONSE, author, entry["text"], page=page)
        for reply in entry.get("replies", []):
            if reply["author"] in people:
                shown(
                    contributions.REPLY,
                    people[reply["author"]],
                    reply["text"],
                    page=page,
                    parent=response,
                )
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    for entry in data["questions"]:
        author = people.get(entry["author"])
        if author is None:
            continue
        question = shown(contributions.QUESTION, author, entry["text"], title=entry["title"])
        question.themes.set(entry.get("themes", []))
        question.sectors.set(
            [sectors[slug] for slug in entry.get("sectors", []) if slug in sectors]
        )
        for answer_data in entry.get("answers", []):
            if answer_data["author"] not in people:
                continue
            answer = shown(
                contributions.ANSWER,
                people[answer_data["author"]],
                answer_data["text"],
                parent=question,
            )
            if answer_data.get("accepted"):
                Contribution.objects.filter(pk=question.pk).update(accepted_answer=answer)
        for email in entry.get("me_too", []):
            if email in people:
                MeToo.objects.get_or_create(question=question, member=people[email])
    context["stdout"].write("Conversations: demo responses and questions loaded")
