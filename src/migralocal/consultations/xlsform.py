"""The consultation form as an XLSForm, in every language of the platform, so that hubs can
collect offline with ODK Collect or KoboCollect and import the submissions back."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    AgeBand,
    Channel,
    Disability,
    Gender,
    PreferredLanguage,
)
from migralocal.consultations.selectors import referral_services
from migralocal.consultations.submissions import service_choice_name
from migralocal.core.exports import Sheet, form_workbook_bytes
from migralocal.core.models import Country, TaxonomyTerm
from migralocal.directory.models import Hub

FORM_VERSION = "2026.1"

# (type, name, label, required, relevant)
QUESTIONS: list[tuple[str, str, Any, bool, str]] = [
    ("date", "date", gettext_lazy("Date"), True, ""),
    ("select_one channel", "channel", gettext_lazy("Channel"), True, ""),
    ("select_multiple topics", "topics", gettext_lazy("Topics asked about"), True, ""),
    ("select_one gender", "gender", gettext_lazy("Gender"), False, ""),
    ("select_one age_band", "age_band", gettext_lazy("Age band"), False, ""),
    ("select_one nationality", "nationality", gettext_lazy("Nationality"), False, ""),
    (
        "select_one migration_situation",
        "migration_situation",
        gettext_lazy("Migration situation"),
        False,
        "",
    ),
    ("select_one disability", "disability", gettext_lazy("Disability"), False, ""),
    (
        "select_one preferred_language",
        "preferred_language",
        gettext_lazy("Preferred language"),
        False,
        "",
    ),
    ("text", "needs", gettext_lazy("Needs"), False, ""),
    ("text", "information_given", gettext_lazy("Information given"), False, ""),
    ("select_multiple referrals", "referrals", gettext_lazy("Referrals"), False, ""),
    ("date", "follow_up_on", gettext_lazy("Follow up referrals on"), False, "${referrals} != ''"),
]


def language_column(code: str) -> str:
    name = str(dict(settings.LANGUAGES)[code])
    return f"label::{name[:1].upper()}{name[1:]} ({code})"


def in_every_language(text: Any) -> list[str]:
    """A lazy translation (or a function making a text) rendered in each platform language."""
    labels = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.append(str(text() if callable(text) else text))
    return labels


def _choice_rows(hub: Hub) -> list[list[str]]:
    rows: list[list[str]] = []

    def add(list_name: str, choices: list[tuple[str, Any]]) -> None:
        for value, label in choices:
            rows.append([list_name, value, *in_every_language(label)])

    add("channel", list(Channel.choices))
    add("gender", list(Gender.choices))
    add("age_band", list(AgeBand.choices))
    add("disability", list(Disability.choices))
    add("preferred_language", list(PreferredLanguage.choices))
    for list_name, taxonomy in (
        ("topics", TOPICS_TAXONOMY),
        ("migration_situation", SITUATIONS_TAXONOMY),
    ):
        for term in TaxonomyTerm.objects.of(taxonomy).prefetch_related("translations"):
            labels = [
                term.safe_translation_getter("label", language_code=code, any_language=True)
                or term.code
                for code, _name in settings.LANGUAGES
            ]
            rows.append([list_name, term.code, *labels])
    for country in Country.objects.prefetch_related("translations"):
        labels = [
            country.safe_translation_getter("name", language_code=code, any_language=True)
            or country.code
            for code, _name in settings.LANGUAGES
        ]
        rows.append(["nationality", country.code, *labels])
    for service in referral_services(hub):
        labels = [
            service.safe_translation_getter("name", language_code=code, any_language=True)
            or str(service.pk)
            for code, _name in settings.LANGUAGES
        ]
        rows.append(["referrals", service_choice_name(service.pk), *labels])
    return rows


def xlsform_sheets(hub: Hub) -> list[Sheet]:
    """The survey, choices and settings sheets of the hub's form (referrals: its country's
    services)."""
    languages = [code for code, _name in settings.LANGUAGES]
    label_columns = [language_column(code) for code in languages]
    survey = [["type", "name", *label_columns, "required", "relevant"]]
    for kind, name, label, required, relevant in QUESTIONS:
        labels = in_every_language(label)
        survey.append([kind, name, *labels, "yes" if required else "", relevant])
    choices = [["list_name", "name", *label_columns], *_choice_rows(hub)]
    title = in_every_language(lambda: _("Consultation at %(hub)s") % {"hub": hub})[0]
    form_settings = [
        ["form_title", "form_id", "version", "default_language"],
        [
            title,
            f"migralocal_consultation_{hub.slug.replace('-', '_')}",
            FORM_VERSION,
            language_column(languages[0])[len("label::") :],
        ],
    ]
    return [Sheet("survey", survey), Sheet("choices", choices), Sheet("settings", form_settings)]


def write_xlsform(hub: Hub, destination: str | Path | IO[bytes] | Any) -> None:
    """Write the form to a path or to anything with `write` (a file, a response). Labels carry
    service names as their hubs wrote them: `form_workbook_bytes` keeps them exact, as text."""
    content = form_workbook_bytes(xlsform_sheets(hub))
    if isinstance(destination, str | Path):
        Path(destination).write_bytes(content)
    else:
        destination.write(content)
