import factory
import wagtail_factories

from network_site.core.demo import rich_text, stream
from resources.models import (
    BookletChapterPage,
    BookletPage,
    CarersActGuidePage,
    CarersActSectionPage,
    ResourceIndexPage,
    ResourcePage,
    ResourceType,
    SelfCheckPage,
)


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resource library"
    slug = "resources"
    introduction = "Guides and evidence."

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A useful resource."
    resource_type = ResourceType.GUIDE
    external_url = factory.Sequence(lambda n: f"https://example.org/resource-{n}")
    publisher = "A publisher"
    year = 2020

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if extracted:
            self.audiences.set(extracted)
            return True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if extracted:
            self.sectors.set(extracted)
            return True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            return True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Audiences, sectors and topics are the page's cluster relations: one save writes them all.
        if create and results and any(results.values()):
            instance.save()


class BookletPageFactory(wagtail_factories.PageFactory):
    title = "Understanding personal outcomes"
    slug = "booklet"
    introduction = "An introduction."

    class Meta:
        model = BookletPage


def heading_and_text(*sections):
    """A chapter body: for each (heading, text), a level-2 heading and a paragraph."""
    blocks = []
    for heading, text in sections:
        blocks.append(("heading", {"text": heading, "level": "h2"}))
        blocks.append(("paragraph", rich_text(text)))
    return stream(*blocks)


class BookletChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chapter {n}")
    introduction = "What this chapter covers."
    body = factory.LazyFunction(lambda: heading_and_text(("A section", "Some words.")))

    class Meta:
        model = BookletChapterPage


class CarersActGuidePageFactory(wagtail_factories.PageFactory):
    title = "The Carers Act guide"
    slug = "carers-act-guide"

    class Meta:
        model = CarersActGuidePage


class CarersActSectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Part {n}")
    body = factory.LazyFunction(lambda: heading_and_text(("A section", "Some words.")))

    class Meta:
        model = CarersActSectionPage


class SelfCheckPageFactory(wagtail_factories.PageFactory):
    title = "Check your understanding"
    slug = "self-check"

    class Meta:
        model = SelfCheckPage
