"""Probable duplicate people: blocking, then a weighted comparison of each candidate pair.

Plain Python over plain values, so that the duplicate finder (services), the import's check and
the benchmark (bench/assistance.py) share it. It runs on the decrypted values, in memory only:
nothing derived from a name, document or phone is ever stored.

Blocking keeps the comparisons few: two records are compared only when they share a key (the
document number, its digits in any order, the last eight digits of the phone, or a name prefix
with the birth date or year). Each pair is then scored with rapidfuzz's string similarities;
the score (0 to 1) is the sum of the evidence over its maximum, and the reasons say which
evidence counted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

DEFAULT_THRESHOLD = 0.4  # 5 points of 12.5: same names and birth date, and no more
# Blocks larger than this are too common to say anything (a shared phone of a big shelter).
MAX_BLOCK = 60

# Reasons, as written in find_duplicates' CSV; the pages translate them (REASON_LABELS in views).
DOCUMENT_SAME = "document_same"
DOCUMENT_NEAR = "document_near"
DOCUMENT_DIFFERENT = "document_different"
BIRTH_SAME = "birth_date_same"
BIRTH_NEAR = "birth_date_near"
BIRTH_DIFFERENT = "birth_date_different"
PHONE_SAME = "phone_same"
NAMES_SAME = "names_same"
NAMES_SIMILAR = "names_similar"
NAMES_DIFFERENT = "names_different"
SURNAMES_SWAPPED = "surnames_swapped"
SURNAME_MISSING = "second_surname_missing"
SEX_DIFFERENT = "sex_different"

MAX_POINTS = 12.5  # names 4, document 4, birth date 2.5, phone 2


@dataclass(frozen=True)
class Person:
    """One person as the finder sees them: a key of the caller's choosing and plain values."""

    key: object
    given_names: str
    family_names: str
    date_of_birth: dt.date | None = None
    document_number: str = ""
    phone: str = ""
    sex: str = ""
    group: object = None  # pairs within one group are not looked for (None: all are)


@dataclass(frozen=True)
class Match:
    a: object
    b: object
    score: float
    reasons: tuple[str, ...]


def plain(text: str) -> str:
    """Lower case, no accents, letters and single spaces only: "  Peña-Ñúñez " -> "pena nunez"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z]+", " ", letters).split())


def document_key(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def phone_key(text: str) -> str:
    """The last eight digits: the same number with or without country code, trunk zero,
    spaces or dashes."""
    digits = re.sub(r"\D", "", text)
    return digits[-8:] if len(digits) >= 7 else ""


@dataclass
class _Prepared:
    person: Person
    given: str
    family: str
    family_tokens: tuple[str, ...]
    document: str
    phone: str


def _prepare(person: Person) -> _Prepared:
    family = plain(person.family_names)
    return _Prepared(
        person=person,
        given=plain(person.given_names),
        family=family,
        family_tokens=tuple(family.split()),
        document=document_key(person.document_number),
        phone=phone_key(person.phone),
    )


def _blocking_keys(record: _Prepared) -> Iterator[tuple[str, str]]:
    if record.document:
        yield "d", record.document
        yield "ds", "".join(sorted(record.document)) + record.given[:1]
    if record.phone:
        yield "p", record.phone
    given = record.given.split()
    first_given = given[0][:3] if given else ""
    birth = record.person.date_of_birth
    for token in record.family_tokens[:2]:
        if birth is not None:
            yield "nb", f"{token[:3]}|{birth.isoformat()}"
            yield "gy", f"{first_given}|{token[:3]}|{birth.year}"
        else:
            yield "g", f"{first_given}|{token[:3]}"
    if birth is not None and first_given:
        # Typos in both surnames: the given name with the birth date.
        yield "gb", f"{first_given}|{birth.isoformat()}"


def candidate_pairs(records: Sequence[_Prepared]) -> set[tuple[int, int]]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in set(_blocking_keys(record)):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    return pairs


def _document_points(a: str, b: str) -> tuple[float, str | None]:
    if not a or not b:
        return 0.0, None
    if a == b:
        return 4.0, DOCUMENT_SAME
    # A transposition counts as one edit in the Damerau-Levenshtein distance.
    if DamerauLevenshtein.distance(a, b) <= 1:
        return 3.0, DOCUMENT_NEAR
    return -3.0, DOCUMENT_DIFFERENT


def _birth_points(a: dt.date | None, b: dt.date | None) -> tuple[float, str | None]:
    if a is None or b is None:
        return 0.0, None
    if a == b:
        return 2.5, BIRTH_SAME
    swapped = a.day == b.month and a.month == b.day and a.year == b.year
    one_typo = DamerauLevenshtein.distance(a.isoformat(), b.isoformat()) <= 1
    if swapped or one_typo:
        return 1.5, BIRTH_NEAR
    return -2.0, BIRTH_DIFFERENT


def _parts_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, bool]:
    """How alike two lists of name parts are, in either order, one of them possibly shorter
    (a part left out). Returns the similarity (0 to 100) and whether the shorter one had a
    part left out."""
    if not a or not b:
        return 0.0, False
    joined_a, joined_b = " ".join(a), " ".join(b)
    best = fuzz.ratio(joined_a, joined_b)
    if len(a) == len(b) == 2:
        best = max(best, fuzz.ratio(joined_a, f"{b[1]} {b[0]}"))
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    if len(shorter) == len(longer):
        return best, False
    # The shorter list against the same number of parts of the longer, first or last ones.
    count = len(shorter)
    left_out = max(
        fuzz.ratio(" ".join(shorter), " ".join(longer[:count])),
        fuzz.ratio(" ".join(shorter), " ".join(longer[-count:])),
    )
    return max(best, left_out - 3), left_out - 3 > best


def _name_points(a: _Prepared, b: _Prepared) -> tuple[float, list[str]]:
    reasons: list[str] = []
    given, given_left_out = _parts_similarity(tuple(a.given.split()), tuple(b.given.split()))
    if given_left_out:
        # "Miguel" for "Miguel Pedro" may be him, or his brother: similar, not the same.
        given = min(given, 90.0)
    family, family_left_out = _parts_similarity(a.family_tokens, b.family_tokens)
    if family_left_out:
        reasons.append(SURNAME_MISSING)
    elif (
        len(a.family_tokens) == 2
        and a.family_tokens != b.family_tokens
        and a.family_tokens == tuple(reversed(b.family_tokens))
    ):
        reasons.append(SURNAMES_SWAPPED)
    similarity = min(given, family)
    if a.given == b.given and a.family == b.family:
        return 4.0, [NAMES_SAME]
    if similarity >= 96:
        return 4.0 if reasons else 3.5, [NAMES_SAME, *reasons]
    if similarity >= 88:
        return 3.0, [NAMES_SIMILAR, *reasons]
    if similarity >= 78:
        return 2.0, [NAMES_SIMILAR, *reasons]
    if similarity >= 65:
        return 0.0, [NAMES_SIMILAR, *reasons]
    return -4.0, [NAMES_DIFFERENT]


def compare(a: _Prepared, b: _Prepared) -> tuple[float, tuple[str, ...]]:
    """The score of one pair (0 to 1) and its reasons."""
    points, reasons = _name_points(a, b)
    for found, reason in (
        _document_points(a.document, b.document),
        _birth_points(a.person.date_of_birth, b.person.date_of_birth),
    ):
        points += found
        if reason:
            reasons.append(reason)
    if a.phone and b.phone and a.phone == b.phone:
        points += 2.0
        reasons.append(PHONE_SAME)
    if a.person.sex and b.person.sex and a.person.sex != b.person.sex:
        points -= 2.0
        reasons.append(SEX_DIFFERENT)
    return max(0.0, min(1.0, points / MAX_POINTS)), tuple(reasons)


def find_matches(people: Iterable[Person], *, threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """The probable duplicate pairs among `people`, best first."""
    records = [_prepare(person) for person in people]
    matches: list[Match] = []
    for i, j in candidate_pairs(records):
        a, b = records[i], records[j]
        if a.person.group is not None and a.person.group == b.person.group:
            continue
        score, reasons = compare(a, b)
        if score >= threshold:
            matches.append(Match(a.person.key, b.person.key, round(score, 3), reasons))
    matches.sort(key=lambda match: (-match.score, str(match.a), str(match.b)))
    return matches
