from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.utils.cache import patch_cache_control


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
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
