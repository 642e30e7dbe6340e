from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from network_site.core import sitemap as core_sitemap
from network_site.core import views as core_views

urlpatterns = [
    path("", include("network_site.membership.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("search/", core_views.search, name="search"),
    path("api/", include("resources.api")),
    path("sitemap.xml", core_sitemap.sitemap, name="sitemap"),
    path("robots.txt", core_sitemap.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's page router comes last: it answers every path the patterns above do not.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "network_site.core.views.page_not_found"
handler500 = "network_site.core.views.server_error"
