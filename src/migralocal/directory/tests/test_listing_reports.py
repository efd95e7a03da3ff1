"""Anyone reports a problem with a hub's or a service's listing; the hub's staff and the
country's reviewers are told by e-mail, handle the queue, and the staleness reminder counts open
reports."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World
from migralocal.directory import reports, selectors
from migralocal.directory.models import Hub, ListingReport, Service
from migralocal.directory.tests.helpers import make_service, world_hubs

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>\x1b[31m'


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def hubs(world: World) -> tuple[Hub, Hub]:
    return world_hubs(world)


@pytest.fixture
def service(hubs: tuple[Hub, Hub]) -> Service:
    return make_service(hub=hubs[0], name={"es": "Orientación laboral", "en": "Job guidance"})


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anyone_reports_a_wrong_phone_on_a_hub_page(
    world, hubs, django_capture_on_commit_callbacks
):
    own, _other = hubs
    page = client_for().get(reverse("directory:hub_detail", args=[own.slug]))
    assert reverse("directory:hub_report", args=[own.slug]) in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for().post(
            reverse("directory:hub_report", args=[own.slug]),
            {"problem": "wrong_phone", "details": "Call María on +504 1234-5678"},
        )
    assert response.status_code == 200
    report = ListingReport.objects.get()
    assert (report.hub, report.service, report.country) == (own, None, world.honduras)
    # The hub's staff and Honduras's reviewer, not El Salvador's staff.
    assert sorted(to for message in mail.outbox for to in message.to) == [
        "hub_staff@example.org",
        "reviewer@example.org",
    ]
    for message in mail.outbox:
        assert "María" not in message.body and "1234" not in message.body
        assert reverse("directory:listing_reports") in message.body


def test_a_service_report_goes_to_its_hubs_queue(world, hubs, service) -> None:
    client_for().post(reverse("directory:service_report", args=[service.pk]), {"problem": "moved"})
    report = ListingReport.objects.get()
    assert (report.service, report.hub) == (service, hubs[0])
    html = client_for(world.user("hub_staff")).get(reverse("directory:listing_reports"))
    assert "Orientación laboral" in html.content.decode()


def test_a_problem_outside_the_list_is_refused(hubs) -> None:
    response = client_for().post(
        reverse("directory:hub_report", args=[hubs[0].slug]), {"problem": "haunted"}
    )
    assert response.status_code == 200
    assert not ListingReport.objects.exists()
    with pytest.raises(ValidationError):
        reports.listing_report_submit(hub=hubs[0], problem="haunted")


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(hubs) -> None:
    response = client_for().post(
        reverse("directory:hub_report", args=[hubs[0].slug]),
        {"problem": "closed", "homepage": "https://spam.example"},
    )
    assert response.status_code == 200
    assert not ListingReport.objects.exists()


def test_reports_are_rate_limited_by_address(hubs) -> None:
    url = reverse("directory:hub_report", args=[hubs[0].slug])
    client = client_for()
    for _ in range(5):
        assert client.post(url, {"problem": "closed"}).status_code == 200
    assert client.post(url, {"problem": "closed"}).status_code == 429
    assert ListingReport.objects.count() == 5


def test_hostile_details_are_kept_as_text_and_shown_escaped(world, hubs) -> None:
    client_for().post(
        reverse("directory:hub_report", args=[hubs[0].slug]),
        {"problem": "other", "details": HOSTILE},
    )
    report = ListingReport.objects.get()
    assert "\x1b" not in report.details
    # A null character is refused by the form, with an error, and nothing is written.
    refused = client_for().post(
        reverse("directory:hub_report", args=[hubs[0].slug]),
        {"problem": "other", "details": "a\x00b"},
    )
    assert refused.status_code == 200 and ListingReport.objects.count() == 1
    html = client_for(world.user("reviewer")).get(reverse("directory:listing_reports"))
    assert "no-store" in html["Cache-Control"]
    text = html.content.decode()
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def test_the_queue_is_the_keepers_own(world, hubs) -> None:
    own, other = hubs
    reports.listing_report_submit(hub=own, problem="closed")
    reports.listing_report_submit(hub=other, problem="moved")
    own_queue = set(
        selectors.listing_reports_for(world.user("hub_staff")).values_list("hub", flat=True)
    )
    assert own_queue == {own.pk}
    assert set(
        selectors.listing_reports_for(world.user("reviewer")).values_list("hub", flat=True)
    ) == {own.pk}
    assert not selectors.listing_reports_for(world.user("member")).exists()
    assert selectors.listing_reports_for(world.user("admin")).count() == 2


def test_staff_resolve_with_a_note_and_others_are_refused(world, hubs) -> None:
    report = reports.listing_report_submit(hub=hubs[0], problem="wrong_phone")
    url = reverse("directory:listing_report_handle", args=[report.pk])
    assert (
        client_for(world.user("other_hub_staff")).post(url, {"status": "resolved"}).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        reports.listing_report_handle(report=report, user=world.user("member"), status="resolved")
    response = client_for(world.user("hub_staff")).post(
        url, {"status": "resolved", "note": "Number corrected"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ListingReport.Status.RESOLVED
    assert (report.handled_by, report.handling_note) == (
        world.user("hub_staff"),
        "Number corrected",
    )
    with pytest.raises(ValidationError):
        reports.listing_report_handle(
            report=report, user=world.user("reviewer"), status="dismissed"
        )


def test_staleness_counts_listings_with_open_reports(hubs, service) -> None:
    own, _other = hubs
    assert selectors.stale_listings_by_hub() == {}  # everything was verified today
    hub_report = reports.listing_report_submit(hub=own, problem="closed")
    reports.listing_report_submit(service=service, problem="wrong_phone")
    assert selectors.stale_listings_by_hub() == {own: [own, service]}
    ListingReport.objects.update(status=ListingReport.Status.DISMISSED)
    assert hub_report.pk and selectors.stale_listings_by_hub() == {}
