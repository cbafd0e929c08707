"""Every page of the portal that takes input, found where it can be found.

Found in the URLconf: every create and edit page made by ``ledger.crud`` from a
``RecordPages`` declaration (its ``form_class``) and every children page (its formset). A
new register declared that way is fuzzed without a line here. The record an edit page
edits comes from the access matrix's maker for that URL, run on the mirrored tree, so it
is union A's and cadre_a may edit it.

Written out here (``EXPLICIT``): the pages with a form of their own — the member register,
transfers, welfare's cases, reviews, grants and rules, resolutions, the report's texts,
opening a report, the reasons of the review steps, switching role — and the fields that
views read straight from the POST. ``NO_INPUT`` lists the views that take no field at all
(a delete, a copy, an approval: a bare POST) and ``READ_ONLY`` the pages that only read
(``tests/fuzz/test_queries.py`` attacks their query strings).
``test_every_page_is_classified`` keeps the three lists complete.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextlib import suppress
from urllib.parse import unquote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import strategies as st

from activities.forms import PhotoUploadForm
from ledger.crud import RecordPages
from members.forms import LeaveForm, MemberFilterForm, MemberForm
from members.models import Member, MemberTransfer
from members.views_transfers import TransferRequestForm
from organisations.models import Role, RoleKind
from organisations.scope import SESSION_KEY
from reports.assembly import gather
from reports.forms import ReportOpenForm, ReportTextsForm
from reports.models import Report, ReportEvent
from reports.periods import Period
from reports.services import report_approve, report_start, report_submit
from rights.forms import ResolutionForm
from rights.models import CongressSession, Resolution
from tests.activities.images import jpeg_bytes
from tests.fuzz import hostile
from tests.fuzz.harness import Page
from tests.fuzz.plans import (
    FieldPlan,
    formset_post,
    initial_post,
    plan_form,
    plan_formset,
    raw,
)
from tests.fuzz.sides import mirrored, scope_of
from tests.reports.helpers import official_of
from tests.test_access_matrix import MATRIX, SUPERUSER_ONLY, _patterns
from welfare.forms import (
    BatchFormSet,
    BatchHeaderForm,
    CaseForm,
    GrantForm,
    PayForm,
    ReviewForm,
    RuleForm,
)
from welfare.models import AidGrant, AidRule, CaseReview, HardshipCase

PUBLIC = {"home", "health", "health_ready", "login", "logout", "password_change",
          "password_change_done", "set_language", "axes_lockout"}


def url_names() -> dict[str, object]:
    """Every named view of the portal (the admin's and the public ones aside)."""
    found = {}
    for namespace, pattern in _patterns():
        if namespace in SUPERUSER_ONLY or (not namespace and pattern.name in PUBLIC):
            continue
        found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern
    return found


def _nonlocals(function) -> dict:
    return inspect.getclosurevars(function).nonlocals if function.__closure__ else {}


def _closure(pattern) -> dict:
    """The variables the innermost view closes over (``pages``, ``formset_class``...)."""
    return _nonlocals(inspect.unwrap(pattern.callback))


def _kind(pattern) -> str:
    return inspect.unwrap(pattern.callback).__name__


def answers_get(pattern) -> bool:
    """False for a view behind ``require_POST`` (found in the decorators' closures)."""
    view = pattern.callback
    while view is not None:
        methods = _nonlocals(view).get("request_method_list")
        if methods is not None:
            return "GET" in methods
        view = getattr(view, "__wrapped__", None)
    return True


def _owner(name: str, mirror) -> tuple[dict, object]:
    """Union A's object for ``name`` (the matrix's maker on the mirrored tree), and the
    user who owns it there."""
    entry = MATRIX[name]
    kwargs = entry[0](mirror)
    owners = entry[3] if len(entry) > 3 else ("cadre_b",)
    return kwargs, getattr(mirror, owners[0])


def _writer(t, pattern):
    """Who may use a page without ids: cadre_a, or the official of A's street where an
    official is needed."""
    need = getattr(pattern.callback, "required_role", RoleKind.VIEWER)
    return t.official_street_a if need >= RoleKind.OFFICIAL else t.cadre_a


def _copied(update_name: str, t, model, form_for: Callable, extra: Callable | None = None):
    """A post a create page accepts: the record its edit page edits (the matrix's maker),
    as its form shows it; the record is then deleted, so that a one-per-person rule does
    not refuse its copy."""
    kwargs, user = _owner(update_name, mirrored(t))
    record = model._base_manager.get(pk=kwargs["pk"])
    good = {**initial_post(form_for(record, scope_of(user))),
            **(extra(record) if extra else {})}
    with suppress(ProtectedError):
        record.delete()
    return good


# --- Found in the URLconf ------------------------------------------------------------------

def record_page(name: str, pattern, t) -> Page:
    pages: RecordPages = _closure(pattern)["pages"]

    def form_for(record, scope):
        return pages.form_class(instance=record, scope=scope)

    if _kind(pattern) == "record_create":
        user, pk, kwargs = _writer(t, pattern), None, {}
        good = _copied(pages.url("update"), t, pages.model, form_for)
    else:
        kwargs, user = _owner(name, mirrored(t))
        pk, good = kwargs["pk"], None
    scope = scope_of(user)

    def instance():
        if pk is None:
            return pages.model(date=timezone.localdate())
        return pages.model._base_manager.get(pk=pk)

    def bind(data):
        return pages.form_class(data, instance=instance(), scope=scope)

    form = form_for(instance(), scope)
    return Page(reverse(name, kwargs=kwargs), user, plan_form(form), bind=bind,
                model=pages.model, pk=pk, good=good or initial_post(form))


def children_page(name: str, pattern, t) -> Page:
    closure = _closure(pattern)
    pages, formset_class, children = (closure["pages"], closure["formset_class"],
                                      closure["children"])
    kwargs, user = _owner(name, mirrored(t))
    parent = pages.model._base_manager.get(pk=kwargs["pk"])
    formset = formset_class(queryset=children(parent),
                            form_kwargs={pages.model._meta.model_name: parent})
    return Page(reverse(name, kwargs=kwargs), user, plan_formset(formset),
                good=formset_post(formset))


def discovered() -> dict[str, Callable]:
    """URL name -> how to make its page, for every page ``ledger.crud`` made with a form."""
    found = {}
    for name, pattern in url_names().items():
        closure = _closure(pattern)
        if _kind(pattern) in ("record_create", "record_update") and "pages" in closure:
            found[name] = (lambda t, n=name, p=pattern: record_page(n, p, t))
        elif _kind(pattern) == "record_children" and "formset_class" in closure:
            found[name] = (lambda t, n=name, p=pattern: children_page(n, p, t))
    return found


# --- Written out ---------------------------------------------------------------------------

def _form_page(url, user, form_for, *, model=None, pk=None, good=None, **extra) -> Page:
    """A page whose form is ``form_for(data)`` (unbound with ``None``); without ``good``,
    the form as shown is the post it accepts."""
    form = form_for(None)
    return Page(url, user, plan_form(form), bind=form_for, model=model, pk=pk,
                good=initial_post(form) if good is None else good, **extra)


def member_create(t) -> Page:
    scope = scope_of(t.cadre_a)
    good = _copied("members:update", t, Member,
                   lambda member, scope: MemberForm(instance=member, scope=scope),
                   lambda member: {"document_number": member.document_number})
    return _form_page(reverse("members:create"), t.cadre_a, lambda data: MemberForm(
        data, instance=Member(join_date=timezone.localdate()), scope=scope), model=Member,
        good=good)


def member_update(t) -> Page:
    kwargs, user = _owner("members:update", mirrored(t))
    scope = scope_of(user)
    return _form_page(reverse("members:update", kwargs=kwargs), user, lambda data: MemberForm(
        data, instance=Member.objects.get(**kwargs), scope=scope), model=Member,
        pk=kwargs["pk"])


def member_leave(t) -> Page:
    kwargs, user = _owner("members:leave", mirrored(t))
    return _form_page(reverse("members:leave", kwargs=kwargs), user, LeaveForm, model=Member,
                      pk=kwargs["pk"], good={"status": "withdrawn", "status_date": "2025-06-01"})


def member_filters(name: str):
    def page(t) -> Page:
        scope = scope_of(t.cadre_a)
        form = MemberFilterForm(scope=scope)
        return Page(reverse(name), t.cadre_a, plan_form(form) + [
            raw("after", st.just(""), hostile.hostile_text()),
            raw("before", st.just(""), hostile.hostile_text())], method="get")

    return page


def transfer_request(t) -> Page:
    kwargs, user = _owner("members:transfer_request", mirrored(t))
    return _form_page(reverse("members:transfer_request", kwargs=kwargs), user,
                      TransferRequestForm, model=MemberTransfer,
                      good={"to_organisation": str(t.union_a2.pk), "reason": "工作调动"})


def transfer_decision(name: str):
    """The receiving union's answer, with a note read straight from the POST."""

    def page(t) -> Page:
        kwargs, _owner_user = _owner(name, mirrored(t))
        note = raw("note", hostile.valid_text(200, required=True))
        return Page(reverse(name, kwargs=kwargs), t.official_district, [note],
                    model=MemberTransfer, pk=kwargs["pk"], good={"note": "同意"})

    return page


def photo_upload(t) -> Page:
    kwargs, user = _owner("activities:photos", mirrored(t))
    photo = st.builds(SimpleUploadedFile, st.sampled_from(["p.jpg", "照片.png", "x"]),
                      st.just(jpeg_bytes((20, 10))))
    junk = st.builds(SimpleUploadedFile, hostile.file_names(120),
                     st.one_of(st.binary(max_size=300), st.just(b""),
                               st.just(b"\xff\xd8\xff" + b"\x00" * 64),
                               st.just(b"GIF89a" + b"\x00" * 20)))
    plans = [FieldPlan("photos", st.lists(photo, min_size=1, max_size=2),
                       st.lists(st.one_of(junk, photo), min_size=1, max_size=3)),
             *plan_form(PhotoUploadForm())[1:]]
    return Page(reverse("activities:photos", kwargs=kwargs), user, plans,
                answers=(200, 302, 400))


def resolution(name: str):
    def page(t) -> Page:
        kwargs, user = _owner(name, mirrored(t))
        scope = scope_of(user)
        good = None
        if name == "rights:resolution_create":
            session = CongressSession.objects.get(**kwargs)
            good = _copied("rights:resolution_update", t, Resolution,
                           lambda record, scope: ResolutionForm(instance=record, scope=scope))

            def instance():
                return Resolution(session=session)
            pk = None
        else:
            pk = kwargs["pk"]

            def instance():
                return Resolution.objects.get(pk=pk)
        return _form_page(reverse(name, kwargs=kwargs), user, lambda data: ResolutionForm(
            data, instance=instance(), scope=scope), model=Resolution, pk=pk, good=good)

    return page


def welfare_record(name: str, form_class, model, make_instance: Callable | None = None,
                   *, copy_of: str = "", confirm: bool = False, extra: Callable | None = None):
    """A welfare form page: create (``make_instance``, its good post copied from the edit
    page ``copy_of``) or edit (the matrix's record)."""

    def page(t) -> Page:
        good = None
        if make_instance is not None:
            kwargs, user = {}, _writer(t, url_names()[name])
            if name == "welfare:review_create":
                kwargs, user = _owner(name, mirrored(t))
            pk = None
            good = _copied(copy_of, t, model, lambda record, scope: form_class(
                instance=record, scope=scope), extra)
        else:
            kwargs, user = _owner(name, mirrored(t))
            pk = kwargs["pk"]
        scope = scope_of(user)

        def instance():
            if pk is not None:
                return model._base_manager.get(pk=pk)
            return make_instance(kwargs)

        page = _form_page(reverse(name, kwargs=kwargs), user, lambda data: form_class(
            data, instance=instance(), scope=scope), model=model, pk=pk, good=good,
            not_stored=IDENTITY if model is HardshipCase else ())
        if confirm:
            page.plans.append(raw("confirm_warnings", st.sampled_from(["1", ""])))
            page.good["confirm_warnings"] = "1"
        return page

    return page


# A case's identity is the service's: a member's case keeps no name or document type of
# its own, and a worker's document type defaults to the resident ID card.
IDENTITY = ("name", "document_type")


def _review_of(kwargs):
    case = HardshipCase.objects.with_state().get(**kwargs)
    return CaseReview(case=case, date=timezone.localdate(), level=case.state_level)


def grant_pay(t) -> Page:
    kwargs, user = _owner("welfare:grant_pay", mirrored(t))
    return _form_page(reverse("welfare:grant_pay", kwargs=kwargs), user, PayForm,
                      model=AidGrant, pk=kwargs["pk"], good={"paid_on": "2025-06-01"})


def grants_waiting(t) -> Page:
    from tests.welfare import factories

    grant = factories.grant(t.union_a, t.cadre_a, member=Member.objects.filter(
        organisation=t.union_a).first(), approver=t.official_street_a)
    own = [str(grant.pk)]
    others = [str(pk) for pk in AidGrant.objects.exclude(pk=grant.pk).values_list("pk",
                                                                                 flat=True)]
    plans = [raw("grant", st.lists(st.sampled_from(own), min_size=1),
                 st.lists(hostile.foreign_ids([int(pk) for pk in others]), min_size=1),
                 many=True),
             raw("action", st.sampled_from(["approve", "pay"]), hostile.hostile_choice(
                 ["approve", "pay"])),
             raw("paid_on", hostile.valid_date(), hostile.hostile_date())]
    return Page(reverse("welfare:grants_waiting"), t.cadre_a, plans, model=AidGrant,
                pk=grant.pk, answers=(200, 302, 403),  # a cadre's "approve" is refused
                good={"grant": own, "action": "pay", "paid_on": "2025-06-01"})


def grants_batch(t) -> Page:
    scope = scope_of(t.cadre_a)
    header = BatchHeaderForm()
    formset = BatchFormSet(queryset=AidGrant.objects.none(), form_kwargs={
        "organisation": t.union_a, "scope": scope, "header": None})
    plans = plan_form(header) + plan_formset(formset, rows=2)
    plans.append(raw("confirm_warnings", st.sampled_from(["1", ""])))
    worker = Member.objects.filter(organisation=t.union_a).first()
    good = {**formset_post(formset, rows=2), "date": "2025-06-01",
            "programme": "spring_festival", "visit_reason": "", "confirm_warnings": "1",
            "form-0-member": str(worker.pk), "form-0-cash": "300"}
    return Page(reverse("welfare:grants_batch"), t.cadre_a, plans, good=good)


def _texts_page(report: Report, user) -> Page:
    computed = gather(report.organisation, report.period)

    def bind(data):
        return ReportTextsForm(data, report=Report.objects.get(pk=report.pk), computed=computed)

    form = ReportTextsForm(report=report, computed=computed)
    good = {**initial_post(form), "reason": "补充数据"}
    return Page(reverse("reports:edit", kwargs={"pk": report.pk}), user, plan_form(form),
                bind=bind, good=good,
                model=Report, pk=report.pk, share=0.5,  # each post gathers every section
                not_stored=("reason",))  # why an approved report changed: its event keeps it


def report_edit(t) -> Page:
    kwargs, user = _owner("reports:edit", mirrored(t))
    return _texts_page(Report.objects.get(**kwargs), user)


def approved_report_edit(t) -> Page:
    """An approved report changed by the official above, who must give a reason."""
    return _texts_page(_reviewed(t, approved=True), t.official_street_a)


def report_open(t) -> Page:
    scope = scope_of(t.cadre_a)
    return _form_page(reverse("reports:open"), t.cadre_a, lambda data: ReportOpenForm(
        data, organisations=scope.organisations()), model=Report,
        good={"organisation": str(t.union_a.pk), "year": "2025", "period_kind": "year"})


def _reason_plans():
    return [raw("reason", hostile.valid_text(None, required=True))]


def _reviewed(t, *, approved: bool) -> Report:
    """Union A2's report (A2 has no records, so no logic check stops it), submitted by its
    official, and approved by the official of A's street if ``approved``."""
    official = official_of(t.union_a2, "official_a2")
    report = report_start(organisation=t.union_a2, period=Period(2025), actor=official)
    report_submit(report, official)
    if approved:
        report_approve(report, t.official_street_a)
    return Report.objects.get(pk=report.pk)


def review_step(name: str):
    """Returning a submitted report, or reopening an approved one: the reason is free text
    read straight from the POST and kept as the step's event."""

    def page(t) -> Page:
        report = _reviewed(t, approved=name == "reports:reopen")
        return Page(reverse(name, kwargs={"pk": report.pk}), t.official_street_a,
                    _reason_plans(), model=ReportEvent, good={"reason": "数据有误"})

    return page


def not_reporting(t) -> Page:
    kwargs, user = _owner("reports:not_reporting", mirrored(t))
    return Page(reverse("reports:not_reporting", kwargs=kwargs), user, _reason_plans(),
                model=Report, good={"reason": "已撤销"})


def switch_role(t) -> Page:
    """A cadre with two roles; ``role`` and ``next`` are read straight from the POST."""
    extra = Role.objects.create(user=t.cadre_a, organisation=t.union_a2, kind=RoleKind.VIEWER)
    own = [str(role.pk) for role in Role.objects.filter(user=t.cadre_a)]
    others = list(Role.objects.exclude(user=t.cadre_a).values_list("pk", flat=True))
    targets = ["/", "/members/", "//evil.example/", "https://evil.example/", "javascript:alert(1)",
               "/\\evil.example", "\\\\evil.example", "/%0d%0aSet-Cookie:x=1", " //evil.example",
               "http://testserver/members/", "/\x00/", "\t//evil.example"]

    def accepts(response, data):
        location = unquote(response["Location"])  # as the browser will follow it
        assert url_has_allowed_host_and_scheme(location, {"testserver"}), location
        chosen = response.wsgi_request.session.get(SESSION_KEY)
        assert chosen is None or str(chosen) in own, chosen

    return Page(reverse("organisations:switch_role"), t.cadre_a, [
        raw("role", st.sampled_from(own + [str(extra.pk)]), hostile.foreign_ids(others)),
        raw("next", st.sampled_from(targets[:2]), st.one_of(st.sampled_from(targets),
                                                            hostile.hostile_text()))],
        accepts=accepts, follow=False,  # ``next`` may name a page that does not exist
        good={"role": own[0], "next": "/"})


EXPLICIT: dict[str, Callable] = {
    "members:create": member_create,
    "members:update": member_update,
    "members:leave": member_leave,
    "members:list": member_filters("members:list"),
    "members:export": member_filters("members:export"),
    "members:transfer_request": transfer_request,
    "members:transfer_accept": transfer_decision("members:transfer_accept"),
    "members:transfer_decline": transfer_decision("members:transfer_decline"),
    "activities:photos": photo_upload,
    "rights:resolution_create": resolution("rights:resolution_create"),
    "rights:resolution_update": resolution("rights:resolution_update"),
    "welfare:case_create": welfare_record(
        "welfare:case_create", CaseForm, HardshipCase,
        lambda kwargs: HardshipCase(date=timezone.localdate()), copy_of="welfare:case_update",
        extra=lambda case: {"document_number": case.document_number}),
    "welfare:case_update": welfare_record("welfare:case_update", CaseForm, HardshipCase),
    "welfare:review_create": welfare_record("welfare:review_create", ReviewForm, CaseReview,
                                            _review_of, copy_of="welfare:review_update"),
    "welfare:review_update": welfare_record("welfare:review_update", ReviewForm, CaseReview),
    "welfare:grant_create": welfare_record(
        "welfare:grant_create", GrantForm, AidGrant,
        lambda kwargs: AidGrant(date=timezone.localdate()), copy_of="welfare:grant_update",
        confirm=True),
    "welfare:grant_update": welfare_record("welfare:grant_update", GrantForm, AidGrant,
                                           confirm=True),
    "welfare:grant_pay": grant_pay,
    "welfare:grants_waiting": grants_waiting,
    "welfare:grants_batch": grants_batch,
    "welfare:rule_create": welfare_record("welfare:rule_create", RuleForm, AidRule,
                                          lambda kwargs: AidRule(),
                                          copy_of="welfare:rule_update"),
    "welfare:rule_update": welfare_record("welfare:rule_update", RuleForm, AidRule),
    "reports:edit": report_edit,
    "reports:edit@approved": approved_report_edit,
    "reports:open": report_open,
    "reports:return": review_step("reports:return"),
    "reports:reopen": review_step("reports:reopen"),
    "reports:not_reporting": not_reporting,
    "organisations:switch_role": switch_role,
}
# The upload of an import file is attacked with files in tests/fuzz/test_import.py.
UPLOADS = {"members:import_upload"}

# Views that read no field: a bare POST (or a GET that only shows a confirmation).
NO_INPUT = {
    "ledger:chronicle_export", "jobs:retry", "members:reveal", "members:transfer_cancel",
    "members:import_confirm", "activities:photo_delete", "rights:resolution_delete",
    "welfare:review_delete", "welfare:grant_approve", "welfare:rule_delete",
    "reports:submit", "reports:approve", "reports:pdf", "reports:workbook",
}
NO_INPUT_KINDS = {"record_delete", "record_copy"}

# Pages that only read (their query strings are attacked by test_queries.py).
READ_ONLY_KINDS = {"record_list", "record_detail"}
READ_ONLY = {
    "organisations:tree", "organisations:detail", "activities:photo_file", "ledger:audit_log",
    "jobs:detail", "jobs:status", "jobs:download", "members:detail", "members:transfer_list",
    "members:transfer_detail", "members:import_template", "members:import_preview",
    "members:import_report", "rights:index", "welfare:index", "welfare:case_list",
    "welfare:case_detail", "welfare:grant_detail", "welfare:rule_list", "welfare:rule_detail",
    "reports:list", "reports:dashboard", "reports:detail", "reports:preview",
}


def form_pages() -> dict[str, Callable]:
    pages = discovered()
    clash = set(pages) & set(EXPLICIT)
    assert not clash, f"found in the URLconf and written out: {clash}"
    return {**pages, **EXPLICIT}


def classification() -> dict[str, str]:
    """URL name -> how the campaign covers it."""
    forms_ = {name.split("@")[0] for name in form_pages()}  # "url@state": another state
    found = {}
    for name, pattern in url_names().items():
        kind = _kind(pattern)
        if name in forms_:
            found[name] = "form"
        elif name in UPLOADS:
            found[name] = "upload"
        elif name in NO_INPUT or kind in NO_INPUT_KINDS:
            found[name] = "no input"
        elif name in READ_ONLY or kind in READ_ONLY_KINDS:
            found[name] = "read only"
    return found

