from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network_site.core.demo import DEMO_CONTENT_HOOK

from . import views
from .report import may_see_report


@hooks.register("register_admin_urls")
def register_impact_urls():
    return [
        path("impact/", views.report_view, name="impact_report"),
        path("impact/words/", views.words_view, name="impact_words"),
        path("impact/report.zip", views.csv_zip_view, name="impact_csv"),
        path("impact/report.pdf", views.pdf_view, name="impact_pdf"),
    ]


class ImpactReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_admin_menu_item")
def register_impact_menu_item():
    return ImpactReportMenuItem(
        "Impact report", reverse("impact_report"), icon_name="doc-full-inverse", order=250
    )


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("impact", "impact.demo.load")
