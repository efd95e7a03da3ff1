"""Free-text search that ignores accents and case, in Spanish and English.

Each hub and service keeps `search_document`: its text in every language, lower-cased and without
accents. On PostgreSQL a `tsvector` is built from it with the Spanish and the English
configurations (so "trabajos" finds "trabajo") behind a GIN index, and queries go through
`unaccent` and both configurations. SQLite has no full-text search of that kind: there every word
of the query must appear in the document.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, Value

SEARCH_CONFIGS = ("spanish", "english")


def normalise(text: str) -> str:
    """Lower-case, accent-free text: "Atención" and "atencion" become the same word."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def document_from(texts: Iterable[str | None]) -> str:
    return normalise(" ".join(text for text in texts if text))


def translated_texts(obj: Any, fields: Iterable[str]) -> list[str]:
    """Every value of `fields` in every language the object has."""
    texts: list[str] = []
    for translation in obj.translations.all():
        texts.extend(str(getattr(translation, field, "") or "") for field in fields)
    return texts


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


class Unaccent(Func):
    function = "unaccent"


def refresh_vectors(queryset: QuerySet[Any]) -> None:
    """Rebuild the PostgreSQL search vectors of these rows from their documents."""
    if not uses_full_text():
        return
    vector: Any = SearchVector(Unaccent(F("search_document")), config=SEARCH_CONFIGS[0])
    for config in SEARCH_CONFIGS[1:]:
        vector = vector + SearchVector(Unaccent(F("search_document")), config=config)
    queryset.update(search_vector=vector)


def text_filter(text: str) -> Q:
    """A filter for rows whose text matches `text`, accents and case aside."""
    words = normalise(text)
    if not words:
        return Q()
    if uses_full_text():
        query: Any = None
        for config in SEARCH_CONFIGS:
            part = SearchQuery(Unaccent(Value(words)), config=config, search_type="websearch")
            query = part if query is None else query | part
        return Q(search_vector=query)
    condition = Q()
    for word in words.split():
        condition &= Q(search_document__contains=word)
    return condition
