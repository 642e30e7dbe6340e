"""The most used resources, counted on the server with no cookie and nothing about the visitor.

Why an image: a resource's page is stored in the visitor page cache and most visits are answered
from there without reaching the page's code, so counting where the page renders would count only
the visits that miss the cache. Counting in the cache's hit path would make core know about
resources. Instead the page carries a 1-pixel image, `<page>seen/`, which browsers fetch with
every view of the page, cached or not; its answer is `no-store`, so it is never cached, and the
page around it stays cacheable. The image's view adds one to today's count for the page (one row
per page and day, `ResourceUse`) and stores nothing else: no cookie is set, no address, no time,
no user. Crawlers that do not fetch images are not counted, which is what we want; a person who
reloads the page counts twice, as in a server log. Previews and drafts are not counted.
"""

import base64
import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# The smallest transparent GIF.
TRANSPARENT_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def count_view(page) -> None:
    from .models import ResourceUse

    today = timezone.localdate()
    uses = ResourceUse.objects.filter(page=page, day=today)
    if uses.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ResourceUse.objects.create(page=page, day=today, views=1)
    except IntegrityError:
        # Another request made today's row first.
        uses.update(views=F("views") + 1)


def counted_view_response(request, page) -> HttpResponse:
    if request.method == "GET" and page.live and not getattr(request, "is_preview", False):
        try:
            count_view(page)
        except DatabaseError:
            # A lost count is not worth an error: the image is still answered.
            logger.warning("Could not count a view of resource %s", page.pk, exc_info=True)
    response = HttpResponse(TRANSPARENT_GIF, content_type="image/gif")
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
