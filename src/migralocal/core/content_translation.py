"""Translating model content: which records count, how much of them each language covers, and
what is still missing (the reads behind the coverage page and the translators' files).

Content is written in the platform's default language (Spanish) and often in English on the
pages; other languages arrive through translators. A record's *source* is its translation in
the default language; it is translated into a language when that language has a non-empty value
for every translated field the source fills.

Which records count: every django-parler model of a MigraLocal module (found, not listed, so a
new module's content counts from its first day), except those in `NOT_SHARED` below.

Coverage is computed with one aggregate query per translation model, whatever the number of
rows; the missing content of one module, with two queries per model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.lookups import Exact, IsNull
from parler.models import TranslatableModel

# Content that is not shared with the public or across the platform, so not sent to
# translators: advisory work is the private working material of advisers and one government
# body (drafts, review rounds, recommendations); a community profile is an organisation's own
# description of itself, which only the organisation may change.
NOT_SHARED = frozenset(
    {
        "advisory.Engagement",
        "advisory.Instrument",
        "advisory.Recommendation",
        "advisory.PlanActivity",
        "learning.CommunityProfile",
    }
)
# A line of a source text longer than this is cut on the pages (the files carry it whole).
EXCERPT = 160


@dataclass(frozen=True)
class Translated:
    """One translatable model: its translation model and the text fields translators fill."""

    model: type[TranslatableModel]
    translation: type[models.Model]
    fields: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def module(self) -> str:
        return self.model._meta.app_label

    @property
    def key(self) -> str:
        """The model's part of a unit's id: `app_label.model_name`, lower case and stable."""
        return self.model._meta.label_lower

    def max_length(self, name: str) -> int | None:
        length = getattr(self.translation._meta.get_field(name), "max_length", None)
        return int(length) if length else None


def default_language() -> str:
    return str(settings.LANGUAGE_CODE)


def target_languages() -> list[str]:
    """Every configured language but the default: those a record may be translated into."""
    return [code for code, _name in settings.LANGUAGES if code != default_language()]


def _text_fields(translation: type[models.Model]) -> tuple[str, ...]:
    return tuple(
        each.name
        for each in translation._meta.concrete_fields
        if isinstance(each, models.CharField | models.TextField) and each.name != "language_code"
    )


@cache
def translated_models() -> tuple[Translated, ...]:
    """Every counted model, in a stable order (module, then model)."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, TranslatableModel) or not model.__module__.startswith(
            "migralocal."
        ):
            continue
        if model._meta.label in NOT_SHARED:
            continue
        translation = model._parler_meta.root_model  # type: ignore[attr-defined]
        found.append(Translated(model, translation, _text_fields(translation)))
    return tuple(sorted(found, key=lambda each: each.key))


def translated_by_key() -> dict[str, Translated]:
    return {each.key: each for each in translated_models()}


def modules() -> list[str]:
    return sorted({each.module for each in translated_models()})


def module_name(module: str) -> str:
    return str(apps.get_app_config(module).verbose_name)


def _filled(name: str) -> Q:
    return Q(**{f"{name}__gt": ""})


def _complete_in(each: Translated, language: str) -> Exists:
    """The record (outer row: its source) has a translation in `language` that fills every
    field its source fills."""
    rows = each.translation._default_manager.filter(
        master_id=OuterRef("master_id"), language_code=language
    )
    for name in each.fields:
        source_empty = Q(Exact(Value(""), OuterRef(name))) | Q(IsNull(OuterRef(name), True))
        rows = rows.filter(_filled(name) | source_empty)
    return Exists(rows)


def _sources(each: Translated) -> models.QuerySet[models.Model]:
    return each.translation._default_manager.filter(language_code=default_language())


@dataclass
class Coverage:
    """How many records a module (or a model) has, and how many are translated per language."""

    module: str
    total: int = 0
    done: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return module_name(self.module)

    def missing(self, language: str) -> int:
        return self.total - self.done.get(language, 0)

    def share(self, language: str) -> int:
        """Percent translated, rounded down (so 100 means everything is)."""
        if not self.total:
            return 100
        return self.done.get(language, 0) * 100 // self.total

    def cells(self, languages: Iterable[str]) -> list[tuple[str, int, int, int]]:
        """(language, translated, missing, percent), for a template."""
        return [
            (code, self.done.get(code, 0), self.missing(code), self.share(code))
            for code in languages
        ]


def model_coverage(each: Translated, languages: Iterable[str]) -> Coverage:
    """One query: the records with a source, and for each language those translated."""
    counts = _sources(each).aggregate(
        total=Count("pk"),
        **{f"done_{code}": Count("pk", filter=Q(_complete_in(each, code))) for code in languages},
    )
    return Coverage(
        each.module,
        counts["total"],
        {code: counts[f"done_{code}"] for code in languages},
    )


def coverage(languages: Iterable[str] | None = None) -> list[Coverage]:
    """Per module, the records and how many are translated in each language, plus a last row
    for the whole platform (module "")."""
    codes = list(languages if languages is not None else target_languages())
    by_module: dict[str, Coverage] = {}
    overall = Coverage("")
    for each in translated_models():
        counted = model_coverage(each, codes)
        for row in (by_module.setdefault(each.module, Coverage(each.module)), overall):
            row.total += counted.total
            for code in codes:
                row.done[code] = row.done.get(code, 0) + counted.done[code]
    return [*by_module.values(), overall]


@dataclass(frozen=True)
class Unit:
    """One field of one record to translate: what a translator's file has a line for."""

    model: Translated
    pk: Any  # a number, or a UUID for the directory's HSDS records
    field: str
    item: str
    source: str
    english: str = ""
    current: str = ""  # the value the language has now (empty for missing content)

    @property
    def id(self) -> str:
        return unit_id(self.model, self.pk, self.field)

    @property
    def module(self) -> str:
        return self.model.module

    @property
    def excerpt(self) -> str:
        text = " ".join(self.source.split())
        return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def unit_id(each: Translated, pk: Any, name: str) -> str:
    """`app_label.model_name.pk.field`: the same for the same field of the same record, in
    every export, so a file can be filled in weeks later."""
    return f"{each.key}.{pk}.{name}"


def _item_label(each: Translated, pk: Any, values: dict[str, str]) -> str:
    """The model's name, the record's number and its first short text (its title, name…)."""
    title = next(
        (
            " ".join(values[name].split())
            for name in each.fields
            if values.get(name)
            and isinstance(each.translation._meta.get_field(name), models.CharField)
        ),
        "",
    )
    label = f"{each.model._meta.verbose_name} {pk}"
    return f"{label} — {title[:80]}" if title else label


def texts_by_record(
    each: Translated, language: str, pks: Iterable[Any]
) -> dict[Any, dict[str, Any]]:
    """The translated fields of the records `pks` in `language`, by record key."""
    rows = each.translation._default_manager.filter(language_code=language, master_id__in=pks)
    return {row["master_id"]: row for row in rows.values("master_id", *each.fields)}


def missing_units(language: str, module: str | None = None) -> Iterator[Unit]:
    """Every field that a record's source fills and `language` does not, with the English text
    when there is one; two queries per model of the module (three when English is not the
    language asked)."""
    for each in translated_models():
        if module and each.module != module:
            continue
        sources = (
            _sources(each)
            .exclude(_complete_in(each, language))
            .order_by("master_id")
            .values("master_id", *each.fields)
        )
        source_by_pk = {row["master_id"]: row for row in sources}
        if not source_by_pk:
            continue
        pks = list(source_by_pk)
        current = texts_by_record(each, language, pks)
        # English is a second source for the translator, unless English is what is asked.
        english = {} if language == "en" else texts_by_record(each, "en", pks)
        for pk, source in source_by_pk.items():
            item = _item_label(each, pk, source)
            now = current.get(pk, {})
            for name in each.fields:
                if source.get(name) and not now.get(name):
                    yield Unit(
                        each,
                        pk,
                        name,
                        item,
                        source[name],
                        english.get(pk, {}).get(name) or "",
                    )
