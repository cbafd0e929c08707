from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from ledger.models import ChronicleEntry


class ScopedModelForm(forms.ModelForm):
    """A model form whose organisation choices are the active subtree, never wider.

    Saving goes through a service; a ValidationError or PermissionDenied it raises (a locked
    year, a node outside the user's roles) becomes a form error, and nothing is written.
    """

    submit_label = _("Save")

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = scope.organisations()
            if not self.instance.pk:
                self.fields["organisation"].initial = scope.organisation.pk
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))

    def save_with(self, service, **kwargs):
        """Run ``service(instance, **kwargs)``; return the record, or None with errors set."""
        try:
            return service(self.instance, **kwargs)
        except ValidationError as error:
            self._add_service_error(error)
        except PermissionDenied as error:
            self.add_error(None, str(error))
        return None

    def _add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


class FiniteDecimalField(forms.DecimalField):
    """A decimal field that refuses NaN and infinities when it reads the value, not only
    when it validates it: Django's lets a signalling NaN ("sNaN") through ``to_python``,
    and comparing it with the initial value (``has_changed``, which every formset asks of
    its extra rows) raises InvalidOperation: a 500 instead of "Enter a number". Use it for
    the money of table formsets (``Meta.field_classes``)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class TableFormSet(forms.BaseModelFormSet):
    """Many rows of one parent's children on one page, as a table (crispy, no form tag)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.template = "bootstrap5/table_inline_formset.html"


class ChronicleEntryForm(ScopedModelForm):
    class Meta:
        model = ChronicleEntry
        fields = ["organisation", "date", "title", "description"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
