from wagtail.search import index
from wagtail.signals import page_published, page_unpublished


def index_published_page(sender, instance, **kwargs):
    """Index a page again once it is published.

    The search index is written on post_save, before modelcluster stores a page's tags and other
    child relations; by the time page_published is sent they are in the database.
    """
    index.insert_or_update_object(instance.specific)


def unindex_unpublished_page(sender, instance, **kwargs):
    """Unpublishing saves only a few fields; the search backend then drops the page (not live)."""
    index.insert_or_update_object(instance.specific)


def connect():
    page_published.connect(index_published_page, dispatch_uid="core_index_published_page")
    page_unpublished.connect(unindex_unpublished_page, dispatch_uid="core_unindex_unpublished_page")
