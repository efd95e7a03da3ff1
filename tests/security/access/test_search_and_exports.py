"""Search boxes, list filters, feeds, the API's lists and every export: none of them surfaces a
non-public record to someone who may not open it, whoever asks and however they filter.

Each test names a record "<MARKER> <HIDDEN>" in the matrix world (rolled back after the test),
searches for MARKER as every role that may not see it, and looks for HIDDEN in the answer (the
search box echoes MARKER, never HIDDEN)."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.commitments.models import Commitment
from migralocal.core.models import Organisation
from migralocal.directory import services as directory_services
from migralocal.directory.models import Hub, Service
from tests.security.access.matrix_world import ANONYMOUS, ROLES, MatrixWorld

pytestmark = pytest.mark.django_db

MARKER = "Zqxmarker"
HIDDEN = "Vwkhidden"
NAME = f"{MARKER} {HIDDEN}"


def as_role(role_clients: dict[str, Client], role: str) -> Client:
    client = Client()
    client.cookies = SimpleCookie(role_clients[role].cookies.output(header="", sep=";"))
    return client


def body(response: object) -> str:
    content = getattr(response, "content", None)
    if content is None:  # a streaming export
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return content.decode("utf-8", errors="replace")


def leaks(role_clients: dict[str, Client], roles: set[str], urls: list[str]) -> list[str]:
    """Every (role, url) whose answer names the record."""
    found = []
    for role in sorted(roles):
        client = as_role(role_clients, role)
        for url in urls:
            response = client.get(url)
            if response.status_code == 200 and HIDDEN.lower() in body(response).lower():
                found.append(f"{role}: {url}")
    return found


def test_the_marker_is_found_where_it_is_public(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    """The searches below could pass by finding nothing at all: prove they find a public record."""
    service = Service.objects.get(pk=matrix_world.values["hub_service"])
    service.set_current_language("es")
    service.name = NAME
    service.save()
    directory_services.service_refresh(service=service)
    urls = [f"{reverse('directory:search')}?q={MARKER}", f"/api/v1/services/?q={MARKER}"]
    assert len(leaks(role_clients, {ANONYMOUS}, urls)) == len(urls)


def test_directory_search_api_and_export_never_show_a_closed_hub_or_defunct_service(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    hub = Hub.objects.get(slug=matrix_world.values["own_hub"])
    hub.set_current_language("es")
    hub.name = NAME
    hub.status = Hub.Status.CLOSED
    hub.save()
    directory_services.hub_refresh(hub=hub)
    service = Service.objects.get(pk=matrix_world.values["hub_service"])
    service.set_current_language("es")
    service.name = NAME
    service.status = Service.Status.DEFUNCT
    service.save()
    directory_services.service_refresh(service=service)
    urls = [
        f"{reverse('directory:search')}?q={MARKER}",
        reverse("directory:search"),
        f"/api/v1/services/?q={MARKER}",
        f"/api/v1/hubs/?q={MARKER}",
        "/api/v1/hubs/",
        f"{reverse('consultations:service_search')}?hub={hub.pk}&q={MARKER}",
    ]
    assert leaks(role_clients, set(ROLES), urls) == []
    # The HSDS export is a zip: search its files for the marker.
    export = as_role(role_clients, "other_hub_staff").get(reverse("directory:export"))
    assert HIDDEN.encode() not in _unzipped(export.content)


def _unzipped(content: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_organisation_search_and_api_hide_a_non_public_organisation_from_outsiders(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    private = Organisation.objects.get(slug=matrix_world.values["private_organisation"])
    private.name = NAME
    private.save()
    urls = [
        f"{reverse('core:organisation_list')}?q={MARKER}",
        reverse("core:organisation_list"),
        f"{reverse('core:programme_organisations')}?q={MARKER}",
        f"/api/v1/organisations/?is_public=false&country={private.country.code}",
        f"/api/v1/organisations/{private.slug}/",
    ]
    # Members of the organisation and programme staff of its country may see it; nobody else.
    outsiders = set(ROLES) - {"admin", "reviewer", "trainer", "programme_manager"}
    assert leaks(role_clients, outsiders, urls) == []
    assert leaks(role_clients, {"reviewer"}, urls[:1]), "the search should find it for them"


def test_commitment_lists_feeds_exports_and_api_never_show_an_unpublished_entry(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    private = Commitment.objects.get(slug=matrix_world.values["commitment_private"])
    private.set_current_language(private.original_language or "es")
    private.title = NAME
    private.save()
    urls = [
        f"{reverse('commitments:list')}?text={MARKER}",
        reverse("commitments:list"),
        reverse("commitments:feed"),
        reverse("commitments:export_csv"),
        f"{reverse('commitments:export_csv')}?text={MARKER}",
        reverse("commitments:export_xlsx"),
        f"/api/v1/commitments/?text={MARKER}",
        "/api/v1/commitments/",
    ]
    # The public list shows published entries only, even to those who may open this one.
    assert leaks(role_clients, set(ROLES), urls) == []


def test_a_hub_dashboard_download_is_refused_to_another_hubs_staff(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    url = reverse("consultations:hub_dashboard", args=[matrix_world.values["own_hub"]])
    for role in ("other_hub_staff", "reviewer", "programme_manager", "focal_point"):
        for kind in ("csv", "xlsx"):
            response = as_role(role_clients, role).get(url, {"format": kind})
            assert response.status_code in {403, 404}, (role, kind)
    response = as_role(role_clients, "hub_staff").get(url, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_area_figures_cannot_be_downloaded_for_a_country_the_reviewer_does_not_cover(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    hub = Hub.objects.select_related("country").get(slug=matrix_world.values["own_hub"])
    url = reverse("consultations:area_dashboard")
    response = as_role(role_clients, "other_reviewer").get(
        url, {"country": hub.country_id, "format": "csv"}
    )
    assert not response.get("Content-Disposition", "").startswith("attachment")
    covered = as_role(role_clients, "reviewer").get(
        url, {"country": hub.country_id, "year": _a_year(), "format": "csv"}
    )
    assert covered.get("Content-Disposition", "").startswith("attachment")


def _a_year() -> int:
    from migralocal.consultations import selectors

    return selectors.years_with_consultations()[0]


def test_assessment_lists_show_a_round_only_to_its_municipality_and_country(
    matrix_world: MatrixWorld, role_clients: dict[str, Client]
) -> None:
    organisation = Organisation.objects.get(slug=matrix_world.values["own_municipality"])
    organisation.name = NAME
    organisation.save()
    url = reverse("assessments:assessment_list")
    assert leaks(role_clients, {"other_focal_point", "other_reviewer"}, [url]) == []
    assert leaks(role_clients, {"focal_point"}, [url]), "its own focal point should see it"
