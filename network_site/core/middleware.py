from django.conf import settings
from django.db import DataError
from django.http.request import split_domain_port
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from .page_cache import content_cached


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP middleware, with the looser admin policy applied under the admin's path."""

    def process_response(self, request, response):
        if request.path.startswith(settings.ADMIN_PATH_PREFIX) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)


class PrivateForSignedInMiddleware:
    """Whatever a signed-in person is sent is theirs alone: `Cache-Control: private, no-store`,
    so neither a shared cache nor the browser's disk keeps it (a members' page, an admin screen, a
    public page that greets them by name). Visitors' pages keep whatever caching they had."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Taken before the view runs (and still unevaluated): the public API, which takes no
        # credentials, replaces `request.user` with an anonymous user, yet the person is signed in.
        user = getattr(request, "user", None)
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class OutOfRangeValuesMiddleware:
    """A number in a URL or a form past what the database's integers hold (`/mine/2**70/edit/`)
    makes the driver fail before any query runs: OverflowError on SQLite, DataError on PostgreSQL.
    Nothing can have such an id, so the answer is "not found", never a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError | DataError):
            from .views import page_not_found

            return page_not_found(request, exception)
        return None


class SiteForRequestMiddleware:
    """Finds the Wagtail site that answers the request's host (with its home page) once per
    content change, in the content cache, and hands it to Wagtail where it keeps it for the
    request (`_wagtail_site`).
    Wagtail's own lookup builds a ranked query of every site for each request: about 5 ms of a
    page's time, for a record that changes only when an administrator edits the sites (which, as
    any content change, turns the content cache over)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]
        request._wagtail_site = content_cached(
            "site-for-host", (hostname, request.get_port()), lambda: site_with_home(request)
        )
        return self.get_response(request)


def site_with_home(request):
    """The site for the request, kept with its home page's own fields, which Wagtail's routing
    reads for every page (`site.root_page.specific`, a query of its own each time)."""
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
