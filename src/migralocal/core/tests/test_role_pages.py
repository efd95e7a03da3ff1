"""Signed-in pages made only of what the reader's roles let them see are shared, from the cache,
by readers with the same roles; each still sees their own name, and nothing of another reader."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from migralocal.core import public_cache
from migralocal.core.models import Country, User
from migralocal.core.roles import ProgrammeRole
from migralocal.core.selectors import user_role_set
from migralocal.core.services import programme_role_grant
from migralocal.core.tests.factories import UserFactory
from migralocal.core.tests.world import World

DASHBOARD = "/es/reports/?country={country}&year={year}"


def manager(first_name: str, *countries: Country) -> User:
    user = UserFactory.create(first_name=first_name, last_name="Gestora")
    programme_role_grant(user=user, role=ProgrammeRole.PROGRAMME_MANAGER, countries=countries)
    return user


def dashboard_of(user: User, country: Country) -> tuple[str, int]:
    """The reader's results dashboard, and how many queries it took."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD.format(country=country.code, year=timezone.now().year))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_readers_with_the_same_roles_share_the_page_and_each_sees_their_own_name(
    world: World,
) -> None:
    lucia = manager("Lucía", world.honduras, world.el_salvador)
    marta = manager("Marta", world.honduras, world.el_salvador)

    first, rendering = dashboard_of(lucia, world.honduras)
    second, replaying = dashboard_of(marta, world.honduras)

    assert replaying < rendering / 2  # the page came from the cache
    assert "Marta Gestora" in second
    assert "Lucía" not in second
    assert "Lucía Gestora" in first
    assert first.replace("Lucía", "Marta").count("Honduras") == second.count("Honduras")


def test_readers_with_other_roles_get_a_page_of_their_own(world: World) -> None:
    both = manager("Lucía", world.honduras, world.el_salvador)
    honduras_only = manager("Marta", world.honduras)
    dashboard_of(both, world.honduras)

    page, _queries = dashboard_of(honduras_only, world.honduras)

    assert 'value="SV"' not in page  # El Salvador is not among this reader's countries


def test_a_new_role_takes_effect_on_the_next_page(world: World) -> None:
    reader = manager("Marta", world.honduras)
    before, _queries = dashboard_of(reader, world.honduras)
    assert 'value="SV"' not in before

    programme_role_grant(
        user=reader,
        role=ProgrammeRole.PROGRAMME_MANAGER,
        countries=[world.honduras, world.el_salvador],
    )

    after, _queries = dashboard_of(reader, world.honduras)
    assert 'value="SV"' in after


def test_a_change_of_data_renders_the_page_again(world: World) -> None:
    lucia = manager("Lucía", world.honduras, world.el_salvador)
    _page, rendering = dashboard_of(lucia, world.honduras)
    _page, replaying = dashboard_of(lucia, world.honduras)
    assert replaying < rendering / 2

    world.mexico.save()  # a saved row of core: every page that shows places is made again

    _page, again = dashboard_of(lucia, world.honduras)
    assert again > replaying


def page_showing(text_of: Any) -> Any:
    @public_cache.role_page("core", unless=public_cache.asks_for_download)
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f'<span class="signed-in-as">{request.user}</span> {text_of(request)}')

    return view


def request_by(user: User) -> HttpRequest:
    request = RequestFactory().get("/es/figures/")
    request.user = user
    return request


def test_a_page_that_shows_the_reader_elsewhere_is_never_shared(world: World) -> None:
    view = page_showing(lambda request: f"Escriba a {request.user.email}")
    lucia = manager("Lucía", world.honduras)
    marta = manager("Marta", world.honduras)

    view(request_by(lucia))
    page = view(request_by(marta)).content.decode()

    assert lucia.email not in page
    assert marta.email in page


def test_downloads_and_visitors_are_not_served_from_the_page_cache(world: World) -> None:
    rendered: list[str | None] = []

    def figures(request: HttpRequest) -> str:
        rendered.append(request.GET.get("format"))
        return "cifras"

    view = page_showing(figures)
    lucia = manager("Lucía", world.honduras)
    download = RequestFactory().get("/es/figures/", {"format": "csv"})
    download.user = lucia
    visitor = RequestFactory().get("/es/figures/")
    visitor.user = AnonymousUser()

    for request in (request_by(lucia), request_by(lucia), download, download, visitor, visitor):
        view(request)

    assert rendered == [None, "csv", "csv", None, None]  # the page once, the rest every time


def test_roles_are_read_once_until_a_role_changes(world: World) -> None:
    reader = manager("Marta", world.honduras)

    def roles_read() -> tuple[Any, int]:
        fresh = User.objects.get(pk=reader.pk)  # a new request's user object
        with CaptureQueriesContext(connection) as queries:
            roles = user_role_set(fresh)
        return roles, len(queries)

    first, reading = roles_read()
    again, cached = roles_read()
    assert (reading, cached) == (2, 0)
    assert again == first

    programme_role_grant(user=reader, role=ProgrammeRole.REVIEWER, countries=[world.el_salvador])
    changed, _queries = roles_read()
    assert changed.programme_countries[ProgrammeRole.REVIEWER] == {world.el_salvador.pk}

    reader.memberships.create(organisation=world.mexican_cso, role="organisation_member")
    with_membership, _queries = roles_read()
    assert with_membership.organisation_roles == {world.mexican_cso.pk: {"organisation_member"}}

    reader.memberships.all().delete()
    assert roles_read()[0].organisation_roles == {}
