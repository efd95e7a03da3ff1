"""Reading an attendance list (CSV or XLSX, as video-conference tools export it) and checking
every row and column before anything is written."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from migralocal.core import uploads
from migralocal.core.models import Country, Organisation
from migralocal.learning.models import Event, Gender, Mode, ParticipantRole

MAX_ROWS = 5000
DEPARTMENT_MAX_LENGTH = 200
REQUIRED_COLUMNS = ("email", "name")
# Column names as exported by common tools, mapped to ours.
ALIASES = {
    "e-mail": "email",
    "correo": "email",
    "correo electrónico": "email",
    "user email": "email",
    "attendee email": "email",
    "nombre": "name",
    "full name": "name",
    "name (original name)": "name",
    "género": "gender",
    "genero": "gender",
    "organización": "organisation",
    "organizacion": "organisation",
    "organization": "organisation",
    "departamento": "department",
    "dependencia": "department",
    "unidad": "department",
    "unit": "department",
    "agency": "department",
    "país": "country",
    "pais": "country",
    "rol": "role",
    "modalidad": "mode",
    "join time": "joined_at",
    "hora de entrada": "joined_at",
}
GENDER_WORDS = {
    "woman": Gender.WOMAN, "female": Gender.WOMAN, "f": Gender.WOMAN, "mujer": Gender.WOMAN,
    "man": Gender.MAN, "male": Gender.MAN, "m": Gender.MAN, "hombre": Gender.MAN,
    "non-binary": Gender.NON_BINARY, "non_binary": Gender.NON_BINARY,
    "no binario": Gender.NON_BINARY, "": Gender.UNSTATED, "unstated": Gender.UNSTATED,
}  # fmt: skip
MODE_WORDS = {
    "online": Mode.ONLINE, "en línea": Mode.ONLINE, "virtual": Mode.ONLINE,
    "in_person": Mode.IN_PERSON, "in person": Mode.IN_PERSON, "presencial": Mode.IN_PERSON,
}  # fmt: skip


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


def read_table(upload: Any) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX file."""
    name = (getattr(upload, "name", "") or "").lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text, CSV or XLSX.")) from error
    try:
        return _read_csv(text)
    except csv.Error as error:  # a NUL byte, or a line the sniffer cannot make sense of
        raise ValidationError(_("The file could not be read as CSV.")) from error


def _read_csv(text: str) -> list[dict[str, str]]:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to tell the delimiter by
        dialect = csv.excel
    rows: list[dict[str, str]] = []
    for row in csv.DictReader(io.StringIO(text), dialect=dialect):
        if len(rows) > MAX_ROWS:
            break  # validate_rows reports the file as too long
        # Cells beyond the header come under the key None; missing ones have the value None.
        rows.append({key: value or "" for key, value in row.items() if isinstance(key, str)})
    return rows


def _read_xlsx(content: bytes) -> list[dict[str, str]]:
    rows = list(uploads.xlsx_rows(content, max_rows=MAX_ROWS + 1))
    if not rows:
        return []
    header = [str(cell or "").strip() for cell in rows[0]]
    return [
        {
            header[i]: "" if cell is None else str(cell)
            for i, cell in enumerate(row)
            if i < len(header) and header[i]
        }
        for row in rows[1:]
        if any(cell not in (None, "") for cell in row)
    ]


def normalise_header(raw: dict[str, str]) -> dict[str, str]:
    row = {}
    for key, value in raw.items():
        name = (key or "").strip().lower()
        row[ALIASES.get(name, name)] = (value or "").strip()
    return row


def validate_rows(event: Event, table: list[dict[str, str]]) -> ImportResult:
    """Check each row; rows are numbered as in a spreadsheet (the header is row 1)."""
    result = ImportResult()
    if not table:
        result.errors.append((1, "", _("The file has no rows.")))
        return result
    if len(table) > MAX_ROWS:
        result.errors.append((1, "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS}))
        return result
    columns = set(normalise_header(table[0]))
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            result.errors.append((1, column, _("This column is missing.")))
    if result.errors:
        return result
    countries = {c.code.lower(): c for c in Country.objects.prefetch_related("translations")}
    for country in list(countries.values()):
        for translation in country.translations.all():
            countries[translation.name.lower()] = country
    organisations = {o.name.lower(): o for o in Organisation.objects.all()}
    organisations.update({o.acronym.lower(): o for o in Organisation.objects.exclude(acronym="")})
    roles = {value: value for value in ParticipantRole.values}
    roles.update({str(label).lower(): value for value, label in ParticipantRole.choices})
    seen: set[str] = set()
    default_mode = Mode.ONLINE if event.format == Event.Format.ONLINE else Mode.IN_PERSON
    for number, raw in enumerate(table, start=2):
        row = normalise_header(raw)
        errors_before = len(result.errors)

        def fail(column: str, message: str, number: int = number) -> None:
            result.errors.append((number, column, message))

        email = row.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            fail("email", _("Not a valid e-mail address."))
        if email in seen:
            fail("email", _("This e-mail address appears in an earlier row."))
        seen.add(email)
        if not row.get("name"):
            fail("name", _("A name is required."))
        gender = GENDER_WORDS.get(row.get("gender", "").lower())
        if gender is None:
            fail("gender", _("Use woman, man, non-binary or leave it empty."))
        mode = MODE_WORDS.get(row.get("mode", "").lower()) if row.get("mode") else default_mode
        if mode is None:
            fail("mode", _("Use online or in person."))
        role = roles.get(row.get("role", "").lower()) if row.get("role") else ParticipantRole.OTHER
        if role is None:
            fail("role", _("Unknown role."))
        department = row.get("department", "")
        if len(department) > DEPARTMENT_MAX_LENGTH:
            fail(
                "department",
                _("At most %(max)s characters.") % {"max": DEPARTMENT_MAX_LENGTH},
            )
        country = None
        if row.get("country"):
            country = countries.get(row["country"].lower())
            if country is None:
                fail("country", _("Unknown country."))
        joined_at = timezone.now()
        if row.get("joined_at"):
            try:
                parsed = parse_datetime(row["joined_at"].replace("/", "-"))
            except ValueError:  # well formed but impossible, such as 2026-02-30 10:00
                parsed = None
            if parsed is None:
                fail("joined_at", _("Not a date and time such as 2026-03-05 14:30."))
            else:
                joined_at = (
                    timezone.make_aware(parsed, event.zone) if timezone.is_naive(parsed) else parsed
                )
        if len(result.errors) == errors_before:
            organisation = organisations.get(row.get("organisation", "").lower())
            result.rows.append(
                {
                    "email": email,
                    "name": row["name"],
                    "gender": gender,
                    "role": role,
                    "mode": mode,
                    "organisation": organisation,
                    "organisation_name": row.get("organisation", ""),
                    "department": department,
                    "country": country or (organisation.country if organisation else None),
                    "attended_at": joined_at,
                }
            )
    return result
