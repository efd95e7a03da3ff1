"""Where the operator allows it (both programmes say so), the duplicate finder also compares
with the people of the operator's other programmes; never with another operator's."""

from __future__ import annotations

import pytest

from migralocal.assistance import importing, services
from migralocal.assistance.models import DuplicatePair
from migralocal.assistance.tests.builders import (
    make_programme,
    member,
    programme_fields,
    register,
)
from migralocal.assistance.tests.test_import import GOOD
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def allow(world: World, programme, allowed: bool = True) -> None:
    services.programme_update(
        actor=world.user("admin"),
        programme=programme,
        fields=programme_fields(world, compare_across_programmes=allowed),
    )
    programme.refresh_from_db()


def test_other_programmes_are_compared_only_where_both_allow_it(world: World) -> None:
    first = make_programme(world)
    second = make_programme(world, slug="covid-segunda-fase")
    register(world, first, "H-1", member("P-1", "Yolanda", "Zelaya Ruiz"))
    register(world, second, "H-9", member("Q-1", "Yolanda", "Zelaya"))
    staff = world.user("hub_staff")

    assert services.duplicates_find(actor=staff, programme=second) == []
    allow(world, second)
    # The first programme does not allow it yet.
    assert services.duplicates_find(actor=staff, programme=second) == []
    allow(world, first)
    (pair,) = services.duplicates_find(actor=staff, programme=second)
    assert {pair.member_a.person_ref, pair.member_b.person_ref} == {"P-1", "Q-1"}
    assert pair.programme == second
    # Found again from the other side, the same pair is kept, not a second one.
    (same,) = services.duplicates_find(actor=staff, programme=first)
    assert same.pk == pair.pk and DuplicatePair.objects.count() == 1
    decided = services.duplicate_decide(actor=staff, pair=pair, decision="same")
    assert decided.member_b.status == "merged"

    allow(world, first, allowed=False)
    assert services.other_programmes_members(second).count() == 0


def test_another_operators_programmes_are_never_compared(world: World) -> None:
    first = make_programme(world)
    allow(world, first)
    other = services.programme_create(
        actor=world.user("admin"),
        slug="otro-operador",
        fields=programme_fields(
            world,
            operator=world.san_salvador_municipality,
            compare_across_programmes=True,
            municipalities=[],
        ),
    )
    assert services.other_programmes_members(first).filter(programme=other).count() == 0


def test_an_import_is_checked_against_the_operators_other_programmes(world: World) -> None:
    first = make_programme(world)
    second = make_programme(world, slug="covid-segunda-fase")
    result = importing.check(second, GOOD.encode())
    assert result.is_valid
    # The first programme registers the same people the file brings to the second.
    services.households_register(
        actor=world.user("hub_staff"),
        programme=first,
        households=result.households,
        consent_purpose="Registro",
    )
    assert importing.check(second, GOOD.encode()).duplicates == []
    allow(world, first)
    allow(world, second)
    found = importing.check(second, GOOD.encode()).duplicates
    assert found and all(
        "covid-el-progreso:" in a or "covid-el-progreso:" in b for a, b, _s, _r in found
    )
