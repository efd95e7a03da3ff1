"""Registrations from a CSV file: problems by row and column, translated; all rows or none;
never the same person twice; the template; the command."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from migralocal.assistance import importing, services
from migralocal.assistance.models import Household, Member
from migralocal.assistance.tests.builders import CONSENT, make_programme
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

HEADER = ",".join(importing.COLUMNS)
GOOD = "\n".join(
    [
        HEADER,
        "P-1,H-1,María José,Cedeño Paz,female,1988-03-14,cedula,0801198803141,+504 9988 7766,"
        "El Progreso,migrant",
        "P-2,H-1,Luis,Cedeño Paz,male,2015-09-02,,,,HN-YO-1804,migrant",
        "P-3,H-2,Pedro,Zúniga,m,1970-01-30,pasaporte,X123,,el progreso,host",
    ]
)


def test_a_good_file_registers_households_with_the_first_row_as_head(world: World) -> None:
    programme = make_programme(world)

    households = services.registrations_import(
        actor=world.user("hub_staff"),
        programme=programme,
        content=GOOD.encode(),
        consent_purpose=CONSENT,
    )

    assert [h.household_ref for h in households] == ["H-1", "H-2"]
    head = Member.objects.get(person_ref="P-1")
    assert (head.is_head, head.given_names, head.household.municipality) == (
        True,
        "María José",
        world.el_progreso,
    )
    assert Member.objects.get(person_ref="P-2").is_head is False
    assert Member.objects.get(person_ref="P-3").sex == "male"


def test_every_problem_is_reported_by_row_and_column_in_the_users_language(
    world: World,
) -> None:
    programme = make_programme(world)
    bad = "\n".join(
        [
            HEADER,
            "P-1,H-1,Ana,,female,17/05/1990,,,12,Tegucigalpa,tourist",
            "P-1,H-2,Ana,Pérez,x,2090-01-01,,,,El Progreso,migrant",
        ]
    )
    with translation.override("es"):
        result = importing.check(programme, bad.encode())

    found = {(p.row, p.column): p.message for p in result.problems}
    assert set(found) == {
        (2, "family_names"),
        (2, "date_of_birth"),
        (2, "phone"),
        (2, "municipality"),
        (2, "population_group"),
        (3, "person_ref"),
        (3, "sex"),
        (3, "date_of_birth"),
    }
    assert found[(2, "date_of_birth")] == (
        "Escriba la fecha como AAAA-MM-DD, por ejemplo 1990-05-17."
    )


def test_a_missing_column_is_named(world: World) -> None:
    programme = make_programme(world)
    with translation.override("en"):
        result = importing.check(programme, b"person_ref,household_ref\nP-1,H-1\n")
    assert ("given_names", "This column is missing.") in {
        (p.column, p.message) for p in result.problems
    }


def test_one_bad_row_writes_nothing(world: World) -> None:
    programme = make_programme(world)
    content = (GOOD + "\nP-4,H-3,Rosa,Luna,female,1990-02-30,,,,El Progreso,host").encode()
    with pytest.raises(ValidationError):
        services.registrations_import(
            actor=world.user("hub_staff"),
            programme=programme,
            content=content,
            consent_purpose=CONSENT,
        )
    assert not Household.objects.exists()


def test_the_same_people_are_never_imported_twice(world: World) -> None:
    programme = make_programme(world)

    def run() -> None:
        services.registrations_import(
            actor=world.user("hub_staff"),
            programme=programme,
            content=GOOD.encode(),
            consent_purpose=CONSENT,
        )

    run()
    again = importing.check(programme, GOOD.encode())
    assert {(p.row, p.column) for p in again.problems} >= {(2, "person_ref"), (4, "person_ref")}
    with pytest.raises(ValidationError):
        run()
    assert Member.objects.count() == 3


def test_the_check_shows_duplicates_within_the_file_and_against_the_registered(
    world: World,
) -> None:
    programme = make_programme(world)
    services.registrations_import(
        actor=world.user("hub_staff"),
        programme=programme,
        content=GOOD.encode(),
        consent_purpose=CONSENT,
    )
    new = "\n".join(
        [
            HEADER,
            "Q-1,K-1,Maria Jose,Cedeno,female,1988-03-14,cedula,0801198803114,504-99887766,"
            "El Progreso,migrant",
            "Q-2,K-2,Rosa,Luna,female,1960-01-01,,,,El Progreso,host",
            "Q-3,K-3,Rosa,Luna,female,1960-01-01,,,,El Progreso,host",
        ]
    )
    result = importing.check(programme, new.encode())
    pairs = {(a, b) for a, b, _score, _reasons in result.duplicates}
    assert pairs == {("P-1", "Q-1"), ("Q-2", "Q-3")}


def test_the_template_has_the_documented_columns_and_passes_the_check(world: World) -> None:
    response = Client().get(reverse("assistance:template"))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER
    assert "attachment" in response["Content-Disposition"]
    docs = (Path(__file__).parents[4] / "docs" / "assistance.md").read_text()
    for column in importing.COLUMNS:
        assert f"`{column}`" in docs


def test_the_command_previews_and_imports_with_yes(world: World, tmp_path: Path) -> None:
    programme = make_programme(world)
    path = tmp_path / "registrations.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()

    call_command("import_registrations", str(path), programme=programme.slug, yes=True, stdout=out)

    assert "2 households, 3 people" in out.getvalue()
    assert Member.objects.count() == 3
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_registrations", str(path), programme=programme.slug, yes=True, stderr=StringIO()
        )


def test_the_command_without_yes_asks_first(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programme = make_programme(world)
    path = tmp_path / "registrations.csv"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    call_command("import_registrations", str(path), programme=programme.slug, stdout=StringIO())
    assert not Member.objects.exists()


def test_find_duplicates_writes_the_pairs_by_reference(world: World, tmp_path: Path) -> None:
    programme = make_programme(world)
    content = GOOD + "\nP-9,H-9,Maria Jose,Paz Cedeno,female,1988-03-14,,,99887766,El Progreso,host"
    services.registrations_import(
        actor=None, programme=programme, content=content.encode(), consent_purpose=CONSENT
    )
    out = tmp_path / "pairs.csv"

    call_command("find_duplicates", str(out), programme=programme.slug, stdout=StringIO())

    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "person_ref_a,person_ref_b,score,reasons"
    ref_a, ref_b, score, reasons = lines[1].split(",")
    assert (ref_a, ref_b) == ("P-1", "P-9")
    assert float(score) >= 0.5
    assert "surnames_swapped" in reasons and "phone_same" in reasons
    assert len(lines) == 2
