"""Django forms rendered as GOV.UK Design System components.

`GovukFormRenderer` is the project's `FORM_RENDERER`: `{{ form }}` and `{{ form.field_name }}` give
GOV.UK form groups (label or legend, hint, error message, `aria-describedby`,
`govuk-form-group--error`) from the templates in `templates/govuk/forms/`. Pair every form with
`includes/error_summary.html` at the top of the page and `novalidate` on the `<form>`.

Hints are Django's `help_text` (id `<field id>_helptext`) and error messages have the id
`<field id>_error`: the ids Django's own `aria-describedby` uses, so screen readers read the hint
then the error.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

# The GOV.UK class for each kind of widget, and the modifier it takes when the field has an error.
WIDGET_CLASSES: dict[type[forms.Widget], tuple[str, str]] = {
    forms.Textarea: ("govuk-textarea", "govuk-textarea--error"),
    forms.Select: ("govuk-select", "govuk-select--error"),
    forms.FileInput: ("govuk-file-upload", "govuk-file-upload--error"),
    forms.CheckboxInput: ("govuk-checkboxes__input", ""),
    forms.PasswordInput: (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    forms.MultiWidget: ("govuk-input govuk-date-input__input", "govuk-input--error"),
    Input: ("govuk-input", "govuk-input--error"),
}
# Radios and checkboxes are written out option by option in their templates.
OPTION_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _govuk_classes(widget: forms.Widget, has_errors: bool) -> str:
    if isinstance(widget, OPTION_WIDGETS):
        return ""
    for widget_class, (base, error) in WIDGET_CLASSES.items():
        if isinstance(widget, widget_class):
            return f"{base} {error}".strip() if has_errors else base
    return ""


class GovukBoundField(forms.BoundField):
    """A bound field whose widget carries GOV.UK classes and never takes focus by itself."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        classes = [
            _govuk_classes(widget, bool(self.errors)),
            widget.attrs.get("class", ""),
            attrs.get("class", ""),
        ]
        attrs["class"] = " ".join(name for name in classes if name)
        # GOV.UK advises against autofocus: it disorientates screen reader and magnifier users.
        attrs["autofocus"] = False
        if isinstance(widget, forms.PasswordInput):
            attrs.update(spellcheck="false", autocapitalize="none")
        return attrs


class GovukFormRenderer(TemplatesSetting):
    """Render forms and fields with the GOV.UK Design System templates in `govuk/forms/`."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField


class DateInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year as three short numeric text boxes."""

    template_name = "govuk/forms/date_input.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            widgets={part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in self.parts},
            attrs=attrs,
        )

    def decompress(self, value: datetime.date | None) -> list[int | None]:
        if value is None:
            return [None, None, None]
        return [value.day, value.month, value.year]


class DateField(forms.MultiValueField):
    """A date entered as day, month and year, with GOV.UK's error messages."""

    widget = DateInput
    default_error_messages = {
        "required": "Enter a date",
        "incomplete": "Enter a full date, including the day, month and year",
        "invalid": "Enter a real date",
    }

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(
            forms.IntegerField(error_messages={"invalid": "Enter a real date"}) for _ in range(3)
        )
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[int | None]) -> datetime.date | None:
        if not data_list or all(part is None for part in data_list):
            return None
        if any(part is None for part in data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        try:
            return datetime.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class SignInForm(AuthenticationForm):
    """Django's sign-in form with error messages in the GOV.UK style."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password (both are case-sensitive)",
        "inactive": "Your account has been switched off. Ask your partnership administrator",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
