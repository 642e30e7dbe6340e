"""The visitor page cache: whole pages for people who are not signed in, kept in the shared cache.

A page is stored only when nothing in it can be personal: a GET or HEAD from a request without a
session or messages cookie, answered 200 with no cookie set, no `private`/`no-store`, no form token
used, and not under the admin, the accounts pages, documents or the API. It is served to requests
without those cookies only. Publishing, unpublishing, moving or deleting a page, and saving the
content that pages are built from, turns the generation over: every stored page is then stale at once,
which covers the page itself, its indexes, archives, the home page and the feeds.

The stored response is the compressed one, keyed by whether the client accepts gzip, so a hit costs
one cache read and no rendering or compression.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import iri_to_uri
from django.utils.http import parse_http_date_safe

GENERATION_KEY = "visitor-pages:generation"
PRIVATE_COOKIES = ("messages",)


def page_cache():
    return caches[settings.VISITOR_PAGE_CACHE_ALIAS]


def purge_visitor_pages(**kwargs):
    """Makes every stored visitor page stale (a new generation), for any content change: at once,
    and again when the transaction commits, so that a page rendered meanwhile is not kept."""
    _turn_generation()
    transaction.on_commit(_turn_generation)


def _turn_generation():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def _generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 0, timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def _is_anonymous_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if any(name in request.COOKIES for name in PRIVATE_COOKIES):
        return False
    return not any(request.path.startswith(prefix) for prefix in settings.VISITOR_PAGE_CACHE_SKIP)


def _cache_key(request, generation):
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    address = iri_to_uri(request.build_absolute_uri())
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"visitor-pages:{generation}:{'gz' if accepts_gzip else 'id'}:{digest}"


def _nonce_used(request):
    # Django's lazy CSP nonce is truthy once a template has used it: such a page is per-request.
    return bool(getattr(request, "_csp_nonce", None))


def _is_shareable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    if not response.get("Content-Type", "").startswith(("text/html", "application/atom+xml")):
        return False
    return not _nonce_used(request)


class VisitorPageCacheMiddleware:
    """Serves and stores visitors' pages (see the module's docstring for the rules)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.VISITOR_PAGE_CACHE_SECONDS <= 0 or not _is_anonymous_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = _cache_key(request, _generation(cache))
        cached = cache.get(key)
        if cached is not None:
            conditional = get_conditional_response(
                request,
                etag=cached.get("ETag"),
                last_modified=parse_http_date_safe(cached.get("Last-Modified", "")),
                response=cached,
            )
            cached["X-Cache"] = "hit"
            return conditional
        response = self.get_response(request)
        if _is_shareable(request, response):
            patch_cache_control(response, public=True, max_age=settings.VISITOR_PAGE_MAX_AGE)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(key, response, settings.VISITOR_PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response


# Content that visitors' pages are built from: a save or delete of any of these apps' records
# (pages, snippets, settings, tags, images, bookings, "helped" marks) purges the cache.
PURGING_APPS = {
    "core",
    "stories",
    "resources",
    "events",
    "mapping",
    "taggit",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
}
PURGING_WAGTAIL_MODELS = {"page", "pageviewrestriction", "site", "locale"}


def purge_on_content_change(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in PURGING_APPS or (
        meta.app_label == "wagtailcore" and meta.model_name in PURGING_WAGTAIL_MODELS
    ):
        purge_visitor_pages()


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_visitor_pages, dispatch_uid=f"visitor_pages_{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(purge_on_content_change, dispatch_uid=f"visitor_pages_model_{id(signal)}")
