from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from network_site.core import root_files
from network_site.core import sitemap as core_sitemap
from network_site.core import views as core_views

urlpatterns = [
    # No page or collection is password-protected here (members sign in with their accounts), so
    # Wagtail's password forms are not offered at all.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.not_found,
    ),
    path("documents/authenticate_with_password/<int:restriction_id>/", core_views.not_found),
    path("", include("network_site.membership.urls")),
    path("", include("following.urls")),
    path("", include("learning_log.urls")),
    path("", include("plain_language.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("search/", core_views.search, name="search"),
    path("api/", include("network_site.api")),
    path("conversations/", include("conversations.urls")),
    path("ripples/", include("ripples.urls")),
    path("sitemap.xml", core_sitemap.sitemap, name="sitemap"),
    path("robots.txt", core_sitemap.robots_txt, name="robots_txt"),
    path("favicon.ico", root_files.favicon, name="favicon"),
]

if settings.SERVE_MEDIA:
    # Image renditions only: documents go through /documents/ (which checks collection
    # restrictions) and original images are never served.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", core_views.public_media)]

# Wagtail's page router comes last: it answers every path the patterns above do not.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "network_site.core.views.page_not_found"
handler500 = "network_site.core.views.server_error"
