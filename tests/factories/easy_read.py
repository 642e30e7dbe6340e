import json

import factory
import wagtail_factories

from easy_read.models import EasyReadIndexPage, EasyReadPage


def steps_body(*steps):
    """Easy Read steps from (text, picture) pairs, or ("heading", text)."""
    blocks = []
    for first, second in steps:
        if first == "heading":
            blocks.append({"type": "heading", "value": second})
        else:
            blocks.append(
                {
                    "type": "step",
                    "value": {"text": first, "picture": second, "picture_description": ""},
                }
            )
    return json.dumps(blocks)


class EasyReadIndexPageFactory(wagtail_factories.PageFactory):
    title = "Easy Read"
    slug = "easy-read"
    introduction = "Pages with short sentences and pictures."

    class Meta:
        model = EasyReadIndexPage


class EasyReadPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Easy Read page {n}")
    introduction = "This page is easy to read."
    body = factory.LazyFunction(
        lambda: steps_body(("We talk about what matters to you.", "talk"), ("It is free.", "free"))
    )

    class Meta:
        model = EasyReadPage
