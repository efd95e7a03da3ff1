"""The questionnaire of a framework version as an XLSForm, for offline collection (ODK, Kobo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from migralocal.assessments.framework_format import configured_languages, framework_as_dict
from migralocal.assessments.models import Framework, Question
from migralocal.core.exports import Sheet, form_workbook_bytes

NOT_APPLICABLE = "not_applicable"


def xml_name(code: str) -> str:
    return code.replace("-", "_")


def _language_label(code: str) -> str:
    return f"{dict(settings.LANGUAGES)[code]} ({code})"


def _labels(prefix: str, texts: dict[str, str], languages: list[str]) -> list[str]:
    return [texts.get(language, "") for language in languages]


def _yes_no_partly(language: str) -> str:
    with translation.override(language):
        return "|".join([_("Yes"), _("No"), _("Partly"), _("Not applicable")])


def xlsform_rows(framework: Framework) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    """The survey, choices and settings sheets as rows (first row: the column names)."""
    languages = configured_languages()
    label_columns = [f"label::{_language_label(code)}" for code in languages]
    hint_columns = [f"hint::{_language_label(code)}" for code in languages]
    survey = [["type", "name", *label_columns, *hint_columns, "required", "constraint"]]
    choices = [["list_name", "name", *label_columns]]
    translated = {code: _yes_no_partly(code).split("|") for code in languages}
    for index, name in enumerate(["yes", "no", "partly"]):
        choices.append(["yes_no_partly", name, *[translated[c][index] for c in languages]])
    for index, name in enumerate(["yes", "no", "partly", NOT_APPLICABLE]):
        position = 3 if name == NOT_APPLICABLE else index
        choices.append(["yes_no_partly_na", name, *[translated[c][position] for c in languages]])
    data = framework_as_dict(framework)
    for dimension in data["dimensions"]:
        survey.append(
            [
                "begin_group",
                xml_name(dimension["code"]),
                *_labels("", dimension["title"], languages),
            ]
            + [""] * (len(hint_columns) + 2)
        )
        for indicator in dimension["indicators"]:
            for question in indicator["questions"]:
                survey.append(_survey_row(question, choices, languages, len(hint_columns)))
        survey.append(["end_group", "", *[""] * (len(label_columns) + len(hint_columns) + 2)])
    settings_rows = [
        ["form_title", "form_id", "version", "default_language"],
        [
            framework.safe_translation_getter("title", any_language=True),
            xml_name(framework.code),
            str(framework.version),
            _language_label(settings.LANGUAGE_CODE),
        ],
    ]
    return survey, choices, settings_rows


def _survey_row(
    question: dict[str, Any], choices: list[list[Any]], languages: list[str], hints: int
) -> list[Any]:
    name = xml_name(question["code"])
    kind = question["type"]
    allows_na = question["not_applicable"]
    constraint = ""
    if kind == Question.Kind.YES_NO_PARTLY:
        xls_type = "select_one yes_no_partly_na" if allows_na else "select_one yes_no_partly"
    elif kind in {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}:
        list_name = f"options_{name}"
        prefix = "select_one" if kind == Question.Kind.SINGLE_CHOICE else "select_multiple"
        xls_type = f"{prefix} {list_name}"
        for option in question["options"]:
            choices.append(
                [list_name, xml_name(option["code"]), *_labels("", option["label"], languages)]
            )
        if allows_na:
            na_labels = [_yes_no_partly(code).split("|")[3] for code in languages]
            choices.append([list_name, NOT_APPLICABLE, *na_labels])
    elif kind == Question.Kind.NUMBER:
        xls_type = "decimal"
        constraint = ". >= 0"
    else:
        xls_type = "date" if kind == Question.Kind.DATE else "text"
    required = "no" if allows_na and kind in {"number", "date", "text"} else "yes"
    hint_texts = _labels("", question["help"], languages)
    return [
        xls_type,
        name,
        *_labels("", question["text"], languages),
        *(hint_texts + [""] * (hints - len(hint_texts))),
        required,
        constraint,
    ]


def write_xlsform(framework: Framework, path: Path) -> None:
    survey, choices, settings_rows = xlsform_rows(framework)
    sheets = [Sheet("survey", survey), Sheet("choices", choices), Sheet("settings", settings_rows)]
    Path(path).write_bytes(form_workbook_bytes(sheets))
