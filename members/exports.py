"""Files produced from the member register by background jobs (found by jobs.registry).

The Excel import's jobs are declared in ``members.imports``; importing it here registers
them wherever jobs run (a Celery worker loads no URLconf, so nothing else would).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jobs.registry import producer
from members import excel, imports  # noqa: F401  (imports: registers the import jobs)
from members.models import Member
from organisations.models import AccessAction, Organisation
from organisations.services import access_log_write, sees_personal_data


@dataclass(frozen=True)
class JobScope:
    """What the list's filter form needs of a scope, rebuilt in a job from its union."""

    organisation: Organisation

    def organisations(self):
        return Organisation.objects.subtree(self.organisation)


def filtered_members(organisation: Organisation, query: str):
    """The list page's search and filters (its own form), cut to the job's subtree."""
    from members.forms import MemberFilterForm

    form = MemberFilterForm(QueryDict(query) or None, scope=JobScope(organisation))
    # The chosen union (validated by the form against the subtree) cuts the subtree, as on
    # the list page; the form applies the other filters.
    root = form.values().get("organisation") or organisation
    members = form.filter(Member.objects.within_by_ids(root))
    return members.select_related("organisation").order_by(*form.ordering())


@producer("member_export", label=gettext_lazy("Members (Excel)"))
def member_export(job, report) -> tuple[str, bytes]:
    """The filtered member list as .xlsx; numbers masked unless the role shows them; every
    export is written to the personal-data access log with its row count."""
    organisation, user = job.organisation, job.requested_by
    query = job.params.get("query", "")
    with translation.override(job.params.get("language", "zh-hans")):
        report(gettext_noop("Gathering members"), 5)
        members = filtered_members(organisation, query)
        total = members.count()
        content, count = excel.export_workbook(
            members.iterator(chunk_size=2000),
            unmasked=sees_personal_data(user, organisation), total=total,
            progress=lambda share: report(gettext_noop("Writing the file"),
                                          10 + int(share * 85)))
        access_log_write(user=user, organisation=organisation, action=AccessAction.EXPORT,
                         subject=_("Member list in Excel (%(filters)s)")
                         % {"filters": query or _("no filter")}, records=count)
        title = _("%(org)s members") % {"org": organisation.name}
    return f"{title}.xlsx", content
