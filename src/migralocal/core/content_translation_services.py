"""Bringing translated content back: a translator's file is read, every unit checked, and only a
file without a single error is written, in one transaction.

A target is cleaned the way the pages' forms clean text (surrounding spaces stripped, null
characters refused; Markdown stays Markdown and is made safe when shown, core/markdown.py), must
keep the source's placeholders, and must fit its field. An empty target is skipped. A field the
language already fills is kept unless the import says to replace existing translations, which
only platform administrators may do (reviewers fill what is missing).

Parler shows a language's row as a whole (no field falls back to Spanish on its own), so a
record gets a first translation in a language only when the file fills every field its source
fills; a record left half done is skipped and reported, not shown half empty.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from parler.cache import _delete_cached_translation

from migralocal.core.content_translation import (
    Translated,
    default_language,
    target_languages,
    texts_by_record,
    translated_by_key,
)
from migralocal.core.content_translation_files import (
    CSV_COLUMNS,
    EXTENSIONS,
    XLIFF_EXTENSIONS,
    Entry,
    read_csv,
    read_xliff,
)
from migralocal.core.content_translation_models import TranslationImport
from migralocal.core.forms import language_name
from migralocal.core.models import Actor
from migralocal.core.permissions import require
from migralocal.core.text_limits import too_long_message
from migralocal.core.uploads import check_size, check_text

# What a translator must carry over unchanged: %(name)s, %s, %d, {name}, {{ name }}.
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}|\{\w*\}")
VIEW_PERMISSION = "core.view_translation_coverage"
IMPORT_PERMISSION = "core.import_content_translations"
REPLACE_PERMISSION = "core.replace_content_translations"


@dataclass(frozen=True)
class Problem:
    where: str
    message: str


@dataclass(frozen=True)
class Change:
    model: Translated
    pk: Any  # a number, or a UUID for the directory's HSDS records
    field: str
    value: str
    replaces: bool
    # For a record without a row in the language yet: the fields its source fills.
    model_fields_needed: frozenset[str] | None = None


@dataclass
class Plan:
    """What an import would do: the changes, what it leaves alone, and every error found."""

    language: str
    file_format: str
    file_name: str = ""
    replace: bool = False
    changes: list[Change] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # where a target was left empty
    kept: list[str] = field(default_factory=list)  # existing translations not replaced
    incomplete: list[str] = field(default_factory=list)  # a first translation left half done
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def new_count(self) -> int:
        return sum(not change.replaces for change in self.changes)

    @property
    def replaced_count(self) -> int:
        return sum(change.replaces for change in self.changes)

    @property
    def skipped_count(self) -> int:
        return len(self.empty) + len(self.kept) + len(self.incomplete)


def check_language(language: str) -> None:
    if language not in target_languages():
        raise ValidationError(
            _("%(language)s is not a language content is translated into.")
            % {"language": language},
            code="language",
        )


def file_format_of(name: str) -> str:
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(EXTENSIONS)},
            code="extension",
        )
    return TranslationImport.Format.XLIFF if extension in XLIFF_EXTENSIONS else "csv"


def read_upload(upload: Any, language: str) -> tuple[str, list[Entry]]:
    """The format and the entries of an uploaded file (a Django upload or an open file with a
    `name` and a `size`), after its size and text checks."""
    check_language(language)
    file_format = file_format_of(upload.name or "")
    check_size(upload)
    check_text(upload, PurePath(upload.name).suffix.lower())
    upload.seek(0)
    content = upload.read()
    if file_format == TranslationImport.Format.XLIFF:
        return file_format, read_xliff(content, language)
    return file_format, read_csv(content)


def clean_target(value: str) -> str:
    """Like a form's text field: line ends made one kind, surrounding spaces stripped, null
    characters refused."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\x00" in text:
        raise ValidationError(_("Null characters are not allowed."), code="null_characters")
    return text


def _parsed_id(unit_id: str) -> tuple[Translated, Any, str] | None:
    """The model, record key and field an id names, or None for an id the platform never
    wrote (unknown model, field not translated, a key of the wrong kind). Keys are numbers or,
    for some models (the directory's locations), UUIDs."""
    parts = unit_id.split(".")
    if len(parts) != 4:
        return None
    each = translated_by_key().get(f"{parts[0]}.{parts[1]}")
    if each is None or parts[3] not in each.fields:
        return None
    try:
        pk = each.model._meta.pk.to_python(parts[2])
    except ValidationError:
        return None
    return each, pk, parts[3]


def _placeholders(text: str) -> Counter[str]:
    return Counter(match.replace(" ", "") for match in PLACEHOLDER.findall(text))


def plan_import(
    entries: list[Entry],
    *,
    language: str,
    file_format: str,
    replace: bool = False,
    file_name: str = "",
) -> Plan:
    """Check every entry (three queries per model the file names) and say what would change."""
    check_language(language)
    plan = Plan(language, file_format, file_name, replace)
    seen: set[str] = set()
    wanted: dict[str, list[tuple[Entry, int, str]]] = defaultdict(list)
    for entry in entries:
        parsed = _parsed_id(entry.id)
        if parsed is None:
            plan.problems.append(
                Problem(entry.where, _("Unknown id “%(id)s”.") % {"id": entry.id[:200]})
            )
            continue
        if entry.id in seen:
            plan.problems.append(Problem(entry.where, _("This id appears more than once.")))
            continue
        seen.add(entry.id)
        each, pk, name = parsed
        wanted[each.key].append((entry, pk, name))
    models_by_key = translated_by_key()
    for key, items in wanted.items():
        each = models_by_key[key]
        pks = {pk for _entry, pk, _name in items}
        existing = set(each.model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        sources = texts_by_record(each, default_language(), pks)
        current = texts_by_record(each, language, pks)
        for entry, pk, name in items:
            _check_entry(plan, each, entry, pk, name, existing, sources, current)
    _skip_incomplete(plan, wanted)
    return plan


def _skip_incomplete(plan: Plan, wanted: dict[str, list[tuple[Entry, int, str]]]) -> None:
    """Move the changes of a record that would get a half-done first translation to
    `incomplete`: a first translation must fill every field that the source fills."""
    by_record: dict[tuple[str, int], list[Change]] = defaultdict(list)
    for change in plan.changes:
        by_record[(change.model.key, change.pk)].append(change)
    where = {
        (key, pk, name): entry.where for key, items in wanted.items() for entry, pk, name in items
    }
    kept_changes = []
    for (key, pk), changes in by_record.items():
        first = changes[0]
        needed = first.model_fields_needed
        given = {change.field for change in changes}
        if needed is not None and not needed <= given:
            plan.incomplete.extend(where[(key, pk, change.field)] for change in changes)
        else:
            kept_changes.extend(changes)
    plan.changes = kept_changes


def _check_entry(
    plan: Plan,
    each: Translated,
    entry: Entry,
    pk: int,
    name: str,
    existing: set[int],
    sources: dict[int, dict[str, Any]],
    current: dict[int, dict[str, Any]],
) -> None:
    if pk not in existing:
        plan.problems.append(Problem(entry.where, _("This item no longer exists.")))
        return
    try:
        value = clean_target(entry.target)
    except ValidationError as error:
        plan.problems.append(Problem(entry.where, error.messages[0]))
        return
    if not value:
        plan.empty.append(entry.where)
        return
    limit = each.max_length(name)
    if limit and len(value) > limit:
        plan.problems.append(Problem(entry.where, too_long_message(limit, len(value))))
        return
    source = str(sources.get(pk, {}).get(name) or "")
    if _placeholders(source) != _placeholders(value):
        plan.problems.append(
            Problem(
                entry.where,
                _("The translation must keep the placeholders of the source: %(placeholders)s.")
                % {"placeholders": ", ".join(sorted(_placeholders(source))) or "—"},
            )
        )
        return
    now = str(current.get(pk, {}).get(name) or "")
    if now == value:
        plan.kept.append(entry.where)
        return
    if now and not plan.replace:
        plan.kept.append(entry.where)
        return
    needed = None
    if pk not in current:
        source_row = sources.get(pk, {})
        needed = frozenset(name for name in each.fields if source_row.get(name))
    plan.changes.append(
        Change(each, pk, name, value, replaces=bool(now), model_fields_needed=needed)
    )


@transaction.atomic
def _write(plan: Plan, actor: Actor | None, saved: list[models.Model]) -> TranslationImport:
    by_record: dict[tuple[str, int], list[Change]] = defaultdict(list)
    for change in plan.changes:
        by_record[(change.model.key, change.pk)].append(change)
    models_by_key = translated_by_key()
    for key in {key for key, _pk in by_record}:
        each = models_by_key[key]
        pks = [pk for record_key, pk in by_record if record_key == key]
        rows = {
            row.master_id: row  # type: ignore[attr-defined]
            for row in each.translation._default_manager.filter(
                language_code=plan.language, master_id__in=pks
            )
        }
        for pk in pks:
            row = rows.get(pk) or each.translation(master_id=pk, language_code=plan.language)
            for change in by_record[(key, pk)]:
                setattr(row, change.field, change.value)
            row.save()
            saved.append(row)
    record = TranslationImport.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        language=plan.language,
        file_name=plan.file_name[:255],
        file_format=plan.file_format,
        replace_existing=plan.replace,
        created_count=plan.new_count,
        replaced_count=plan.replaced_count,
        skipped_count=plan.skipped_count,
    )
    return record


def import_translations(plan: Plan, *, actor: Actor | None) -> TranslationImport:
    """Write a checked plan, all or nothing; `actor` None is the command line (trusted)."""
    if actor is not None:
        require(actor, IMPORT_PERMISSION)
        if plan.replace:
            require(actor, REPLACE_PERMISSION)
    if not plan.ok:
        raise ValidationError(
            [f"{problem.where}: {problem.message}" for problem in plan.problems], code="invalid"
        )
    saved: list[models.Model] = []
    try:
        record = _write(plan, actor, saved)
    finally:
        # Parler caches a translation as it is saved, even when the transaction then rolls
        # back: what is in the cache must be what the database holds.
        for row in saved:
            _delete_cached_translation(row)
    return record


def describe_language(code: str) -> str:
    return f"{language_name(code)} ({code})"


__all__ = [
    "CSV_COLUMNS",
    "Change",
    "Plan",
    "Problem",
    "import_translations",
    "plan_import",
    "read_upload",
]
