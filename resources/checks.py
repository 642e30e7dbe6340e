from django.core.checks import Warning, register

from .pdf import weasyprint_or_reason

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"


@register()
def booklet_pdf_check(app_configs, **kwargs):
    """Says plainly, at start-up, when the booklet PDF cannot be made on this machine."""
    weasyprint, reason = weasyprint_or_reason()
    if weasyprint is not None:
        return []
    return [
        Warning(
            f"The booklet PDF is switched off: {reason}",
            hint=(
                f"Install Debian's Pango (apt-get install -y {PANGO_PACKAGES}) and restart. "
                "Every other page works without it; the booklet offers its print view instead."
            ),
            id="resources.W001",
        )
    ]
