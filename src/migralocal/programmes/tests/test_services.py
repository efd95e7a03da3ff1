"""Programmes are created by platform admins; what belongs to one is chosen by its managers, in
the countries it covers; every change is on the audit record."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.directory.models import Hub
from migralocal.directory.tests.helpers import make_hub
from migralocal.learning.tests.builders import make_path
from migralocal.programmes import services
from migralocal.programmes.models import Programme
from migralocal.programmes.tests.builders import make_programme

pytestmark = pytest.mark.django_db


def honduran_hub(world: World, slug: str = "ventanilla-progreso") -> Hub:
    return make_hub(
        operator=world.el_progreso_municipality, municipality=world.el_progreso, slug=slug
    )


def test_an_admin_creates_a_programme_in_both_languages(world: World) -> None:
    programme = make_programme(world)

    assert programme.safe_translation_getter("name", language_code="en") == "Information Hubs"
    assert programme.safe_translation_getter("code", language_code="es") == "CI"
    assert set(programme.countries.all()) == {world.honduras, world.el_salvador}
    assert list(programme.managers.all()) == [world.user("programme_manager")]


@pytest.mark.parametrize("role", [r for r in ROLE_NAMES if r != "admin"])
def test_only_admins_create_programmes(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=world.user(role),
            slug="x",
            fields=services.ProgrammeFields(
                names={"es": "X"},
                codes={"es": "X"},
                descriptions={},
                starts_on=dt.date(2024, 1, 1),
                ends_on=dt.date(2025, 1, 1),
                countries=[world.honduras],
            ),
        )


def test_a_programme_ends_after_it_starts(world: World) -> None:
    with pytest.raises(ValidationError):
        services.programme_create(
            actor=world.user("admin"),
            slug="backwards",
            fields=services.ProgrammeFields(
                names={"es": "Al revés"},
                codes={"es": "AR"},
                descriptions={},
                starts_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2024, 1, 1),
                countries=[world.honduras],
            ),
        )


# Who may attach and detach: the admin and the programme's own manager. The country programme
# manager role alone is not enough: it must be this programme's.
ATTACHERS = {"admin", "programme_manager"}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_who_attaches_and_detaches_a_hub(world: World, role: str) -> None:
    programme = make_programme(world)
    hub = honduran_hub(world)
    actor = world.user(role)
    if role not in ATTACHERS:
        with pytest.raises(PermissionDenied):
            services.activities_attach(
                actor=actor, programme=programme, kind="hubs", activities=[hub]
            )
        programme.hubs.add(hub)
        with pytest.raises(PermissionDenied):
            services.activities_detach(
                actor=actor, programme=programme, kind="hubs", activities=[hub]
            )
        assert list(programme.hubs.all()) == [hub]
        return
    services.activities_attach(actor=actor, programme=programme, kind="hubs", activities=[hub])
    assert list(hub.programmes.all()) == [programme]
    services.activities_detach(actor=actor, programme=programme, kind="hubs", activities=[hub])
    assert not programme.hubs.exists()


def test_a_country_programme_manager_does_not_manage_a_programme_not_theirs(world: World) -> None:
    programme = make_programme(world, managers=[world.user("trainer")])
    with pytest.raises(PermissionDenied):
        services.activities_attach(
            actor=world.user("programme_manager"),
            programme=programme,
            kind="hubs",
            activities=[honduran_hub(world)],
        )


def test_one_hub_belongs_to_several_programmes(world: World) -> None:
    first, second = make_programme(world), make_programme(world, slug="otro")
    hub = honduran_hub(world)
    for programme in (first, second):
        services.activities_attach(
            actor=world.user("programme_manager"),
            programme=programme,
            kind="hubs",
            activities=[hub],
        )
    assert set(hub.programmes.all()) == {first, second}


def test_an_activity_outside_the_programmes_countries_is_refused(world: World) -> None:
    programme = make_programme(world, countries=[world.mexico])
    with pytest.raises(ValidationError):
        services.activities_attach(
            actor=world.user("admin"),
            programme=programme,
            kind="hubs",
            activities=[honduran_hub(world)],
        )
    assert not programme.hubs.exists()


def test_a_learning_path_has_no_country_and_may_belong_anywhere(world: World) -> None:
    programme = make_programme(world, countries=[world.mexico])
    path = make_path("ruta-basica", [], [])
    services.activities_attach(
        actor=world.user("admin"), programme=programme, kind="learning_paths", activities=[path]
    )
    assert list(programme.learning_paths.all()) == [path]


def test_choosing_among_the_shown_attaches_and_detaches(world: World) -> None:
    programme = make_programme(world)
    kept, dropped, added = (honduran_hub(world, f"v-{n}") for n in range(3))
    programme.hubs.add(kept, dropped)

    counts = services.activities_choose(
        actor=world.user("programme_manager"),
        programme=programme,
        kind="hubs",
        shown=[kept, dropped, added],
        chosen=[kept, added],
    )

    assert counts == (1, 1)
    assert set(programme.hubs.all()) == {kept, added}


def test_an_unknown_kind_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        services.activities_attach(
            actor=world.user("admin"), programme=make_programme(world), kind="x", activities=[]
        )


def test_attaching_is_on_the_audit_record(world: World) -> None:
    programme = make_programme(world)
    services.activities_attach(
        actor=world.user("admin"),
        programme=programme,
        kind="hubs",
        activities=[honduran_hub(world)],
    )
    entry = LogEntry.objects.get_for_object(programme).order_by("-timestamp").first()
    assert entry is not None and "hubs" in entry.changes_dict


def test_a_manager_edits_their_programme_but_not_its_managers(world: World) -> None:
    programme = make_programme(world)
    manager = world.user("programme_manager")
    services.programme_update(
        actor=manager,
        programme=programme,
        fields=services.ProgrammeFields(
            names={"es": "Centros", "en": "Hubs"},
            codes={"es": "C", "en": "H"},
            descriptions={},
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2028, 12, 31),
            countries=[world.honduras],
        ),
    )
    assert Programme.objects.get().ends_on == dt.date(2028, 12, 31)
    with pytest.raises(PermissionDenied):
        services.programme_managers_set(actor=manager, programme=programme, managers=[])


# Who reads and who edits a private programme: the admin and its own manager, no other role.
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_who_reads_and_edits_a_private_programme(world: World, role: str) -> None:
    programme = make_programme(world, is_public=False)
    user = world.user(role)
    allowed = role in ATTACHERS
    assert user.has_perm("programmes.view_programme", programme) is allowed
    assert user.has_perm("programmes.change_programme", programme) is allowed
    assert user.has_perm("programmes.view_programme", make_programme(world, slug="publico"))
