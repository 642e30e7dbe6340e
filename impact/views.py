"""The coordinators' impact report in the admin: the page, the words they write for each section,
and its exports (a zip of CSV files, one per section, and a tagged PDF)."""

import io
import zipfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from network_site.core.csv_export import write_csv
from network_site.core.site_address import site_url

from .models import SectionText
from .pdf import report_pdf
from .report import (
    may_see_report,
    period_form,
    period_query,
    section_reports,
    sections,
    texts_for,
)


def checked_period(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    return period_form(request.GET)


def report_view(request):
    form, period = checked_period(request)
    context = {"form": form, "period": period}
    if period is not None:
        reports = section_reports(period)
        context.update(
            reports=[(report, report.render()) for report in reports],
            query=period_query(period),
        )
    return TemplateResponse(request, "impact/admin/report.html", context)


class WordsForm(forms.Form):
    """One text box for each section of the report."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        for section in sections:
            self.fields[section.slug] = forms.CharField(
                label=section.title,
                required=False,
                max_length=SectionText._meta.get_field("text").max_length,
                widget=forms.Textarea(attrs={"rows": 5}),
            )


def words_view(request):
    _form, period = checked_period(request)
    if period is None:
        return redirect(reverse("impact_report") + "?" + request.GET.urlencode())
    words = WordsForm(
        request.POST if request.method == "POST" else None,
        sections=sections(),
        initial=texts_for(period),
    )
    if request.method == "POST" and words.is_valid():
        with transaction.atomic():
            for slug, text in words.cleaned_data.items():
                SectionText.objects.update_or_create(
                    section=slug, start=period.start, end=period.end, defaults={"text": text}
                )
        messages.success(request, "The report's words are saved.")
        return redirect(reverse("impact_report") + "?" + period_query(period))
    return TemplateResponse(
        request,
        "impact/admin/words.html",
        {"form": words, "period": period, "query": period_query(period)},
        status=400 if words.errors else 200,
    )


def private_download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def csv_zip_view(request):
    _form, period = checked_period(request)
    if period is None:
        return redirect(reverse("impact_report") + "?" + request.GET.urlencode())
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as files:
        for report in section_reports(period):
            for number, table in enumerate(report.tables, start=1):
                text = io.StringIO()
                write_csv(text, table.headers, table.rows)
                suffix = f"-{number}" if len(report.tables) > 1 else ""
                files.writestr(f"{report.section.slug}{suffix}.csv", text.getvalue())
    return private_download(
        archive.getvalue(), "application/zip", f"impact-report-{period.start}-{period.end}.zip"
    )


def pdf_view(request):
    _form, period = checked_period(request)
    if period is None:
        return redirect(reverse("impact_report") + "?" + request.GET.urlencode())
    reports = section_reports(period)
    html = render_to_string(
        "impact/report_pdf.html",
        {
            "period": period,
            "reports": [(report, report.render()) for report in reports],
            "site_url": site_url(),
        },
        request=request,
    )
    try:
        pdf = report_pdf(html)
    except RuntimeError as error:
        messages.error(request, f"The PDF cannot be made on this server: {error}")
        return redirect(reverse("impact_report") + "?" + period_query(period))
    return private_download(
        pdf, "application/pdf", f"impact-report-{period.start}-{period.end}.pdf"
    )
