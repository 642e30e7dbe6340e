import json

import factory
import wagtail_factories

from network_site.core.models import HomePage, StandardPage


def paragraph_body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    introduction = "An open network."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A page of the site."
    body = factory.LazyFunction(lambda: paragraph_body("Some words on the page."))

    class Meta:
        model = StandardPage
