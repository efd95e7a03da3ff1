"""Forms at the boundary: filters, submission and edit, moderation decisions, flags, updates."""

from __future__ import annotations

import dataclasses
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from migralocal.commitments import selectors, services, spam
from migralocal.commitments.models import (
    OBJECTIVE_TAXONOMY,
    SDG_TAXONOMY,
    THEME_TAXONOMY,
    Commitment,
    Flag,
    Kind,
    Status,
)
from migralocal.core.models import Country, Organisation, TaxonomyTerm


def terms(taxonomy_code: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.of(taxonomy_code).prefetch_related("translations")


def terms_of_taxonomies(codes: list[str]) -> dict[str, list[TaxonomyTerm]]:
    """The terms of several taxonomies, by taxonomy code, in their order."""
    listed: dict[str, list[TaxonomyTerm]] = {}
    for term in terms_in(codes):
        listed.setdefault(term.taxonomy.code, []).append(term)
    return listed


def terms_in(codes: list[str]) -> QuerySet[TaxonomyTerm]:
    return (
        TaxonomyTerm.objects.filter(taxonomy__code__in=codes)
        .select_related("taxonomy")
        .prefetch_related("translations")
        .order_by("taxonomy_id", "position", "pk")
    )


def countries() -> QuerySet[Country]:
    return Country.objects.in_name_order().prefetch_related("translations")


class CommitmentFilterForm(forms.Form):
    """The list's filters. Values are codes, so a feed or export address stays readable."""

    text = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any country"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=TaxonomyTerm.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any theme"),
    )
    objective = forms.ModelChoiceField(
        label=_("Global Compact objective"),
        queryset=TaxonomyTerm.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any objective"),
    )
    sdg = forms.ModelChoiceField(
        label=_("Sustainable Development Goal"),
        queryset=TaxonomyTerm.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Any goal"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Status.choices], required=False
    )
    verification = forms.ChoiceField(
        label=_("Verification"),
        choices=[
            ("", _("Verified or not")),
            (selectors.VERIFIED, _("Verified only")),
            (selectors.NOT_VERIFIED, _("Not verified only")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["country"]).queryset = countries()
        fields = {"theme": THEME_TAXONOMY, "objective": OBJECTIVE_TAXONOMY, "sdg": SDG_TAXONOMY}
        # The three lists are read in one go (two queries, not six) for the menus; each field
        # still validates a chosen code against its own taxonomy.
        listed = terms_of_taxonomies(list(fields.values()))
        for name, taxonomy in fields.items():
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = terms(taxonomy)
            field.choices = [
                ("", field.empty_label or ""),
                *((term.code, str(term)) for term in listed.get(taxonomy, [])),
            ]

    def filters(self) -> selectors.CommitmentFilters:
        """The valid filters; an unknown value (an old link) is ignored rather than failing."""
        if not self.is_bound:
            return selectors.CommitmentFilters()
        if self.is_valid():
            return selectors.CommitmentFilters.from_cleaned_data(self.cleaned_data)
        valid = {key: value for key, value in self.cleaned_data.items() if key not in self.errors}
        return selectors.CommitmentFilters.from_cleaned_data(valid)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by its content, not its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > spam.MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("At most %(limit)d files per entry.") % {"limit": spam.MAX_ATTACHMENTS}
            )
        errors = []
        for upload in uploads:
            super().clean(upload, initial)
            try:
                services.checked_attachment(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return uploads


def other_language(language: str) -> str:
    return next((code for code, _name in settings.LANGUAGES if code != language), language)


class CommitmentForm(forms.Form):
    """What a submitter or owner writes. The text is in the page's language; a translation into
    the other language is optional."""

    organisation = forms.ModelChoiceField(
        label=_("City or organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list: I will write its name"),
    )
    organisation_name = forms.CharField(
        label=_("Name of the city or organisation, if it is not in the list"),
        required=False,
        max_length=200,
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("Choose a country"),
        help_text=_("Needed when you write the name yourself."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=services.MAX_TITLE)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=services.MAX_SUMMARY,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences, shown in lists, feeds and previews."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=services.MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("You may use Markdown: **bold**, *italics*, lists and links."),
    )
    translated_title = forms.CharField(required=False, max_length=services.MAX_TITLE)
    translated_summary = forms.CharField(
        required=False, max_length=services.MAX_SUMMARY, widget=forms.Textarea(attrs={"rows": 3})
    )
    translated_description = forms.CharField(
        required=False,
        max_length=services.MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Global Compact objectives it serves"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one Global Compact objective.")},
    )
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    funding_sources = forms.CharField(
        label=_("Funding sources"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 PDF, PNG or JPEG files of at most 5 MB each."),
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.translation_language = other_language(language)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.filter(is_public=True).order_by("name")
        cast(forms.ModelChoiceField, self.fields["country"]).queryset = countries()
        for name, taxonomy in (
            ("objectives", OBJECTIVE_TAXONOMY),
            ("sdgs", SDG_TAXONOMY),
            ("themes", THEME_TAXONOMY),
        ):
            cast(forms.ModelMultipleChoiceField, self.fields[name]).queryset = terms(taxonomy)
        other = get_language_info(self.translation_language)["name_local"]
        self.fields["translated_title"].label = _("Title in %(language)s") % {"language": other}
        self.fields["translated_summary"].label = _("Summary in %(language)s") % {"language": other}
        self.fields["translated_description"].label = _("Description in %(language)s") % {
            "language": other
        }

    def clean_links(self) -> str:
        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("%(line)s is not a web address (it must start with https:// or http://).")
                    % {"line": line}
                ) from error
        return "\n".join(lines)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            services.check_period(cleaned.get("start_date"), cleaned.get("end_date"))
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def content(self) -> services.CommitmentContent:
        data = self.cleaned_data
        texts = {
            self.language: services.CommitmentText(
                data["title"], data["summary"], data["description"]
            )
        }
        if data.get("translated_title"):
            texts[self.translation_language] = services.CommitmentText(
                data["translated_title"],
                data.get("translated_summary", ""),
                data.get("translated_description", ""),
            )
        return services.CommitmentContent(
            kind=data["kind"],
            status=data["status"],
            texts=texts,
            objectives=list(data["objectives"]),
            organisation=data.get("organisation"),
            organisation_name=data.get("organisation_name", ""),
            country=data.get("country"),
            themes=list(data["themes"]),
            sdgs=list(data["sdgs"]),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            partners=data.get("partners", ""),
            funding_sources=data.get("funding_sources", ""),
            links=data.get("links", ""),
        )

    @classmethod
    def initial_for(cls, commitment: Commitment, language: str) -> dict[str, Any]:
        other = other_language(language)

        def text(field: str, code: str) -> str:
            return commitment.safe_translation_getter(field, language_code=code) or ""

        return {
            "organisation": commitment.organisation,
            "organisation_name": commitment.organisation_name,
            "country": commitment.country,
            "kind": commitment.kind,
            "title": text("title", language),
            "summary": text("summary", language),
            "description": text("description", language),
            "translated_title": text("title", other) if commitment.has_translation(other) else "",
            "translated_summary": text("summary", other)
            if commitment.has_translation(other)
            else "",
            "translated_description": text("description", other)
            if commitment.has_translation(other)
            else "",
            "objectives": list(commitment.objectives.all()),
            "sdgs": list(commitment.sdgs.all()),
            "themes": list(commitment.themes.all()),
            "status": commitment.status,
            "start_date": commitment.start_date,
            "end_date": commitment.end_date,
            "partners": commitment.partners,
            "funding_sources": commitment.funding_sources,
            "links": commitment.links,
        }


class SubmissionForm(CommitmentForm):
    """The public form: adds the submitter's e-mail (when not signed in) and a honeypot.

    A citizen on a phone is asked for a handful of fields; everything else waits under "more
    details". The Global Compact objectives, required by the registry, are asked as one main
    objective in a menu (the long list of checkboxes for further objectives is among the
    details)."""

    # Shown first, in this order; every other field is under "more details".
    ESSENTIAL_FIELDS = (
        "organisation",
        "organisation_name",
        "country",
        "kind",
        "title",
        "summary",
        "main_objective",
        "status",
        "email",
    )

    main_objective = forms.ModelChoiceField(
        label=_("Which Global Compact objective does it serve most?"),
        queryset=TaxonomyTerm.objects.none(),
        empty_label=_("Choose an objective"),
        error_messages={"required": _("Choose at least one Global Compact objective.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("We send you a link to confirm the submission. It is never shown on the site."),
    )
    # Hidden from people by the stylesheet; a bot that fills every field gives itself away.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, signed_in: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        if signed_in:
            del self.fields["email"]
        else:
            self.fields["email"].required = True
        main = cast(forms.ModelChoiceField, self.fields["main_objective"])
        main.queryset = terms(OBJECTIVE_TAXONOMY)
        others = self.fields["objectives"]
        others.required = False
        others.label = _("Other Global Compact objectives it serves")

    def essential_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.ESSENTIAL_FIELDS if name in self.fields]

    def detail_fields(self) -> list[forms.BoundField]:
        hidden = {*self.ESSENTIAL_FIELDS, "homepage"}
        return [self[name] for name in self.fields if name not in hidden]

    def details_have_errors(self) -> bool:
        """Open "more details" when one of its fields needs fixing, so no error is hidden."""
        return any(field.errors for field in self.detail_fields())

    def content(self) -> services.CommitmentContent:
        content = super().content()
        main = self.cleaned_data["main_objective"]
        others = [term for term in content.objectives if term != main]
        return dataclasses.replace(content, objectives=[main, *others])

    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))


class DecisionForm(forms.Form):
    VERIFY = "verify"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    DISMISS_FLAGS = "dismiss_flags"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (VERIFY, _("Verify")),
            (REQUEST_CHANGES, _("Request changes")),
            (REJECT, _("Reject")),
            (DISMISS_FLAGS, _("Dismiss the flags and show it again")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the submitter"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you request changes or reject: say what and why."),
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProgressUpdateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("What happened"),
        max_length=services.MAX_UPDATE_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You may use Markdown."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
