from django.utils.translation import gettext_lazy as _

from competitions.forms import CompetitionForm, EntryFormSet, HonourForm, ProposalForm
from competitions.models import Competition, Honour, RationalisationProposal
from competitions.services import competition_copy, entries_save
from ledger.crud import Column, RecordPages, children_view

NAV = "competitions/nav_tabs.html"

competition_pages = RecordPages(
    model=Competition, form_class=CompetitionForm, namespace="competitions",
    columns=("date", "title", "kind", "organiser"), nav_include=NAV,
    record_title=lambda r: r.title, copy=competition_copy,
    detail_include="competitions/entries_table.html",
    detail_context=lambda request, r: {"entries": r.entries.select_related("member")},
)
proposal_pages = RecordPages(
    model=RationalisationProposal, form_class=ProposalForm, namespace="competitions",
    prefix="proposal_", route="proposals/", nav_include=NAV,
    columns=("date", "title", "submitters", "campaign", "grade", "adopted"),
    record_title=lambda r: r.title,
)
honour_pages = RecordPages(
    model=Honour, form_class=HonourForm, namespace="competitions", prefix="honour_",
    route="honours/", nav_include=NAV,
    columns=("date", Column(label=_("awarded to"), value=lambda r: r.display_name),
             Column(label=_("honour"), value=lambda r: r.title_other or r.get_title_display()),
             "level", "awarding_body"),
)

competition_entries = children_view(
    competition_pages, formset_class=EntryFormSet, children=lambda c: c.entries.all(),
    service=entries_save, heading=_("Entries"),
    extra_context=lambda c: {"trades": c.trade_list})
