"""Calls and their applications through the API, read as on the pages: everyone reads the calls
of the programmes they may see; the programme's managers read every application, the reviewers
of its countries the cohort (the accepted ones, without the motivation); nobody else reads any."""

from __future__ import annotations

import datetime

import pytest

from migralocal.calls import services
from migralocal.calls.models import CallApplication
from migralocal.calls.tests.builders import apply, make_call
from migralocal.core.tests.api_helpers import ANONYMOUS, EVERYONE, client_for
from migralocal.core.tests.world import World
from migralocal.programmes.tests.builders import make_programme

pytestmark = pytest.mark.django_db

CALLS = "/api/v1/calls/"
APPLICATIONS = "/api/v1/calls/applications/"
FUTURE = datetime.date.today() + datetime.timedelta(days=60)  # noqa: DTZ011  (far enough)
PAST = datetime.date(2020, 1, 31)
DECIDERS = ("admin", "programme_manager")


def ids(response: object) -> set[int]:
    return {row["id"] for row in response.json()["results"]}  # type: ignore[attr-defined]


def test_everyone_reads_the_calls_of_public_programmes_and_managers_their_private_ones(
    world: World,
) -> None:
    public = make_call(world, deadline=FUTURE)
    private = make_call(world, programme=make_programme(world, slug="privado", is_public=False))
    for role in EVERYONE:
        client = client_for(world, role)
        listing = client.get(CALLS)
        assert listing.status_code == 200, role
        sees_private = role in DECIDERS
        assert ids(listing) == ({public.pk, private.pk} if sees_private else {public.pk}), role
        detail = client.get(f"{CALLS}{private.pk}/")
        assert detail.status_code == (200 if sees_private else 404), role
    body = client_for(world, ANONYMOUS).get(f"{CALLS}{public.pk}/").json()
    assert body["programme"] == public.programme.slug
    assert body["is_open"] is True and body["deadline"] == FUTURE.isoformat()
    assert body["translations"]["es"]["title"] == "Convocatoria 2026"


def test_calls_filter_by_whether_they_are_open_and_by_programme(world: World) -> None:
    open_call = make_call(world, deadline=FUTURE)
    closed = make_call(world, programme=open_call.programme, deadline=PAST)
    client = client_for(world, ANONYMOUS)
    assert ids(client.get(CALLS, {"open": "true"})) == {open_call.pk}
    assert ids(client.get(CALLS, {"open": "false"})) == {closed.pk}
    assert ids(client.get(CALLS, {"programme": "otro"})) == set()
    assert ids(client.get(CALLS, {"programme": open_call.programme.slug})) == {
        open_call.pk,
        closed.pk,
    }


@pytest.fixture
def applied(world: World) -> tuple[CallApplication, CallApplication]:
    """El Progreso's application waits; San Salvador's was accepted: the cohort."""
    call = make_call(world)
    waiting = apply(world, call)
    accepted = services.application_accept(
        application=apply(world, call, world.san_salvador_municipality),
        user=world.user("programme_manager"),
        note="Bienvenida a la cohorte.",
    )
    return waiting, accepted


def test_those_who_decide_read_every_application_in_full(
    world: World, applied: tuple[CallApplication, CallApplication]
) -> None:
    waiting, accepted = applied
    for role in DECIDERS:
        client = client_for(world, role)
        assert ids(client.get(APPLICATIONS)) == {waiting.pk, accepted.pk}, role
        body = client.get(f"{APPLICATIONS}{waiting.pk}/").json()
        assert body["motivation"] == "Queremos aprender.", role
        assert body["status"] == "pending" and body["municipality"] == "municipalidad-el-progreso"
        assert ids(client.get(APPLICATIONS, {"status": "accepted"})) == {accepted.pk}
    full = client_for(world, "programme_manager").get(f"{APPLICATIONS}{accepted.pk}/").json()
    assert full["decision_note"] == "Bienvenida a la cohorte."
    assert full["assessment"] == accepted.assessment_id


def test_reviewers_of_the_countries_read_the_cohort_only_and_without_motivation(
    world: World, applied: tuple[CallApplication, CallApplication]
) -> None:
    waiting, accepted = applied
    client = client_for(world, "reviewer")
    assert ids(client.get(APPLICATIONS)) == {accepted.pk}
    body = client.get(f"{APPLICATIONS}{accepted.pk}/").json()
    assert body["motivation"] is None and body["decision_note"] is None
    assert client.get(f"{APPLICATIONS}{waiting.pk}/").status_code == 404


def test_nobody_else_reads_any_application(
    world: World, applied: tuple[CallApplication, CallApplication]
) -> None:
    waiting, _accepted = applied
    for role in EVERYONE:
        if role in (*DECIDERS, "reviewer"):
            continue
        client = client_for(world, role)
        listing = client.get(APPLICATIONS)
        if role == ANONYMOUS:
            assert listing.status_code in {401, 403}
            continue
        assert listing.status_code == 200, role
        assert ids(listing) == set(), role
        assert client.get(f"{APPLICATIONS}{waiting.pk}/").status_code == 404, role
