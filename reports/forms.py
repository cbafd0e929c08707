"""Forms of the review: opening a report, and its texts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.assembly import Computed
from reports.models import PeriodKindChoice, ReportStatus
from reports.periods import Period

TEXT_LIMIT = 20_000


class ReportOpenForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Union"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKindChoice.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["year"], self.cleaned_data["period_kind"])


class ReportTextsForm(forms.Form):
    """One field per section, shown with the text written from the figures when the
    official has not written one; 存在问题 and 明年打算; a reason once approved."""

    problems = forms.CharField(label=_("Problems (存在问题)"), required=False,
                               max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 5}))
    plans = forms.CharField(label=_("Plans for the next period (明年打算)"), required=False,
                            max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, report, computed: list[Computed], **kwargs):
        super().__init__(*args, **kwargs)
        self.defaults = {item.section.key: item.default_text() for item in computed}
        stored = {text.key: text.text for text in report.texts.all()}
        for item in computed:
            key = item.section.key
            self.fields[f"section_{key}"] = forms.CharField(
                label=item.section.title, required=False, max_length=TEXT_LIMIT,
                initial=stored.get(key, self.defaults[key]),
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("Empty it to go back to the text written from the figures."))
        self.fields["problems"].initial, self.fields["plans"].initial = (
            report.problems, report.plans)
        if report.status == ReportStatus.APPROVED:
            self.fields["reason"] = forms.CharField(
                label=_("Why the approved report is changed"), max_length=2000)

    def texts(self) -> dict[str, str]:
        """Section texts to store: a text equal to the default is not stored, so the
        section keeps following its figures."""
        texts = {}
        for key, default in self.defaults.items():
            text = self.cleaned_data[f"section_{key}"].strip()
            texts[key] = "" if text == default.strip() else text
        return texts
