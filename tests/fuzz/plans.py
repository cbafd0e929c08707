"""What to type into each field of a form: read from the form itself, so a field added
tomorrow is fuzzed tomorrow.

A ``FieldPlan`` pairs, for one posted key, a strategy of values the form should accept
with a strategy of hostile ones chosen by the field's type. An example starts from a post
the page accepts (a record as its form shows it), attacks a few fields and gives a few
others other acceptable values, so the campaign reaches both the form's refusals and the
service's saving (the simplest example is the accepted post itself).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from hypothesis import strategies as st

from tests.fuzz import hostile

OMITTED = None  # a key the browser did not send


@dataclass(frozen=True)
class FieldPlan:
    key: str
    valid: st.SearchStrategy
    hostile: st.SearchStrategy


def _sometimes_missing(strategy, required: bool):
    return strategy if required else st.one_of(strategy, st.just(""), st.just(OMITTED))


def _repeated(strategy):
    """The same key sent several times (a single-valued field gets a list)."""
    return st.one_of(strategy, st.just(OMITTED), st.lists(strategy, min_size=2, max_size=3))


def _outside(field: forms.ModelChoiceField) -> list[int]:
    model = field.queryset.model
    return list(model._default_manager.exclude(pk__in=field.queryset.values("pk"))
                .order_by("pk").values_list("pk", flat=True)[:12])


def plan_field(key: str, field: forms.Field) -> FieldPlan:
    required = field.required and not field.disabled
    if isinstance(field, forms.ModelMultipleChoiceField):
        offered = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        valid = st.lists(st.sampled_from(offered), max_size=3) if offered else st.just([])
        wrong = st.lists(hostile.foreign_ids(_outside(field)), min_size=1, max_size=3)
        return FieldPlan(key, valid, wrong)
    if isinstance(field, forms.ModelChoiceField):
        offered = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        valid = st.sampled_from(offered) if offered else st.just("")
        return FieldPlan(key, _sometimes_missing(valid, required),
                         _repeated(hostile.foreign_ids(_outside(field))))
    if isinstance(field, forms.MultipleChoiceField):
        values = hostile.choice_values(field)
        valid = st.lists(st.sampled_from(values), min_size=1 if required else 0, max_size=3,
                         unique=True)
        wrong = st.lists(st.one_of(hostile.hostile_choice(values), st.sampled_from(values)),
                         min_size=1, max_size=4)
        return FieldPlan(key, valid, st.one_of(wrong, st.just(OMITTED)))
    if isinstance(field, forms.ChoiceField):
        values = hostile.choice_values(field)
        valid = st.sampled_from(values) if values else st.just("")
        return FieldPlan(key, _sometimes_missing(valid, required),
                         _repeated(hostile.hostile_choice(values)))
    if isinstance(field, forms.BooleanField):
        return FieldPlan(key, st.sampled_from(["on", OMITTED]), _repeated(hostile.hostile_text()))
    if isinstance(field, forms.DateField):
        return FieldPlan(key, _sometimes_missing(hostile.valid_date(), required),
                         _repeated(hostile.hostile_date()))
    if isinstance(field, forms.DecimalField):
        return FieldPlan(key, _sometimes_missing(hostile.valid_decimal(field), required),
                         _repeated(hostile.hostile_number()))
    if isinstance(field, forms.IntegerField):
        return FieldPlan(key, _sometimes_missing(hostile.valid_integer(field), required),
                         _repeated(hostile.hostile_number()))
    if isinstance(field, forms.FileField):
        return FieldPlan(key, st.just(OMITTED), hostile.hostile_text())
    limit = getattr(field, "max_length", None)
    return FieldPlan(key, _sometimes_missing(hostile.valid_text(limit, required=required),
                                             required),
                     _repeated(hostile.hostile_text(limit)))


def plan_form(form: forms.BaseForm) -> list[FieldPlan]:
    return [plan_field(form.add_prefix(name), field) for name, field in form.fields.items()]


def _shown(formset: forms.BaseFormSet, rows: int) -> list[forms.BaseForm]:
    return formset.forms[:formset.initial_form_count() + rows]


def _counts(formset: forms.BaseFormSet, rows: int) -> dict[str, str]:
    management = formset.management_form
    counts = {"TOTAL_FORMS": len(_shown(formset, rows)),
              "INITIAL_FORMS": formset.initial_form_count(), "MIN_NUM_FORMS": 0,
              "MAX_NUM_FORMS": 1000}
    return {management.add_prefix(name): str(count) for name, count in counts.items()}


def plan_formset(formset: forms.BaseFormSet, rows: int = 3) -> list[FieldPlan]:
    """The rows' fields (the existing ones and up to ``rows`` new ones) and a management
    form that may lie about how many rows there are."""
    plans = [plan for form in _shown(formset, rows) for plan in plan_form(form)]
    return plans + [FieldPlan(key, st.just(count), hostile.hostile_number())
                    for key, count in _counts(formset, rows).items()]


def formset_post(formset: forms.BaseFormSet, rows: int = 3) -> dict:
    """The formset sent back as shown: existing rows as they are, new rows empty."""
    data = {}
    for form in _shown(formset, rows):
        data.update(initial_post(form))
    return {**data, **_counts(formset, rows)}


def raw(key: str, valid: st.SearchStrategy, wrong: st.SearchStrategy | None = None, *,
        many: bool = False):
    """A field a view reads straight from ``request.POST`` (no form declares it);
    ``many``: a list of values (``getlist``)."""
    wrong = wrong if wrong is not None else hostile.hostile_text()
    return FieldPlan(key, valid, wrong if many else _repeated(wrong))


def initial_post(form: forms.BaseForm) -> dict:
    """What the browser sends back for a form left as it is shown (a record's own values)."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, dt.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def some(keys: list[str], most: int) -> st.SearchStrategy[set]:
    return st.sets(st.sampled_from(keys), max_size=min(len(keys), most)) if keys \
        else st.just(set())


@st.composite
def post_data(draw, plans: list[FieldPlan], good: dict | None = None) -> dict:
    """One post: some fields attacked, some filled with other acceptable values, the rest
    as in ``good`` (a post the page accepts: the simplest example is exactly it)."""
    keys = [plan.key for plan in plans]
    attacked = draw(some(keys, 4))
    varied = draw(some(keys, 3)) if good else set(keys)
    data = {}
    for plan in plans:
        if plan.key in attacked:
            value = draw(plan.hostile)
        elif good and plan.key in good and plan.key not in varied:
            value = good[plan.key]
        else:
            value = draw(plan.valid)
        if value is not OMITTED:
            data[plan.key] = value
    return data
