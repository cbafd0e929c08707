from django.utils.translation import gettext_lazy as _

from competitions.crud import RecordPages, children_view, copy_view, record_views
from competitions.forms import CompetitionForm, EntryFormSet, HonourForm, ProposalForm
from competitions.models import Competition, Honour, RationalisationProposal
from competitions.services import competition_copy, entries_save

competition_pages = RecordPages(
    model=Competition, form_class=CompetitionForm, namespace="competitions", prefix="",
    columns=[(_("title"), lambda r: r.title), (_("kind"), lambda r: r.get_kind_display()),
             (_("organised by"), lambda r: r.get_organiser_display())],
    title=lambda r: r.title, can_copy=True,
    detail_include="competitions/entries_table.html",
    detail_context=lambda request, r: {"entries": r.entries.select_related("member")},
)
proposal_pages = RecordPages(
    model=RationalisationProposal, form_class=ProposalForm, namespace="competitions",
    prefix="proposal_",
    columns=[(_("title"), lambda r: r.title), (_("submitted by"), lambda r: r.submitters),
             (_("campaign"), lambda r: r.campaign), (_("grade"), lambda r: r.get_grade_display()),
             (_("adopted"), lambda r: _("yes") if r.adopted else _("no"))],
    title=lambda r: r.title,
)
honour_pages = RecordPages(
    model=Honour, form_class=HonourForm, namespace="competitions", prefix="honour_",
    columns=[(_("awarded to"), lambda r: r.display_name),
             (_("honour"), lambda r: r.title_other or r.get_title_display()),
             (_("level"), lambda r: r.get_level_display()),
             (_("awarded by"), lambda r: r.awarding_body)],
    title=str,
)

_c = record_views(competition_pages)
competition_list, competition_detail = _c["list"], _c["detail"]
competition_create, competition_update, competition_delete = (
    _c["create"], _c["update"], _c["delete"])
competition_copy_view = copy_view(competition_pages, competition_copy)
competition_entries = children_view(
    competition_pages, formset_class=EntryFormSet, children=lambda c: c.entries.all(),
    service=entries_save, heading=_("Entries"),
    extra_context=lambda c: {"trades": c.trade_list})

_p = record_views(proposal_pages)
proposal_list, proposal_detail = _p["list"], _p["detail"]
proposal_create, proposal_update, proposal_delete = _p["create"], _p["update"], _p["delete"]

_h = record_views(honour_pages)
honour_list, honour_detail = _h["list"], _h["detail"]
honour_create, honour_update, honour_delete = _h["create"], _h["update"], _h["delete"]
