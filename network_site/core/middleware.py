from django.conf import settings
from django.db import DataError
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP, build_policy


class AdminContentSecurityPolicyMiddleware:
    """The looser admin policy (ADMIN_CSP) under the admin's path. It sits after Django's CSP
    middleware, so it writes the header first, and Django's leaves a header a response has."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The header's name as a plain string: a WSGI server may refuse the enum Django names it by.
        header = CSP.HEADER_ENFORCE.value
        if request.path.startswith(settings.ADMIN_PATH_PREFIX) and header not in response:
            response[header] = build_policy(settings.ADMIN_CSP, get_nonce(request))
        return response


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
