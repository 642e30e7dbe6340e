"""The visitor page cache: whole pages for people who are not signed in, kept in the shared cache.

A page is stored only when nothing in it can be personal: a GET or HEAD from a request without a
session or messages cookie, answered 200 with no cookie set, no `private`/`no-store`, no form token
used, and not under the admin, the accounts pages, documents or the API. It is served to requests
without those cookies only. Publishing, unpublishing, moving or deleting a page, and saving the
content that pages are built from, turns the generation over: every stored page is then stale at once,
which covers the page itself, its indexes, archives, the home page and the feeds.

A record that belongs to one page and shows only on a few (a booking: its meeting's page and the home
page's next meeting; a "helped" mark: its story) is registered with `register_page_record`, and its
change purges only those addresses (each address has a version in the key of what is stored there,
and a page's routes below it, such as its calendar, follow its version).

The stored response is the compressed one, keyed by whether the client accepts gzip, so a hit costs
one cache read and no rendering or compression.

`content_cached` keeps smaller things worked out from the content (a listing's facet counts, the
menu) in the same cache under the same generation, so that a change purges them with the pages.
"""

import hashlib
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import iri_to_uri
from django.utils.http import parse_http_date_safe

if TYPE_CHECKING:
    from wagtail.models import Page

GENERATION_KEY = "visitor-pages:generation"
PRIVATE_COOKIES = ("messages",)

# The generation read once per request (a one-item list while a request is served), so that the
# menu, the footer and a listing's counts cost one cache read for it, not one each.
_generation_this_request: ContextVar[list | None] = ContextVar(
    "generation_this_request", default=None
)


# An object for what is worked out once per request and kept on it (Wagtail's site root paths,
# see `SitePage`), while a request is served; None outside one.
_request_memo: ContextVar[SimpleNamespace | None] = ContextVar("request_memo", default=None)


def request_memo() -> SimpleNamespace | None:
    return _request_memo.get()


def page_cache() -> BaseCache:
    return caches[settings.VISITOR_PAGE_CACHE_ALIAS]


def purge_visitor_pages(**kwargs: Any) -> None:
    """Makes every stored visitor page stale (a new generation), for any content change: at once,
    and again when the transaction commits, so that a page rendered meanwhile is not kept."""
    _turn_generation()
    transaction.on_commit(_turn_generation)


def purge_addresses(addresses: Iterable[str] = (), below: Iterable[str] = ()) -> None:
    """Makes the pages stored at these addresses stale, and at every address under each of
    `below` (a page and its routes), at once and again when the transaction commits."""
    keys = [_address_key(path) for path in addresses] + [_below_key(path) for path in below]

    def turn():
        cache = page_cache()
        for key in keys:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=None)

    turn()
    transaction.on_commit(turn)


def _address_key(path):
    return f"visitor-pages:address:{hashlib.sha256(path.encode()).hexdigest()}"


def _below_key(path):
    return f"visitor-pages:below:{hashlib.sha256(path.encode()).hexdigest()}"


def _version_keys(path):
    """The versions a stored page depends on: its address's, and each address above it."""
    segments = [segment for segment in path.split("/") if segment]
    above = [
        "/" + "".join(f"{segment}/" for segment in segments[:n])
        for n in range(1, len(segments) + 1)
    ]
    return [_address_key(path)] + [_below_key(prefix) for prefix in above]


def _turn_generation():
    remembered = _generation_this_request.get()
    if remembered:
        remembered.clear()
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def _generation(cache):
    remembered = _generation_this_request.get()
    if remembered:
        return remembered[0]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 0, timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    if remembered is not None:
        remembered.append(generation)
    return generation


def content_cached[T](name: str, key_parts: Any, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the shared cache until the content changes (the generation turns) or
    `CONTENT_CACHE_SECONDS` pass; `key_parts` (any repr-able values) tell its variants apart."""
    if settings.CONTENT_CACHE_SECONDS <= 0:
        return compute()
    cache = page_cache()
    digest = hashlib.sha256(repr(key_parts).encode()).hexdigest()
    key = f"content:{_generation(cache)}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def _is_anonymous_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if any(name in request.COOKIES for name in PRIVATE_COOKIES):
        return False
    return not any(request.path.startswith(prefix) for prefix in settings.VISITOR_PAGE_CACHE_SKIP)


def _cache_key(request, cache):
    version_keys = _version_keys(request.path)
    remembered = _generation_this_request.get()
    # The generation in the same round trip as the versions, unless this request has it already.
    found = cache.get_many(version_keys if remembered else [GENERATION_KEY, *version_keys])
    if GENERATION_KEY in found and remembered is not None:
        remembered.append(found[GENERATION_KEY])
    versions = [found.get(key, 0) for key in version_keys]
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    address = iri_to_uri(request.build_absolute_uri())
    digest = hashlib.sha256(repr((address, versions)).encode()).hexdigest()
    return f"visitor-pages:{_generation(cache)}:{'gz' if accepts_gzip else 'id'}:{digest}"


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

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _generation_this_request.set([])
        memo_token = _request_memo.set(SimpleNamespace())
        try:
            return self.serve(request)
        finally:
            _request_memo.reset(memo_token)
            _generation_this_request.reset(token)

    def serve(self, request: HttpRequest) -> HttpResponseBase:
        if settings.VISITOR_PAGE_CACHE_SECONDS <= 0 or not _is_anonymous_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = _cache_key(request, cache)
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


# Records that show on a few pages only: model -> function of a record giving (page, whole)
# pairs, `whole` meaning the page and every address under it (its routes), else its address only.
type PagesShowing = Callable[[Any], Iterable[tuple["Page", bool]]]
PAGE_RECORDS: dict[type[Model], PagesShowing] = {}


def register_page_record(model: type[Model], pages_showing: PagesShowing) -> None:
    """Changing a `model` record purges only `pages_showing(record)`: (page, whole) pairs."""
    PAGE_RECORDS[model] = pages_showing


def _page_path(page):
    url = page.get_url()
    return urlsplit(url).path if url else None


def page_versions(page: "Page") -> list[int]:
    """The versions a stored copy of `page` depends on (its address's and each one above it),
    which a change to a record registered with `register_page_record` for it turns: in the key of
    what `content_cached` keeps of such records for the page (a story's "helped" count)."""
    path = _page_path(page)
    if not path:
        return []
    keys = _version_keys(path)
    found = page_cache().get_many(keys)
    return [found.get(key, 0) for key in keys]


def purge_pages_showing(record: Model, pages_showing: PagesShowing) -> None:
    try:
        pages = pages_showing(record)
    except ObjectDoesNotExist:
        # Deleted along with its page, whose own deletion purges everything.
        return
    addresses, below = [], []
    for page, whole in pages:
        path = _page_path(page)
        if path:
            (below if whole else addresses).append(path)
    purge_addresses(addresses, below)


def purge_on_content_change(
    sender: type[Model], instance: Model | None = None, **kwargs: Any
) -> None:
    if sender in PAGE_RECORDS:
        if instance is not None:
            purge_pages_showing(instance, PAGE_RECORDS[sender])
        return
    meta = sender._meta
    if meta.app_label in PURGING_APPS or (
        meta.app_label == "wagtailcore" and meta.model_name in PURGING_WAGTAIL_MODELS
    ):
        purge_visitor_pages()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_visitor_pages, dispatch_uid=f"visitor_pages_{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(purge_on_content_change, dispatch_uid=f"visitor_pages_model_{id(signal)}")
