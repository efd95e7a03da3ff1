"""Offline submissions of the XLSForm, read back from KoboToolbox or ODK Central exports.

Reading is forgiving about the shape of an export (CSV with `,` or `;`, JSON as a list or as
the API's `{"results": [...]}`, group prefixes such as `meta/` or `meta-`); validation is strict
and reports every problem by row and column before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    AgeBand,
    Channel,
    Disability,
    Gender,
    PreferredLanguage,
)
from migralocal.core import json_limits, text_limits
from migralocal.core.models import Country, TaxonomyTerm
from migralocal.directory.models import Hub, Service

REQUIRED_COLUMNS = ("date", "channel", "topics")
INSTANCE_KEYS = ("instanceID", "KEY", "_uuid")
PREVIEW_ROWS = 10
PROGRESS_EVERY = 1000


def service_choice_name(service_id: uuid.UUID) -> str:
    """The XLSForm choice name of a service: a letter first, as XML names need."""
    return f"s_{service_id.hex}"


@dataclass(slots=True)
class ParsedRow:
    instance_uuid: str
    date: dt.date
    channel: str
    topic_ids: list[int]
    gender: str
    age_band: str
    nationality_id: int | None
    situation_id: int | None
    disability: str
    preferred_language: str
    needs: str
    information_given: str
    service_ids: list[uuid.UUID]
    follow_up_on: dt.date | None


@dataclass
class Validation:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    total: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})


class Lookups:
    """Every code a row may use, loaded once per import."""

    def __init__(self, hub: Hub) -> None:
        self.topics = dict(TaxonomyTerm.objects.of(TOPICS_TAXONOMY).values_list("code", "pk"))
        self.situations = dict(
            TaxonomyTerm.objects.of(SITUATIONS_TAXONOMY).values_list("code", "pk")
        )
        self.countries: dict[str, int] = {}
        for pk, code, iso3 in Country.objects.values_list("pk", "code", "iso3"):
            self.countries[code.upper()] = pk
            self.countries[iso3.upper()] = pk
        self.services: dict[str, uuid.UUID] = {}
        for service_id in Service.objects.filter(country=hub.country_id).values_list(
            "id", flat=True
        ):
            self.services[service_choice_name(service_id)] = service_id
            self.services[str(service_id)] = service_id
        self.existing: set[str] = set()

    def load_existing(self, instance_ids: Iterable[str]) -> None:
        from migralocal.consultations.models import Consultation

        wanted = list(instance_ids)
        for start in range(0, len(wanted), 900):
            found = Consultation.objects.filter(
                instance_uuid__in=wanted[start : start + 900]
            ).values_list("instance_uuid", flat=True)
            self.existing.update(value for value in found if value)


@functools.lru_cache(maxsize=4096)
def _normal_key(key: str) -> str:
    """`meta/instanceID`, `meta-instanceID`, `group/topics` → their last part."""
    last = key.strip().split("/")[-1]
    if last.startswith("meta-"):
        last = last[len("meta-") :]
    return last


def normalised_record(record: dict[str, Any]) -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in record.items():
        if key is None:
            continue
        name = _normal_key(str(key))
        text = "" if value is None else str(value).strip()
        # One-hot columns of a select_multiple (`topics/health`) share a last part with nothing
        # we read; the first non-empty value wins for names that do repeat.
        if name not in row or not row[name]:
            row[name] = text
    return row


def read_records(stream: IO[bytes], filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the user sees it, fields) for each submission in the export."""
    if filename.lower().endswith(".json"):
        data = json_limits.load(stream)
        if isinstance(data, dict):
            data = data.get("results", data.get("value", []))
        if not isinstance(data, list):
            raise ValueError(_("The JSON file must hold a list of submissions."))
        for number, record in enumerate(data, start=1):
            yield number, normalised_record(record if isinstance(record, dict) else {})
        return
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    first_line = text.readline()
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    reader = csv.DictReader(text, fieldnames=header, delimiter=delimiter)
    for number, record in enumerate(reader, start=2):
        yield number, normalised_record(record)


def _parse_date(value: str) -> dt.date:
    # Kobo writes dates as 2025-03-01; ODK Central may add a time.
    return dt.date.fromisoformat(value[:10])


FREE_TEXT_COLUMNS = ("needs", "information_given")
# Enum `.values` builds a new list on each call: the parser checks every row against these.
CHANNELS = frozenset(Channel.values)
GENDERS = frozenset(Gender.values)
AGE_BANDS = frozenset(AgeBand.values)
DISABILITIES = frozenset(Disability.values)
LANGUAGES = frozenset(PreferredLanguage.values)


class RowParser:
    def __init__(self, lookups: Lookups, validation: Validation) -> None:
        self.lookups = lookups
        self.validation = validation
        self.today = timezone.localdate()
        self.seen: dict[str, int] = {}

    def error(self, number: int, column: str, message: str) -> None:
        self.validation.error(number, column, message)

    def choice(
        self, number: int, row: dict[str, str], column: str, allowed: frozenset[str], default: str
    ) -> str:
        value = row.get(column, "")
        if not value:
            return default
        if value not in allowed:
            self.error(
                number,
                column,
                _("“%(value)s” is not one of the form's choices.") % {"value": value},
            )
        return value

    def instance(self, number: int, row: dict[str, str]) -> str | None:
        raw = next((row[key] for key in INSTANCE_KEYS if row.get(key)), "")
        instance_uuid = raw.removeprefix("uuid:")
        if not instance_uuid:
            self.error(number, "meta/instanceID", _("The submission has no instance id."))
            return None
        if instance_uuid in self.seen:
            self.error(
                number,
                "meta/instanceID",
                _("The same submission appears twice in the file (also row %(row)s).")
                % {"row": self.seen[instance_uuid]},
            )
            return None
        self.seen[instance_uuid] = number
        return instance_uuid

    def when(self, number: int, row: dict[str, str], column: str, required: bool) -> dt.date | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.error(number, column, _("This column is required."))
            return None
        try:
            parsed = _parse_date(value)
        except ValueError:
            self.error(
                number, column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
            )
            return None
        if column == "date" and parsed > self.today:
            self.error(number, column, _("The date cannot be in the future."))
        return parsed

    def codes(
        self, number: int, row: dict[str, str], column: str, known: dict[str, Any]
    ) -> list[Any]:
        found = []
        for code in row.get(column, "").split():
            if code in known:
                found.append(known[code])
            else:
                self.error(
                    number,
                    column,
                    _("“%(value)s” is not one of the form's choices.") % {"value": code},
                )
        return found

    def parse(self, number: int, row: dict[str, str]) -> ParsedRow | None:
        errors_before = len(self.validation.errors)
        instance_uuid = self.instance(number, row)
        when = self.when(number, row, "date", required=True)
        channel = self.choice(number, row, "channel", CHANNELS, "")
        if not channel:
            self.error(number, "channel", _("This column is required."))
        topic_ids = self.codes(number, row, "topics", self.lookups.topics)
        if not row.get("topics"):
            self.error(number, "topics", _("Choose at least one topic."))
        nationality = row.get("nationality", "").upper()
        nationality_id = self.lookups.countries.get(nationality) if nationality else None
        if nationality and nationality_id is None:
            self.error(
                number,
                "nationality",
                _("“%(value)s” is not a known country code.") % {"value": nationality},
            )
        situation = row.get("migration_situation", "")
        situation_id = self.lookups.situations.get(situation) if situation else None
        if situation and situation_id is None:
            self.error(
                number,
                "migration_situation",
                _("“%(value)s” is not one of the form's choices.") % {"value": situation},
            )
        for column in FREE_TEXT_COLUMNS:
            length = len(row.get(column, ""))
            if length > text_limits.NOTE:
                self.error(number, column, text_limits.too_long_message(text_limits.NOTE, length))
        parsed = ParsedRow(
            instance_uuid=instance_uuid or "",
            date=when or self.today,
            channel=channel,
            topic_ids=topic_ids,
            gender=self.choice(number, row, "gender", GENDERS, Gender.NOT_STATED),
            age_band=self.choice(number, row, "age_band", AGE_BANDS, AgeBand.NOT_STATED),
            nationality_id=nationality_id,
            situation_id=situation_id,
            disability=self.choice(number, row, "disability", DISABILITIES, Disability.NOT_STATED),
            preferred_language=self.choice(number, row, "preferred_language", LANGUAGES, ""),
            needs=row.get("needs", ""),
            information_given=row.get("information_given", ""),
            service_ids=self.codes(number, row, "referrals", self.lookups.services),
            follow_up_on=self.when(number, row, "follow_up_on", required=False),
        )
        return parsed if len(self.validation.errors) == errors_before else None


def validate_submissions(
    records: Iterable[tuple[int, dict[str, str]]],
    hub: Hub,
    *,
    progress: Callable[[int], None] | None = None,
) -> Validation:
    """Check every row; keep the valid new ones, count those already imported, list errors."""
    validation = Validation()
    lookups = Lookups(hub)
    parser = RowParser(lookups, validation)
    checked_header = False
    for number, row in records:
        if not checked_header:
            checked_header = True
            for column in REQUIRED_COLUMNS:
                if column not in row:
                    validation.error(
                        1, column, _("The file has no “%(column)s” column.") % {"column": column}
                    )
            if validation.errors:
                return validation
        validation.total += 1
        parsed = parser.parse(number, row)
        if parsed is not None:
            validation.rows.append(parsed)
        if progress is not None and validation.total % PROGRESS_EVERY == 0:
            progress(validation.total)
    if not checked_header:
        validation.error(1, "", _("The file holds no submissions."))
    lookups.load_existing(row.instance_uuid for row in validation.rows)
    if lookups.existing:
        new_rows = [row for row in validation.rows if row.instance_uuid not in lookups.existing]
        validation.duplicates = len(validation.rows) - len(new_rows)
        validation.rows = new_rows
    return validation


def preview_of(rows: list[ParsedRow]) -> list[dict[str, Any]]:
    """The first rows as plain values, for the page that asks for confirmation."""
    return [
        {
            "instance": row.instance_uuid,
            "date": row.date.isoformat(),
            "channel": row.channel,
            "topics": len(row.topic_ids),
            "gender": row.gender,
            "age_band": row.age_band,
            "referrals": len(row.service_ids),
        }
        for row in rows[:PREVIEW_ROWS]
    ]
