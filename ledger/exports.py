"""Files produced from the ledger by background jobs."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jobs.registry import producer
from ledger.models import ChronicleEntry

# The vendored CJK font of every PDF (static/fonts/noto-sans-sc/README.md), read from the
# repository so a worker needs neither collectstatic nor a Chinese font on the machine.
FONT_CSS = settings.BASE_DIR / "static" / "fonts" / "noto-sans-sc" / "noto-sans-sc.css"
# A user stylesheet: !important is what lets it override the template's font-family.
FONT_FAMILY_CSS = 'html, body { font-family: "Noto Sans SC" !important; }'


def write_pdf_with_vendored_font(html: str) -> bytes:
    """WeasyPrint with the vendored Noto Sans SC declared and used for all the text."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    stylesheets = [CSS(filename=str(FONT_CSS), font_config=font_config),
                   CSS(string=FONT_FAMILY_CSS, font_config=font_config)]
    return HTML(string=html).write_pdf(stylesheets=stylesheets, font_config=font_config)


@producer("chronicle_pdf", label=gettext_lazy("Chronicle (PDF)"))
def chronicle_pdf(job, report) -> tuple[str, bytes]:
    """The chronicle (大事记) of a subtree for one year, as an A4 PDF."""
    year = int(job.params["year"])
    organisation = job.organisation
    with translation.override(job.params.get("language", "zh-hans")):
        report(gettext_noop("Gathering records"), 20)
        entries = list(
            ChronicleEntry.objects.within(organisation).in_year(year)
            .select_related("organisation").order_by("date", "pk")
        )
        title = _("%(org)s chronicle of %(year)s") % {"org": organisation.name, "year": year}
        html = render_to_string("ledger/chronicle_pdf.html", {
            "title": title, "organisation": organisation, "year": year, "entries": entries,
        })
        report(gettext_noop("Rendering"), 60)
        content = write_pdf_with_vendored_font(html)
    return f"{title}.pdf", content
