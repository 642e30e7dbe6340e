"""Files that browsers and feed readers ask for at the site's root, whatever the pages link to."""

from django.conf import settings
from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = settings.PROJECT_DIR / "static" / "images" / "favicon.ico"


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request):
    # A browser showing a non-HTML response (a feed, a PDF, the API) still asks for /favicon.ico.
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
