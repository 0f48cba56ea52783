"""Forms render as GOV.UK Design System components through `GovukFormRenderer`."""

from __future__ import annotations

import datetime

import lxml.html
from django import forms
from django.template.loader import render_to_string

from jtai.web.forms import DateField, GovukFormRenderer, SignInForm


class ReferralForm(forms.Form):
    reference = forms.CharField(help_text="As it appears on the referral record")
    notes = forms.CharField(widget=forms.Textarea, required=False)
    agency = forms.ChoiceField(choices=[("health", "Health"), ("police", "Police")])
    outcome = forms.ChoiceField(
        choices=[("nfa", "No further action"), ("s47", "Section 47 enquiry")],
        widget=forms.RadioSelect,
    )
    received = DateField(help_text="For example, 27 3 2026")
    evidence = forms.FileField(required=False)

    def clean(self):
        raise forms.ValidationError("Referral could not be saved")


def render(form: forms.Form) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div>{form.render()}</div>")


def summary(form: forms.Form) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_to_string("includes/error_summary.html", {"form": form}))


def invalid_form() -> ReferralForm:
    form = ReferralForm(data={"received_day": "31", "received_month": "2", "received_year": "2026"})
    assert not form.is_valid()
    return form


def test_the_project_renderer_is_the_govuk_renderer():
    assert isinstance(ReferralForm().renderer, GovukFormRenderer)


def test_a_field_with_an_error_shows_the_govuk_error_message_and_describes_the_input_by_it():
    page = render(invalid_form())
    [group] = page.xpath('//div[contains(@class, "govuk-form-group")][.//*[@id="id_reference"]]')
    assert "govuk-form-group--error" in group.get("class").split()
    [message] = group.xpath('.//p[@class="govuk-error-message"]')
    assert message.get("id") == "id_reference_error"
    assert message.xpath('./span[@class="govuk-visually-hidden"]')[0].text == "Error:"
    assert message.text_content().strip() == "Error: This field is required."
    [text_input] = group.xpath('.//input[@id="id_reference"]')
    assert text_input.get("aria-describedby") == "id_reference_helptext id_reference_error"
    assert text_input.get("class") == "govuk-input govuk-input--error"
    assert group.xpath('.//label[@for="id_reference"]')[0].text == "Reference"
    assert group.xpath('.//div[@id="id_reference_helptext"]/@class') == ["govuk-hint"]


def test_a_field_without_an_error_has_no_error_markup_and_optional_fields_say_so():
    page = render(invalid_form())
    [group] = page.xpath('//div[contains(@class, "govuk-form-group")][.//textarea]')
    assert group.get("class") == "govuk-form-group"
    assert not group.xpath('.//*[contains(@class, "govuk-error-message")]')
    assert group.xpath(".//label")[0].text == "Notes (optional)"
    assert group.xpath(".//textarea/@class") == ["govuk-textarea"]
    assert group.xpath(".//textarea/@aria-describedby") == []


def test_radios_are_a_fieldset_described_by_its_error_with_govuk_radio_items():
    page = render(invalid_form())
    [fieldset] = page.xpath('//fieldset[.//input[@type="radio"]]')
    assert fieldset.get("aria-describedby") == "id_outcome_error"
    assert fieldset.xpath("./legend")[0].text == "Outcome"
    inputs = fieldset.xpath('.//div[@class="govuk-radios__item"]/input[@type="radio"]')
    assert {radio.get("class") for radio in inputs} == {"govuk-radios__input"}
    assert [radio.get("id") for radio in inputs] == ["id_outcome_0", "id_outcome_1"]
    assert fieldset.xpath('.//label[@for="id_outcome_1"]')[0].text == "Section 47 enquiry"


def test_a_date_is_three_numeric_inputs_in_a_group_and_an_impossible_date_is_an_error():
    page = render(invalid_form())
    [fieldset] = page.xpath('//fieldset[@role="group"]')
    assert fieldset.get("aria-describedby") == "id_received_helptext id_received_error"
    inputs = fieldset.xpath('.//input[contains(@class, "govuk-date-input__input")]')
    assert [field.get("name") for field in inputs] == [
        "received_day",
        "received_month",
        "received_year",
    ]
    assert [field.get("value") for field in inputs] == ["31", "2", "2026"]
    assert all("govuk-input--error" in field.get("class") for field in inputs)
    assert "govuk-input--width-4" in inputs[2].get("class")
    assert [label.text for label in fieldset.xpath(".//label")] == ["Day", "Month", "Year"]
    [message] = fieldset.xpath('.//p[@class="govuk-error-message"]')
    assert message.text_content().strip() == "Error: Enter a real date"


def test_a_complete_date_is_cleaned_to_a_date_and_a_partial_one_asks_for_the_full_date():
    field = DateField()
    assert field.clean(["27", "3", "2026"]) == datetime.date(2026, 3, 27)
    form = ReferralForm(data={"received_day": "27", "received_year": "2026"})
    form.is_valid()
    assert form.errors["received"] == ["Enter a full date, including the day, month and year"]


def test_a_file_upload_uses_the_govuk_file_upload_component():
    page = render(invalid_form())
    [wrapper] = page.xpath('//div[@data-module="govuk-file-upload"]')
    assert wrapper.xpath('./input[@type="file"]/@class') == ["govuk-file-upload"]


def test_the_error_summary_links_every_error_to_its_field_and_form_errors_to_the_first_field():
    links = summary(invalid_form()).xpath('//ul[contains(@class, "govuk-error-summary__list")]//a')
    assert [(link.get("href"), link.text) for link in links] == [
        ("#id_reference", "Referral could not be saved"),
        ("#id_reference", "This field is required."),
        ("#id_agency", "This field is required."),
        ("#id_outcome_0", "This field is required."),
        ("#id_received_0", "Enter a real date"),
    ]


def test_a_valid_form_has_no_error_summary():
    assert render_to_string("includes/error_summary.html", {"form": ReferralForm()}).strip() == ""


def test_sign_in_asks_for_each_missing_answer_and_offers_show_password_without_autofocus():
    form = SignInForm(data={})
    assert not form.is_valid()
    assert form.errors == {"username": ["Enter your username"], "password": ["Enter your password"]}
    page = render(form)
    assert page.xpath('//input[@id="id_username"]/@autocomplete') == ["username"]
    assert page.xpath('//input[@id="id_password"]/@autocomplete') == ["current-password"]
    assert page.xpath("//input[@autofocus]") == []
    [group] = page.xpath('//div[@data-module="govuk-password-input"]')
    assert group.xpath('.//button[@aria-controls="id_password"]/@aria-label') == ["Show password"]
