"""Registrations from a CSV file, one row per member: every problem reported by row and column,
a preview with the probable duplicates, and nothing written until the whole file is right.

The columns are documented in docs/assistance.md and offered as a template (`TEMPLATE_ROWS`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assistance import matching
from migralocal.assistance.models import CashProgramme, Household, Member, PopulationGroup, Sex
from migralocal.assistance.services import (
    HouseholdData,
    MemberData,
    other_programmes_members,
    people_of,
)
from migralocal.core.models import AdministrativeArea

COLUMNS = (
    "person_ref",
    "household_ref",
    "given_names",
    "family_names",
    "sex",
    "date_of_birth",
    "document_type",
    "document_number",
    "phone",
    "municipality",
    "population_group",
)
REQUIRED = ("person_ref", "household_ref", "given_names", "family_names", "sex", "municipality")
TEMPLATE_ROWS = (
    COLUMNS,
    (
        "P-0001",
        "H-0001",
        "María José",
        "Cedeño Paz",
        "female",
        "1988-03-14",
        "cedula",
        "1712345678",
        "593 99 123 4567",
        "Quito",
        "host",
    ),
    (
        "P-0002",
        "H-0001",
        "Luis",
        "Cedeño Paz",
        "male",
        "2015-09-02",
        "",
        "",
        "",
        "Quito",
        "host",
    ),
)
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
LENGTHS = {
    "person_ref": 60,
    "household_ref": 60,
    "given_names": 150,
    "family_names": 150,
    "document_type": 40,
    "document_number": 60,
    "phone": 40,
}
SEXES = {
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
    "mujer": Sex.FEMALE,
    "femenino": Sex.FEMALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "h": Sex.MALE,
    "hombre": Sex.MALE,
    "masculino": Sex.MALE,
    "other": Sex.OTHER,
    "otro": Sex.OTHER,
    "": Sex.OTHER,
}
GROUPS = {
    "refugee": PopulationGroup.REFUGEE,
    "refugiado": PopulationGroup.REFUGEE,
    "refugiada": PopulationGroup.REFUGEE,
    "migrant": PopulationGroup.MIGRANT,
    "migrante": PopulationGroup.MIGRANT,
    "host": PopulationGroup.HOST,
    "host community": PopulationGroup.HOST,
    "comunidad de acogida": PopulationGroup.HOST,
    "acogida": PopulationGroup.HOST,
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class RegistrationCheck:
    households: list[HouseholdData] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[str, str, float, tuple[str, ...]]] = field(default_factory=list)
    rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def people(self) -> int:
        return sum(len(household.members) for household in self.households)


def _text_of(content: bytes) -> str | None:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _cell(row: dict[str, str | None], column: str) -> str:
    value = (row.get(column) or "").strip()
    # A spreadsheet's guard against formulas (core/exports.safe_cell) is not part of the value.
    return value[1:] if value.startswith("'") else value


class _Municipalities:
    """A municipality by code or by name (any case, with or without accents)."""

    def __init__(self, programme: CashProgramme) -> None:
        chosen = list(programme.municipalities.all())
        areas = chosen or list(
            AdministrativeArea.objects.filter(
                country=programme.country_id, level=AdministrativeArea.Level.MUNICIPALITY
            )
        )
        self.by_code = {area.code.casefold(): area for area in areas}
        self.by_name: dict[str, list[AdministrativeArea]] = {}
        for area in areas:
            self.by_name.setdefault(matching.plain(area.name), []).append(area)

    def find(self, text: str) -> AdministrativeArea | str:
        area = self.by_code.get(text.casefold())
        if area is not None:
            return area
        found = self.by_name.get(matching.plain(text), [])
        if len(found) == 1:
            return found[0]
        if found:
            return _("Several municipalities have this name: give its code.")
        return _("No municipality of the programme has this name or code.")


def check(programme: CashProgramme, content: bytes) -> RegistrationCheck:
    """Read and check a whole file; nothing is written. Probable duplicates within the file and
    against the people already registered in the programme come with the result."""
    result = RegistrationCheck()
    if len(content) > MAX_BYTES:
        result.problems.append(Problem(1, "", _("The file is larger than 20 MB.")))
        return result
    text = _text_of(content)
    if text is None:
        result.problems.append(Problem(1, "", _("The file is not UTF-8 text (save it as CSV).")))
        return result
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [column for column in COLUMNS if column not in header]
    for column in missing:
        result.problems.append(Problem(1, column, _("This column is missing.")))
    if missing:
        return result
    return check_rows(programme, enumerate(reader, start=2), result)


def check_rows(
    programme: CashProgramme,
    rows: Iterable[tuple[int, dict[Any, Any]]],
    result: RegistrationCheck | None = None,
) -> RegistrationCheck:
    """Check rows of the registration columns (`COLUMNS`), each with its number as the user
    sees it: the CSV file's, or another source's (kobo.py) translated to these columns."""
    result = result or RegistrationCheck()
    taken_people = set(
        Member.objects.filter(programme=programme).values_list("person_ref", flat=True)
    )
    taken_households = set(
        Household.objects.filter(programme=programme).values_list("household_ref", flat=True)
    )
    municipalities = _Municipalities(programme)
    seen_people: dict[str, int] = {}
    households: OrderedDict[str, HouseholdData] = OrderedDict()
    rows_of: dict[str, int] = {}
    today = timezone.localdate()
    for number, row in rows:
        result.rows += 1
        if result.rows > MAX_ROWS:
            result.problems.append(Problem(number, "", _("The file has too many rows.")))
            break
        problems_before = len(result.problems)

        def problem(column: str, message: str, number: int = number) -> None:
            result.problems.append(Problem(number, column, message))

        values = {column: _cell(row, column) for column in COLUMNS}
        if None in row:
            problem("", _("This row has more cells than the header."))
        for column in REQUIRED:
            if not values[column]:
                problem(column, _("This cell is required."))
        for column, limit in LENGTHS.items():
            if len(values[column]) > limit:
                problem(column, _("Too long: at most %(limit)d characters.") % {"limit": limit})
        person_ref, household_ref = values["person_ref"], values["household_ref"]
        if person_ref in taken_people:
            problem("person_ref", _("This person is already registered in the programme."))
        elif person_ref and person_ref in seen_people:
            problem(
                "person_ref",
                _("The same reference is on row %(row)d.") % {"row": seen_people[person_ref]},
            )
        seen_people.setdefault(person_ref, number)
        if household_ref in taken_households:
            problem("household_ref", _("This household is already registered in the programme."))
        sex = SEXES.get(values["sex"].casefold())
        if sex is None:
            problem("sex", _("Write female, male or other."))
        birth: dt.date | None = None
        if values["date_of_birth"]:
            try:
                if not DATE.match(values["date_of_birth"]):
                    raise ValueError
                birth = dt.date.fromisoformat(values["date_of_birth"])
            except ValueError:
                problem("date_of_birth", _("Write the date as YYYY-MM-DD, such as 1990-05-17."))
            else:
                if birth > today or birth.year < 1900:
                    problem("date_of_birth", _("This date of birth is not possible."))
        phone = values["phone"]
        if phone and not 7 <= len(re.sub(r"\D", "", phone)) <= 15:
            problem("phone", _("A phone number has 7 to 15 digits."))
        group = GROUPS.get(values["population_group"].casefold())
        if group is None:
            problem("population_group", _("Write refugee, migrant or host."))
        elif group not in programme.population_groups:
            problem("population_group", _("The programme does not serve this population group."))
        area: AdministrativeArea | str | None = None
        if values["municipality"]:
            area = municipalities.find(values["municipality"])
            if isinstance(area, str):
                problem("municipality", area)
        household = households.get(household_ref)
        if (
            household is not None
            and isinstance(area, AdministrativeArea)
            and household.municipality.pk != area.pk
        ):
            problem(
                "municipality",
                _("Not the municipality of the household's first row (row %(row)d).")
                % {"row": rows_of[household_ref]},
            )
        if len(result.problems) != problems_before or not household_ref:
            continue
        if not isinstance(area, AdministrativeArea) or sex is None or group is None:
            continue
        data = MemberData(
            person_ref=person_ref,
            given_names=values["given_names"],
            family_names=values["family_names"],
            sex=sex,
            date_of_birth=birth,
            document_type=values["document_type"],
            document_number=values["document_number"],
            phone=phone,
            population_group=group,
        )
        if household is None:
            # The head is the first row of the household.
            households[household_ref] = HouseholdData(household_ref, area, group, [data])
            rows_of[household_ref] = number
        else:
            household.members.append(data)
    if result.rows == 0:
        result.problems.append(Problem(2, "", _("The file has no rows.")))
    result.households = list(households.values())
    if result.is_valid:
        result.duplicates = probable_duplicates(programme, result.households)
    return result


def probable_duplicates(
    programme: CashProgramme, households: list[HouseholdData]
) -> list[tuple[str, str, float, tuple[str, ...]]]:
    """Pairs involving at least one new row, by person reference: within the file and against
    the programme's registered people (decrypted in memory for the comparison only)."""
    registered = Member.objects.filter(programme=programme, status=Member.Status.ACTIVE)
    others = list(other_programmes_members(programme).select_related("programme"))
    people = [
        *people_of(registered, key=lambda member: f"registered:{member.pk}", group="registered"),
        *people_of(others, key=lambda member: f"other:{member.pk}", group="registered"),
        *people_of(
            (member for household in households for member in household.members),
            key=lambda member: f"new:{member.person_ref}",
        ),
    ]
    refs = dict(registered.values_list("pk", "person_ref"))

    # People of the operator's other programmes are named with their programme's slug.
    refs.update({member.pk: f"{member.programme.slug}:{member.person_ref}" for member in others})

    def ref(key: object) -> str:
        kind, value = str(key).split(":", 1)
        return value if kind == "new" else refs[int(value)]

    return [
        (ref(match.a), ref(match.b), match.score, match.reasons)
        for match in matching.find_matches(people)
    ]
