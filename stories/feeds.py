from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from network_site.core.site_address import page_url

from .models import StoryPage

FEED_ITEMS = 20


class StoriesFeed(Feed):
    """An Atom feed of public stories only: feed readers are never signed in."""

    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return f"{self.index.title} | {settings.WAGTAIL_SITE_NAME}"

    def link(self):
        return page_url(self.index)

    def feed_url(self):
        return page_url(self.index) + self.index.reverse_subpage("feed")

    def subtitle(self):
        return self.index.introduction or "Stories from practice shared by network members."

    def items(self):
        return (
            StoryPage.objects.live()
            .public()
            .child_of(self.index)
            .order_by("-first_published_at")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.credit_text
