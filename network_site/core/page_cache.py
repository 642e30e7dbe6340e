"""The visitor page cache and the content cache, in the shared cache (`VISITOR_PAGE_CACHE_ALIAS`).

**Who may see a page is never cached.** A stored page is served only after one indexed query has
found its Wagtail page still live and under no view restriction (its own or an ancestor's), read
from the database on every hit: a restriction added by `.update()`, raw SQL or a missed signal
makes the page slower (rendered, then refused by Wagtail), never leaked.

**What is stored.** A page is stored only when nothing in it can be personal: a GET or HEAD without
a session (a cookie naming no session counts as none) or messages cookie, answered 200 with no
cookie set, no `private`/`no-store`, no form token or CSP nonce used, and not under
`VISITOR_PAGE_CACHE_SKIP`. It is stored compressed (Brotli, gzip or identity, from `Accept-Encoding`
read token by token), so a hit costs one cache read, no rendering and no compression.

**The key is what the page reads.** Tracking parameters (`utm_*`, `fbclid`, `gclid`...) are taken
out of the query string before the page sees it. The page reads `request.GET` through a dict that
notes the names it reads; those names are remembered for the address, and the key holds only their
values, so a parameter the page does not read maps to the plain page.

**Purging** is precise: what a visitor sees changes with publishing, unpublishing, moving or
deleting a live page, a view restriction, a site, and the records that apps register through the
`register_page_cache_purges` hook in their `wagtail_hooks.py` (a snippet or setting that every
page may show purges all; a record shown on a few pages, such as a booking, purges those
addresses). A draft, a revision, a new image or tag, a rendition purge nothing.

**The content cache** (`content_cached`) keeps what is expensive and shared (a listing's facet
counts, related lists, the menu) under the same generation, so a purge of all turns it over too.
"""

import gzip
import hashlib
import re
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import brotli
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Exists, F, Model, OuterRef
from django.db.models.functions import Length, Substr
from django.http import HttpRequest, QueryDict
from django.http.response import HttpResponseBase
from django.middleware.csp import get_nonce
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.encoding import iri_to_uri
from django.utils.http import parse_http_date_safe

if TYPE_CHECKING:
    from wagtail.models import Page

GENERATION_KEY = "visitor-pages:generation"
PRIVATE_COOKIES = ("messages",)
PURGES_HOOK = "register_page_cache_purges"
# Parameters that say where a visitor came from, never what a page shows.
TRACKING_PARAMETERS = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl"
    r"|igshid|twclid|li_fat_id)$"
)
# The names a page reads when it reads them all (it iterated the query string).
ALL_NAMES = ("*",)

# The generation read once per request (a one-item list while a request is served), so that the
# menu, the footer and a listing's counts cost one cache read for it, not one each.
_generation_this_request: ContextVar[list | None] = ContextVar(
    "generation_this_request", default=None
)


def page_cache() -> BaseCache:
    return caches[settings.VISITOR_PAGE_CACHE_ALIAS]


# --- Purging -----------------------------------------------------------------------------------


def purge_visitor_pages(**kwargs: Any) -> None:
    """Makes every stored visitor page stale (a new generation): at once, and again when the
    transaction commits, so that a page rendered meanwhile is not kept."""
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


def _reads_key(path):
    return f"visitor-pages:reads:{hashlib.sha256(path.encode()).hexdigest()}"


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


# Records shown on a few pages only: a function of a record giving (page, whole) pairs, `whole`
# meaning the page and every address under it (its routes), else its address only.
type PagesShowing = Callable[[Any], Iterable[tuple["Page", bool]]]


@dataclass(frozen=True)
class Purge:
    """What a change to a `model` record makes stale: every visitor page and the content cache
    (no `pages_showing`: a snippet or a setting that pages show), or only the pages
    `pages_showing(record)` gives. Apps return these from the `register_page_cache_purges` hook."""

    model: type[Model]
    pages_showing: PagesShowing | None = None


def registered_purges() -> dict[type[Model], Purge]:
    from wagtail import hooks

    purges = {}
    for hook in hooks.get_hooks(PURGES_HOOK):
        for purge in hook():
            purges[purge.model] = purge
    return purges


def _page_path(page):
    url = page.get_url()
    return urlsplit(url).path if url else None


def purge_pages_showing(record: Model, pages_showing: PagesShowing) -> None:
    try:
        pages = list(pages_showing(record))
    except ObjectDoesNotExist:
        # Deleted along with its page, whose own deletion purges everything.
        return
    addresses, below = [], []
    for page, whole in pages:
        path = _page_path(page)
        if path:
            (below if whole else addresses).append(path)
    if addresses or below:
        purge_addresses(addresses, below)


# Fields Wagtail writes when a draft is saved, a page is locked or its workflow moves: what
# visitors see of a live page changes only when it is published.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "live_revision",
    }
)


def _is_draft_save(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS


def on_save(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    if raw:
        return
    if issubclass(sender, Page):
        # A new draft, a draft of a live page, a lock: nothing a visitor sees. A page saved
        # live (created so, or changed without a revision, as commands do) is seen at once.
        if instance.live and not _is_draft_save(update_fields):
            purge_visitor_pages()
    elif sender in (PageViewRestriction, Site):
        purge_visitor_pages()
    elif sender in (get_image_model(), get_document_model()) or sender._meta.label == "taggit.Tag":
        # An upload or a new tag shows nowhere until a page using it is published; an editor's
        # change to one (its title, its file) shows wherever it is used. Wagtail's own updates
        # (a file's hash or size, worked out on first use) name their fields.
        if not created and update_fields is None:
            purge_visitor_pages()
    else:
        _purge_registered(sender, instance)


def on_delete(sender, instance, **kwargs):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    if issubclass(sender, Page):
        if instance.live:
            purge_visitor_pages()
    elif sender in (PageViewRestriction, Site, get_image_model(), get_document_model()) or (
        sender._meta.label == "taggit.Tag"
    ):
        purge_visitor_pages()
    else:
        _purge_registered(sender, instance)


def on_m2m_changed(sender, instance, action, **kwargs):
    from wagtail.models import PageViewRestriction

    if not action.startswith("post_"):
        return
    if isinstance(instance, PageViewRestriction):
        purge_visitor_pages()
    else:
        _purge_registered(type(instance), instance)


def _purge_registered(model, instance):
    purge = registered_purges().get(model)
    if purge is None:
        return
    if purge.pages_showing is None:
        purge_visitor_pages()
    else:
        purge_pages_showing(instance, purge.pages_showing)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_visitor_pages, dispatch_uid=f"visitor_pages_{id(signal)}")
    post_save.connect(on_save, dispatch_uid="visitor_pages_save")
    post_delete.connect(on_delete, dispatch_uid="visitor_pages_delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="visitor_pages_m2m")


# --- The content cache -------------------------------------------------------------------------


def content_cached[T](name: str, key_parts: Any, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the shared cache until the content changes (the generation turns) or
    `CONTENT_CACHE_SECONDS` pass; `key_parts` (any repr-able values: what the result depends on)
    tell its variants apart."""
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


# --- The visitor page cache --------------------------------------------------------------------


class ReadNotingQueryDict(QueryDict):
    """A request's query string that notes which names the page reads (all of them once it is
    iterated, copied or counted), so that the stored page is keyed on those values only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.names_read: set[str] = set()
        self.read_all = False
        super().__init__(*args, **kwargs)
        # What filling it in touched is not the page's reading.
        self.names_read.clear()
        self.read_all = False

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.names_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def note_all_read(self):
        self.read_all = True

    def __iter__(self):
        self.note_all_read()
        return super().__iter__()

    def __len__(self):
        self.note_all_read()
        return super().__len__()

    def keys(self):
        self.note_all_read()
        return super().keys()

    def items(self):
        self.note_all_read()
        return super().items()

    def lists(self):
        self.note_all_read()
        return super().lists()

    def values(self):
        self.note_all_read()
        return super().values()

    def dict(self):
        self.note_all_read()
        return super().dict()

    def urlencode(self, safe=None):
        self.note_all_read()
        return super().urlencode(safe)

    def copy(self):
        self.note_all_read()
        return super().copy()

    def names(self) -> tuple[str, ...]:
        return ALL_NAMES if self.read_all else tuple(sorted(self.names_read))


def without_tracking(query_string: str) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if not TRACKING_PARAMETERS.match(name)
    ]


# Stored pages hold nothing secret (no form token, no session), so Brotli without Django's gzip
# padding against BREACH is safe for them; every other response keeps GZipMiddleware's gzip.
BROTLI_QUALITY = 6
ENCODINGS_BY_PREFERENCE = ("br", "gzip")


def accepted_encoding(header: str) -> str:
    """The stored copy a client gets: "br" or "gzip" when it accepts that coding (a token of
    Accept-Encoding with a q above 0; the highest q wins, Brotli on a tie), else "identity"."""
    qualities = {}
    for token in header.split(","):
        coding, _, parameters = token.strip().partition(";")
        coding = {"x-gzip": "gzip"}.get(coding.strip().lower(), coding.strip().lower())
        if coding == "*":
            coding = "gzip"
        if coding not in ENCODINGS_BY_PREFERENCE:
            continue
        quality = parameters.strip().lower().removeprefix("q=").strip() or "1"
        try:
            qualities[coding] = max(qualities.get(coding, 0.0), float(quality))
        except ValueError:
            continue
    accepted = [coding for coding in ENCODINGS_BY_PREFERENCE if qualities.get(coding, 0) > 0]
    if not accepted:
        return "identity"
    return max(accepted, key=lambda coding: qualities[coding])


def as_brotli(response: HttpResponseBase) -> HttpResponseBase:
    """The response's body compressed with Brotli (from gzip's, if GZipMiddleware compressed it)."""
    encoding = response.get("Content-Encoding")
    if encoding not in (None, "gzip") or getattr(response, "streaming", False):
        return response
    body = gzip.decompress(response.content) if encoding == "gzip" else response.content
    response.content = brotli.compress(body, quality=BROTLI_QUALITY)
    response["Content-Encoding"] = "br"
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _has_session(request):
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    # A cookie that names no session (garbage, or an expired one) is a visitor like any other.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    return len(key) >= 8 and store().exists(key)


def _is_anonymous_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if any(request.path.startswith(prefix) for prefix in settings.VISITOR_PAGE_CACHE_SKIP):
        return False
    if any(name in request.COOKIES for name in PRIVATE_COOKIES):
        return False
    return not _has_session(request)


def _nonce_used(request):
    # Django's lazy CSP nonce is truthy once a template has used it: such a page is per-request.
    return bool(get_nonce(request))


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


def remember_served_page(page, request, serve_args, serve_kwargs):
    """Wagtail's `before_serve_page` hook: the page a response comes from, whose view
    restrictions a stored copy is checked against on every hit."""
    request.visitor_cache_page = page


def _served_page_id(request):
    """The id of the Wagtail page the response came from (None for a view that is not a page's),
    or False when it must not be stored: an alias, or below one, whose restrictions are its
    original's (Wagtail's rule), which the check on a hit does not follow."""
    from wagtail.models import Page

    page = getattr(request, "visitor_cache_page", None)
    if page is None:
        return None
    above = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    if page.alias_of_id or Page.objects.filter(path__in=above, alias_of__isnull=False).exists():
        return False
    return page.pk


def still_public(page_id: int) -> bool:
    """One query: the page is live and no view restriction lies on it or above it."""
    from wagtail.models import Page, PageViewRestriction

    restricted = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("prefix"))
    return Page.objects.filter(pk=page_id, live=True).filter(~Exists(restricted)).exists()


@dataclass
class Lookup:
    """What the cache is asked for a request: the key of its stored copy, if the names the page
    reads are known, and what the key is made from."""

    path: str
    variant: str
    pairs: list[tuple[str, str]]
    versions: list
    key: str | None


def _key(request, variant, pairs, names, versions, generation):
    if names == ALL_NAMES:
        chosen = sorted(pairs)
    else:
        chosen = sorted(pair for pair in pairs if pair[0] in names)
    address = iri_to_uri(request.build_absolute_uri(request.path))
    digest = hashlib.sha256(repr((address, chosen, names, versions)).encode()).hexdigest()
    return f"visitor-pages:{generation}:{variant}:{digest}"


def _lookup(request, cache):
    path = request.path
    version_keys = _version_keys(path)
    remembered = _generation_this_request.get()
    wanted = [_reads_key(path), *version_keys]
    # The generation in the same round trip as the versions, unless this request has it already.
    found = cache.get_many(wanted if remembered else [GENERATION_KEY, *wanted])
    if GENERATION_KEY in found and remembered is not None:
        remembered.append(found[GENERATION_KEY])
    versions = [found.get(key, 0) for key in version_keys]
    variant = accepted_encoding(request.headers.get("Accept-Encoding", ""))
    pairs = without_tracking(request.META.get("QUERY_STRING", ""))
    names = found.get(_reads_key(path))
    key = None
    if names is not None:
        key = _key(request, variant, pairs, names, versions, _generation(cache))
    return Lookup(path, variant, pairs, versions, key)


class VisitorPageCacheMiddleware:
    """Serves and stores visitors' pages (see the module's docstring for the rules)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _generation_this_request.set([])
        try:
            return self.serve(request)
        finally:
            _generation_this_request.reset(token)

    def serve(self, request: HttpRequest) -> HttpResponseBase:
        if settings.VISITOR_PAGE_CACHE_SECONDS <= 0 or not _is_anonymous_request(request):
            return self.get_response(request)
        cache = page_cache()
        lookup = _lookup(request, cache)
        stored = cache.get(lookup.key) if lookup.key else None
        if stored is not None and (stored["page_id"] is None or still_public(stored["page_id"])):
            response = stored["response"]
            conditional = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
            conditional["X-Cache"] = "hit"
            return conditional
        # The page sees the query string without tracking parameters and notes what it reads,
        # and compression follows the encoding in the key.
        query = ReadNotingQueryDict(urlencode(lookup.pairs), encoding=request.encoding)
        request.GET = query
        # Brotli is applied here, to a page found shareable; until then it is gzip's.
        request.META["HTTP_ACCEPT_ENCODING"] = "gzip" if lookup.variant == "br" else lookup.variant
        response = self.get_response(request)
        if _is_shareable(request, response) and (page_id := _served_page_id(request)) is not False:
            patch_cache_control(response, public=True, max_age=settings.VISITOR_PAGE_MAX_AGE)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if lookup.variant == "br":
                response = as_brotli(response)
            names = query.names()
            key = _key(
                request, lookup.variant, lookup.pairs, names, lookup.versions, _generation(cache)
            )
            seconds = settings.VISITOR_PAGE_CACHE_SECONDS
            cache.set_many(
                {_reads_key(lookup.path): names, key: {"page_id": page_id, "response": response}},
                seconds,
            )
            response["X-Cache"] = "miss"
        return response
