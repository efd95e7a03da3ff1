"""The data files MigraLocal ships: demo datasets and reference data, as YAML (docs/data-files.md).

Each app keeps its files in `<app>/data/`. `read_data_file` loads one with `yaml.safe_load` and
returns its top level as an `Entry`. Each accessor of an entry checks the value it returns, and
when that value is missing or malformed raises `DataFileError` naming the file and the key, for
example `core/data/demo.yaml: organisations[3].kind: is missing`. A translated text is a mapping
of language codes to text, `{es: …, en: …}`: a language is added by adding a key, and every
language a file gives is loaded, so adding the language to the settings is all that is left.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf.locale import LANG_INFO

PACKAGE_ROOT = Path(__file__).resolve().parents[1]


class DataFileError(Exception):
    """A data file that cannot be read, or a key in it that is missing or malformed."""


def read_data_file(path: Path) -> Entry:
    """The file's top level, a mapping of its sections."""
    name = shown_name(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataFileError(f"{name}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise DataFileError(f"{name}: is not valid YAML: {yaml_problem(error)}") from error
    if not isinstance(data, dict):
        raise DataFileError(f"{name}: must be a mapping of sections, like `countries: …`")
    return Entry(name, "", data)


def yaml_problem(error: yaml.YAMLError) -> str:
    """The parser's explanation with line numbers in the file, not in its internal stream."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return str(error)
    parts = []
    for text, mark in ((error.context, error.context_mark), (error.problem, error.problem_mark)):
        if text:
            place = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            parts.append(f"{text}{place}")
    return ": ".join(parts)


def shown_name(path: Path) -> str:
    """The path as a person editing the package sees it: `core/data/demo.yaml`."""
    resolved = path.resolve()
    return str(
        resolved.relative_to(PACKAGE_ROOT) if resolved.is_relative_to(PACKAGE_ROOT) else path
    )


@dataclass(frozen=True)
class Entry:
    """One mapping in a data file, and where it sits there (`organisations[3]`)."""

    file: str
    where: str
    values: Mapping[str, Any]

    def path(self, key: str) -> str:
        """Where the key sits in the file: `organisations[3].kind`."""
        return f"{self.where}.{key}" if self.where else key

    def error(self, key: str, message: str) -> DataFileError:
        return DataFileError(f"{self.file}: {self.path(key)}: {message}")

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def _required(self, key: str) -> Any:
        value = self.values.get(key)
        if value is None:
            raise self.error(key, "is missing")
        return value

    def text(self, key: str) -> str:
        value = self._required(key)
        if not isinstance(value, str):
            raise self.error(key, "must be text (put it in quotes if it looks like a number)")
        return value

    def choice(self, key: str, allowed: Iterable[str]) -> str:
        """One of the values the model allows, such as a kind or a stage."""
        value = self.text(key)
        allowed = list(allowed)
        if value not in allowed:
            raise self.error(key, f"“{value}” is not one of: {', '.join(allowed)}")
        return value

    def optional_text(self, key: str) -> str:
        """The text, or "" when the key is left out."""
        return self.text(key) if self.has(key) else ""

    def texts(self, key: str) -> dict[str, str]:
        """A translated text: every language the file gives, like {"es": "…", "en": "…"}."""
        value = self._required(key)
        if not isinstance(value, dict) or not value:
            raise self.error(key, "must give the text per language, like {es: …, en: …}")
        for language, text in value.items():
            if not isinstance(language, str) or language not in LANG_INFO:
                raise self.error(f"{key}.{language}", "is not a language code")
            if not isinstance(text, str) or not text.strip():
                raise self.error(f"{key}.{language}", "must be non-empty text")
        return dict(value)

    def texts_of(self, *keys: str) -> dict[str, dict[str, str]]:
        """The translated texts under these keys, by key: for fields named like the keys."""
        return {key: self.texts(key) for key in keys}

    def filled_text(self, key: str, **values: object) -> str:
        """The text with its `{name}` placeholders filled in."""
        return self._filled(key, self.text(key), values)

    def filled_texts(self, key: str, **values: object) -> dict[str, str]:
        """A translated text with its `{name}` placeholders filled in, in every language."""
        return {
            language: self._filled(f"{key}.{language}", text, values)
            for language, text in self.texts(key).items()
        }

    def _filled(self, key: str, text: str, values: dict[str, object]) -> str:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as error:
            names = ", ".join(f"{{{name}}}" for name in values)
            raise self.error(key, f"can only use the placeholders {names} ({error!r})") from error

    def number(self, key: str) -> float:
        value = self._required(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, "must be a number")
        return float(value)

    def numbers(self, key: str, count: int) -> list[float] | None:
        """A list of exactly `count` numbers, like a point's [latitude, longitude]; None when the
        key is left out."""
        if not self.has(key):
            return None
        value = self.values[key]
        if (
            not isinstance(value, list)
            or len(value) != count
            or any(isinstance(item, bool) or not isinstance(item, int | float) for item in value)
        ):
            raise self.error(key, f"must be a list of {count} numbers")
        return [float(item) for item in value]

    def integer(self, key: str) -> int:
        value = self._required(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, "must be a whole number")
        return value

    def optional_integer(self, key: str) -> int | None:
        return self.integer(key) if self.has(key) else None

    def flag(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.values[key]
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value

    def date(self, key: str) -> datetime.date:
        value = self._required(key)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        raise self.error(key, "must be a date, like 2024-06-18")

    def optional_date(self, key: str) -> datetime.date | None:
        return self.date(key) if self.has(key) else None

    def moment(self, key: str) -> datetime.datetime:
        """A date and time as written, without a time zone; the loader says which one."""
        value = self._required(key)
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            return value
        raise self.error(key, "must be a date and time without a time zone: 2024-06-18T10:00:00")

    def codes(self, key: str) -> list[str]:
        """A list of codes or other short texts; [] when the key is left out."""
        value = self.values.get(key) or []
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise self.error(key, "must be a list of texts, like [a, b]")
        return value

    def entry(self, key: str) -> Entry:
        value = self._required(key)
        if not isinstance(value, dict):
            raise self.error(key, "must be a mapping of keys to values")
        return Entry(self.file, self.path(key), value)

    def entries(self, key: str) -> list[Entry]:
        """A list of mappings; [] when the key is left out."""
        value = self.values.get(key) or []
        if not isinstance(value, list):
            raise self.error(key, "must be a list")
        found = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{index}]", "must be a mapping of keys to values")
            found.append(Entry(self.file, self.path(f"{key}[{index}]"), item))
        return found

    def named_entries(self, key: str) -> dict[str, Entry]:
        """A mapping of names to mappings, in the file's order."""
        section = self.entry(key)
        for name in section.values:
            if not isinstance(name, str):
                raise section.error(str(name), "must be a name (put it in quotes)")
        return {name: section.entry(name) for name in section.values}
