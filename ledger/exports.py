"""Files produced from the ledger by background jobs."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jobs.registry import producer
from ledger.models import ChronicleEntry


@producer("chronicle_pdf", label=gettext_lazy("Chronicle (PDF)"))
def chronicle_pdf(job, report) -> tuple[str, bytes]:
    """The chronicle (大事记) of a subtree for one year, as an A4 PDF."""
    from weasyprint import HTML

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
        content = HTML(string=html).write_pdf()
    return f"{title}.pdf", content
