import wagtail_factories
from django.utils.text import slugify
from taggit.models import Tag

from practice_map.models import OutcomeArea, PracticeMapPage


class PracticeMapPageFactory(wagtail_factories.PageFactory):
    title = "Outcomes practice map"
    slug = "practice-map"
    introduction = "Where the network's stories gather."

    class Meta:
        model = PracticeMapPage


def make_outcome_area(name, themes, sort_order=0):
    """An outcome area grouping the named themes (tags made when missing)."""
    area = OutcomeArea.objects.create(name=name, slug=slugify(name), sort_order=sort_order)
    area.themes.set(
        [
            Tag.objects.get_or_create(name=theme, defaults={"slug": slugify(theme)})[0]
            for theme in themes
        ]
    )
    return area
