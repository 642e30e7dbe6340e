"""The read-only public API (Wagtail API v2): the pages, documents and images of every app that
anyone may see.

It takes no credentials of any kind (no session, no HTTP Basic): what it serves is public, so there
is nothing to sign in for, and no password reaches it to be guessed.

Members-only content never appears here, whoever asks: pages under any view restriction (password,
login or group) and documents or images in a collection with a view restriction are left out even for a
signed-in member. Content meant for members only must therefore sit under a page view restriction or in
a restricted collection.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import Q
from django.urls import path
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

MAX_OFFSET = 2**31 - 1


class PublicReadOnlyEndpoint:
    """What every endpoint here shares: no authentication, and bad values answered with a 400."""

    authentication_classes = ()
    permission_classes = ()

    def handle_exception(self, exc):
        # Wagtail's filters pass query-string values to the database as they come: `?id=` or
        # `?child_of=99999999999999999999` fail there with ValueError, OverflowError or DataError.
        # They are the client's mistake: a 400 with a message, never a server error.
        if isinstance(exc, ValueError | OverflowError | DjangoValidationError | DataError):
            return Response(
                {"message": "A query parameter has a value this API cannot use."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)

    def listing_view(self, request):
        # Past what the database's integers hold, SQLite fails with a "datatype mismatch".
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError("offset is too large")
        # A NUL character ends SQLite's full-text query early ("unterminated string").
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise BadRequestError("a query parameter holds a NUL character")
        return super().listing_view(request)


class PublicPagesAPIViewSet(PublicReadOnlyEndpoint, PagesAPIViewSet):
    def get_base_queryset(self):
        # Wagtail's own check lets a signed-in member see login-restricted pages; `public()` does not.
        return super().get_base_queryset().public()


def restricted_collections_q():
    """Any collection with a view restriction, and every collection below one."""
    condition = Q(pk__in=[])
    for restricted_path in CollectionViewRestriction.objects.values_list(
        "collection__path", flat=True
    ):
        condition |= Q(collection__path__startswith=restricted_path)
    return condition


class PublicDocumentsAPIViewSet(PublicReadOnlyEndpoint, DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(restricted_collections_q())


def without_download_url(fields):
    return [name for name in fields if name != "download_url"]


class PublicImagesAPIViewSet(PublicReadOnlyEndpoint, ImagesAPIViewSet):
    # An original image is never served (only its renditions are), so its download_url would
    # always answer 404: the field is left out.
    meta_fields = without_download_url(ImagesAPIViewSet.meta_fields)
    listing_default_fields = without_download_url(ImagesAPIViewSet.listing_default_fields)
    nested_default_fields = without_download_url(ImagesAPIViewSet.nested_default_fields)

    def get_queryset(self):
        return super().get_queryset().exclude(restricted_collections_q())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)

urlpatterns = [path("v2/", api_router.urls)]
