"""The duplicate finder: each way the same person comes back in the field is found, with its
reason; people who only look alike (siblings, twins, namesakes) are not paired."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from migralocal.assistance.matching import DEFAULT_THRESHOLD, Person, find_matches

BORN = dt.date(1987, 4, 9)
ORIGINAL = Person(
    key="P-1",
    given_names="José Andrés",
    family_names="Quiñónez Zambrano",
    date_of_birth=BORN,
    document_number="1712345678",
    phone="0991234567",
    sex="male",
)


def again(**changes: object) -> Person:
    values: dict[str, Any] = {**ORIGINAL.__dict__, "key": "P-2", **changes}
    return Person(**values)


@pytest.mark.parametrize(
    ("variant", "reason"),
    [
        (again(given_names="Jose Andres", family_names="Quinonez Zambrano"), "names_same"),
        (again(given_names="JOSÉ ANDRÉS", family_names="QUIÑÓNEZ ZAMBRANO"), "names_same"),
        (again(family_names="Zambrano Quiñónez"), "surnames_swapped"),
        (again(family_names="Quiñónez"), "second_surname_missing"),
        (again(given_names="Jsoé Andrés", document_number=""), "names_similar"),
        (again(family_names="Quiñones Zambrano", phone=""), "names_similar"),
        (again(document_number="1712345687"), "document_near"),
        (again(document_number="1721345678", phone=""), "document_near"),
        (again(document_number="", phone=""), "birth_date_same"),
        (again(date_of_birth=dt.date(1987, 9, 4), document_number=""), "birth_date_near"),
        (again(date_of_birth=dt.date(1987, 4, 19), phone=""), "birth_date_near"),
        (again(phone="+593 99 123 4567", document_number=""), "phone_same"),
        (again(phone="593-991-234-567", date_of_birth=None), "phone_same"),
    ],
)
def test_the_same_person_registered_again_is_found_with_the_reason(
    variant: Person, reason: str
) -> None:
    (match,) = find_matches([ORIGINAL, variant])
    assert {match.a, match.b} == {"P-1", "P-2"}
    assert match.score >= DEFAULT_THRESHOLD
    assert reason in match.reasons


@pytest.mark.parametrize(
    "other",
    [
        # A brother: same surnames, family phone, another name, birth date and document.
        again(
            given_names="Luis Alberto",
            date_of_birth=dt.date(1990, 1, 2),
            document_number="1799999999",
        ),
        # A twin sister: same surnames, birth date and phone.
        again(given_names="María Fernanda", sex="female", document_number="1788888888"),
        # A namesake: same names, another birth date, document and phone.
        again(date_of_birth=dt.date(1960, 11, 30), document_number="0911111111", phone="0987"),
        # Same common name and year, nothing else shared.
        again(date_of_birth=dt.date(1987, 12, 25), document_number="", phone=""),
    ],
)
def test_people_who_only_look_alike_are_not_paired(other: Person) -> None:
    assert find_matches([ORIGINAL, other]) == []


def test_pairs_within_one_group_are_left_out_and_the_best_come_first() -> None:
    registered = [
        Person("R-1", "Ana", "Pérez", BORN, group="registered"),
        Person("R-2", "Ana", "Pérez", BORN, group="registered"),
    ]
    close = Person("N-1", "Ana", "Pérez", BORN, document_number="X1")
    matches = find_matches([*registered, close])
    assert {(m.a, m.b) for m in matches} <= {
        ("R-1", "N-1"),
        ("N-1", "R-1"),
        ("R-2", "N-1"),
        ("N-1", "R-2"),
    }
    assert len(matches) == 2
