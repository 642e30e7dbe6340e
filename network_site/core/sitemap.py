"""sitemap.xml and robots.txt: public pages only, every address on SITE_URL.

The sitemap is Wagtail's list of live pages without a view restriction (members-only stories and
anything under a restricted page stay out); each page puts its entries on the site's address
(`SitePage.get_sitemap_urls`)."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .site_address import absolute_url

# Paths that are for people who sign in, or that only repeat what the pages say.
NOT_FOR_CRAWLERS = ["/admin/", "/accounts/", "/account/", "/members/", "/search/", "/api/"]


@require_GET
def sitemap(request):
    return sitemap_view(request, sitemaps={"pages": WagtailSitemap(request)})


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in NOT_FOR_CRAWLERS]
    lines += ["", f"Sitemap: {absolute_url('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
