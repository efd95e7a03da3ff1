"""Registrations collected offline with KoboToolbox or ODK, on the programme's own XLSForm.

The form (`xlsform_sheets`) asks one household per submission (municipality, population group,
consent) with a repeat group `members`, the head first. An export comes back as an XLSX file
(KoboToolbox: the submissions on the first sheet, the members on a sheet of their own joined by
`_index` and `_parent_index`) or as two CSV files (the submissions, and the members joined by
`KEY` and `PARENT_KEY` as ODK Central writes them, or by Kobo's `_index`).

Each submission becomes rows of the registration CSV's columns and goes through the same checks
(importing.check_rows); problems are reported by sheet, row and column of the export. The
submission's id (`_uuid` or `instanceID`) is kept: the same submission is never imported twice.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.assistance import importing
from migralocal.assistance.grievances import RegistrationSubmission
from migralocal.assistance.models import CashProgramme, PopulationGroup, Sex
from migralocal.consultations.submissions import normalised_record, read_records
from migralocal.consultations.xlsform import in_every_language, language_column
from migralocal.core.exports import Sheet, form_workbook_bytes
from migralocal.core.models import AdministrativeArea
from migralocal.core.uploads import check_archive, require_defusedxml

FORM_VERSION = "2026.1"
MEMBERS = "members"
SUBMISSIONS_SHEET = gettext_lazy("submissions")
MEMBERS_SHEET = gettext_lazy("members")
HOUSEHOLD_COLUMNS = ("municipality", "population_group", "consent")
MEMBER_COLUMNS = ("given_names", "family_names", "sex")
MEMBER_FIELDS = (
    "given_names",
    "family_names",
    "sex",
    "date_of_birth",
    "document_type",
    "document_number",
    "phone",
)
MAX_SHEET_ROWS = importing.MAX_ROWS

# (type, name, label, required)
QUESTIONS: list[tuple[str, str, Any, bool]] = [
    ("select_one municipality", "municipality", gettext_lazy("Municipality"), True),
    ("select_one population_group", "population_group", gettext_lazy("Population group"), True),
    (
        "select_one yes_no",
        "consent",
        gettext_lazy(
            "The head of household agrees that the programme keeps these details to register "
            "the household and pay it"
        ),
        True,
    ),
    ("begin_repeat", MEMBERS, gettext_lazy("Members of the household, the head first"), False),
    ("text", "given_names", gettext_lazy("Given names"), True),
    ("text", "family_names", gettext_lazy("Family names"), True),
    ("select_one sex", "sex", gettext_lazy("Sex"), True),
    ("date", "date_of_birth", gettext_lazy("Date of birth"), False),
    ("text", "document_type", gettext_lazy("Document type"), False),
    ("text", "document_number", gettext_lazy("Document number"), False),
    ("text", "phone", gettext_lazy("Phone"), False),
    ("end_repeat", "", "", False),
]


def _municipalities(programme: CashProgramme) -> list[AdministrativeArea]:
    return list(programme.municipalities.all()) or list(
        AdministrativeArea.objects.filter(
            country=programme.country_id, level=AdministrativeArea.Level.MUNICIPALITY
        )
    )


def xlsform_sheets(programme: CashProgramme) -> list[Sheet]:
    """The survey, choices and settings sheets of the programme's registration form."""
    languages = [code for code, _name in settings.LANGUAGES]
    label_columns = [language_column(code) for code in languages]
    survey = [["type", "name", *label_columns, "required", "constraint"]]
    for kind, name, label, required in QUESTIONS:
        labels = in_every_language(label) if label else [""] * len(languages)
        constraint = ". = 'yes'" if name == "consent" else ""
        survey.append([kind, name, *labels, "yes" if required else "", constraint])
    choices: list[list[Any]] = [["list_name", "name", *label_columns]]
    for area in _municipalities(programme):
        choices.append(["municipality", area.code, *[area.name] * len(languages)])
    for value, label in PopulationGroup.choices:
        if value in programme.population_groups:
            choices.append(["population_group", value, *in_every_language(label)])
    for value, label in Sex.choices:
        choices.append(["sex", value, *in_every_language(label)])
    choices.append(["yes_no", "yes", *in_every_language(gettext_lazy("Yes"))])
    choices.append(["yes_no", "no", *in_every_language(gettext_lazy("No"))])
    form_settings = [
        ["form_title", "form_id", "version", "default_language"],
        [
            programme.name,
            f"migralocal_cash_{programme.slug.replace('-', '_')}",
            FORM_VERSION,
            language_column(languages[0])[len("label::") :],
        ],
    ]
    return [Sheet("survey", survey), Sheet("choices", choices), Sheet("settings", form_settings)]


def xlsform_bytes(programme: CashProgramme) -> bytes:
    return form_workbook_bytes(xlsform_sheets(programme))


# Reading an export --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class SubmissionsCheck:
    problems: list[Problem] = field(default_factory=list)
    registration: importing.RegistrationCheck | None = None
    # household reference -> submission id
    instance_ids: dict[str, str] = field(default_factory=dict)
    submissions: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.registration is not None

    @property
    def households(self) -> list[Any]:
        return self.registration.households if self.registration else []

    @property
    def duplicates(self) -> list[tuple[str, str, float, tuple[str, ...]]]:
        return self.registration.duplicates if self.registration else []


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_sheets(content: bytes) -> list[tuple[str, list[tuple[int, dict[str, str]]]]]:
    """Every sheet of an export: its title and its records (row number, fields)."""
    from openpyxl import load_workbook

    require_defusedxml()
    check_archive(content, "xl/workbook.xml")
    sheets = []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            rows = sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=200, values_only=True)
            header = [_text(cell) for cell in next(rows, ())]
            records = []
            for number, row in enumerate(rows, start=2):
                if not any(cell not in (None, "") for cell in row):
                    continue
                records.append(
                    (
                        number,
                        normalised_record(
                            {name: _text(cell) for name, cell in zip(header, row, strict=False)}
                        ),
                    )
                )
            sheets.append((sheet.title, records))
    except ValidationError:
        raise
    except Exception as error:  # openpyxl and defusedxml raise many kinds of error
        raise ValidationError(_("The spreadsheet could not be read.")) from error
    return sheets


def _csv_records(content: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        return list(read_records(io.BytesIO(content), "export.csv"))
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text (save it as CSV).")) from error


def _instance_id(record: dict[str, str]) -> str:
    for key in ("instanceID", "_uuid", "KEY"):
        value = record.get(key, "").strip()
        if value:
            return value.removeprefix("uuid:")
    return ""


def _parent_key(record: dict[str, str]) -> str:
    return record.get("_parent_index") or record.get("PARENT_KEY") or ""


def _own_key(record: dict[str, str]) -> str:
    return record.get("_index") or record.get("KEY") or ""


def read_export(
    content: bytes, filename: str, members_content: bytes | None = None
) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[int, dict[str, str]]]]:
    """The submissions and the members' rows of an export (XLSX, or two CSV files)."""
    if len(content) > importing.MAX_BYTES or len(members_content or b"") > importing.MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    if filename.lower().endswith(".xlsx"):
        sheets = _xlsx_sheets(content)
        if not sheets:
            raise ValidationError(_("The spreadsheet has no sheets."))
        main = sheets[0][1]
        members = next(
            (
                records
                for title, records in sheets[1:]
                if title.casefold() == MEMBERS
                or any(
                    "_parent_index" in record or "PARENT_KEY" in record for _n, record in records
                )
            ),
            None,
        )
        if members is None:
            raise ValidationError(_("The export has no sheet of members (the repeat group)."))
        return main, members
    if members_content is None:
        raise ValidationError(_("Add the CSV file of the members (the repeat group)."))
    return _csv_records(content), _csv_records(members_content)


def check_export(
    programme: CashProgramme, content: bytes, filename: str, members_content: bytes | None = None
) -> SubmissionsCheck:
    """Check a whole export without writing anything: every problem by sheet, row and column,
    then the registration checks and probable duplicates of the rows it makes."""
    result = SubmissionsCheck()
    submissions_sheet, members_sheet = str(SUBMISSIONS_SHEET), str(MEMBERS_SHEET)
    try:
        main, members = read_export(content, filename, members_content)
    except ValidationError as error:
        result.problems.extend(Problem(submissions_sheet, 1, "", m) for m in error.messages)
        return result
    for sheet, records, wanted in (
        (submissions_sheet, main, HOUSEHOLD_COLUMNS),
        (members_sheet, members, MEMBER_COLUMNS),
    ):
        present = set(records[0][1]) if records else set()
        for column in wanted:
            if records and column not in present:
                result.problems.append(Problem(sheet, 1, column, _("This column is missing.")))
    if not main:
        result.problems.append(Problem(submissions_sheet, 2, "", _("The file has no rows.")))
    if result.problems:
        return result
    children: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, record in members:
        children.setdefault(_parent_key(record), []).append((number, record))
    imported = set(
        RegistrationSubmission.objects.filter(programme=programme).values_list(
            "instance_id", flat=True
        )
    )
    seen: dict[str, int] = {}
    # The rows in the registration columns, and where each came from.
    rows: list[tuple[int, dict[str, Any]]] = []
    origin: dict[int, tuple[tuple[str, int], tuple[str, int]]] = {}
    for number, record in main:
        result.submissions += 1

        def problem(column: str, message: str, number: int = number) -> None:
            result.problems.append(Problem(submissions_sheet, number, column, message))

        instance = _instance_id(record)
        if not instance:
            problem("_uuid", _("This submission has no id (_uuid or instanceID)."))
            continue
        if len(instance) > 40:
            problem("_uuid", _("This submission id is longer than 40 characters."))
            continue
        if instance in imported:
            problem("_uuid", _("This submission has already been imported."))
            continue
        if instance in seen:
            problem("_uuid", _("The same submission is on row %(row)d.") % {"row": seen[instance]})
            continue
        seen[instance] = number
        if record.get("consent", "").casefold() not in ("yes", "1", "true", "si", "sí"):
            problem("consent", _("The head of household did not consent: it cannot be registered."))
            continue
        key = _own_key(record)
        household_members = children.get(key, []) if key else []
        if not household_members:
            problem("_index", _("This submission has no members."))
            continue
        result.instance_ids[instance] = instance
        for position, (member_number, member) in enumerate(household_members, start=1):
            row: dict[str, Any] = {
                "person_ref": f"{instance}-{position}",
                "household_ref": instance,
                "municipality": record.get("municipality", ""),
                "population_group": record.get("population_group", ""),
            }
            for name in MEMBER_FIELDS:
                row[name] = member.get(name, "")
            if row["date_of_birth"]:
                row["date_of_birth"] = row["date_of_birth"][:10]
            generated = len(rows) + 2
            rows.append((generated, row))
            origin[generated] = ((submissions_sheet, number), (members_sheet, member_number))
    keys = {_own_key(record) for _number, record in main}
    for number, record in members:
        if _parent_key(record) not in keys:
            result.problems.append(
                Problem(members_sheet, number, "_parent_index", _("No submission has this member."))
            )
    if result.problems:
        return result
    registration = importing.check_rows(programme, rows)
    for found in registration.problems:
        household_side, member_side = origin.get(
            found.row, ((submissions_sheet, 1), (submissions_sheet, 1))
        )
        sheet, number = (
            household_side
            if found.column in ("household_ref", "municipality", "population_group", "")
            else member_side
        )
        column = "_uuid" if found.column in ("person_ref", "household_ref") else found.column
        result.problems.append(Problem(sheet, number, column, found.message))
    result.registration = registration
    return result


def problems_text(problems: list[Problem]) -> list[str]:
    return [
        _("%(sheet)s, row %(row)d, %(column)s: %(message)s")
        % {
            "sheet": problem.sheet,
            "row": problem.row,
            "column": problem.column or "-",
            "message": problem.message,
        }
        for problem in problems
    ]
