"""Every role against every consultations permission, through has_perm and through the pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from migralocal.consultations.models import IdentityRecord, SubmissionImport
from migralocal.consultations.permissions import may_read_identity
from migralocal.consultations.services import Identity
from migralocal.consultations.tests.helpers import headline_count, record
from migralocal.core.tests.world import World

ROLES = (
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "member",
    "reviewer",
    "trainer",
    "mentor",
    "programme_manager",
    "no_role",
    "anonymous",
)
OWN_HUB_STAFF = {"hub_staff"}
# Platform admins may keep any hub's anonymous log, as everywhere; never identifying details.
KEEPS_OWN_LOG = {"admin", "hub_staff"}
KEEPS_OTHER_LOG = {"admin", "other_hub_staff"}
RECORDS = {"admin", "hub_staff", "other_hub_staff"}
# Aggregates for Honduras: admin, the reviewer (Honduras) and the manager (Honduras, El Salvador).
HONDURAN_AGGREGATES = {"admin", "reviewer", "programme_manager"}
SALVADORAN_AGGREGATES = {"admin", "programme_manager"}
AREA_DASHBOARD = {"admin", "reviewer", "programme_manager", "focal_point"}


def user_for(world: World, role: str):
    return AnonymousUser() if role == "anonymous" else world.user(role)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


@pytest.fixture
def own_consultation(world: World, hubs, listings):
    own, _other = hubs
    return record(
        own,
        world.user("hub_staff"),
        referrals=(listings[0],),
        identity=Identity(
            consent_purpose="Follow-up call", name="María López", contact="+504 9999-0000"
        ),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_consultation_permissions_by_role(world: World, role: str, hubs, own_consultation) -> None:
    own, other = hubs
    user = user_for(world, role)
    referral = own_consultation.referrals.get()
    identity = IdentityRecord.objects.get(consultation=own_consultation)
    assert user.has_perm("consultations.record_consultations") is (role in RECORDS)
    assert user.has_perm("consultations.record_at_hub", own) is (role in KEEPS_OWN_LOG)
    assert user.has_perm("consultations.record_at_hub", other) is (role in KEEPS_OTHER_LOG)
    assert user.has_perm("consultations.view_consultation", own_consultation) is (
        role in KEEPS_OWN_LOG
    )
    assert user.has_perm("consultations.change_referral", referral) is (role in KEEPS_OWN_LOG)
    assert user.has_perm("consultations.import_submissions", own) is (role in KEEPS_OWN_LOG)
    assert user.has_perm("consultations.view_hub_dashboard", own) is (role in KEEPS_OWN_LOG)
    assert user.has_perm("consultations.view_hub_dashboard", other) is (role in KEEPS_OTHER_LOG)
    assert may_read_identity(user, own_consultation) is (role in OWN_HUB_STAFF)
    assert may_read_identity(user, identity) is (role in OWN_HUB_STAFF)
    assert user.has_perm("consultations.view_aggregates", world.honduras) is (
        role in HONDURAN_AGGREGATES
    )
    assert user.has_perm("consultations.view_aggregates", world.el_salvador) is (
        role in SALVADORAN_AGGREGATES
    )
    assert user.has_perm("consultations.view_area_dashboard") is (role in AREA_DASHBOARD)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_consultation_pages_by_role(world: World, role: str, hubs, own_consultation) -> None:
    own, _other = hubs
    client = client_for(world, role)
    denied = 302 if role == "anonymous" else 403
    referral = own_consultation.referrals.get()
    upload = SubmissionImport.objects.create(hub=own, filename="x.csv", status="invalid")

    def expect(url: str, allowed: set[str], method: str = "get", **data) -> None:
        response = getattr(client, method)(url, data)
        assert response.status_code in (
            {200, 302}
            if role in allowed and method == "post"
            else {200}
            if role in allowed
            else {denied}
        ), (url, response.status_code)

    expect("/es/consultations/", RECORDS)
    expect("/es/consultations/record/", RECORDS)
    expect(f"/es/consultations/{own_consultation.pk}/", KEEPS_OWN_LOG)
    expect(f"/es/consultations/{own_consultation.pk}/identity/", OWN_HUB_STAFF)
    expect(f"/es/consultations/hubs/{own.slug}/", KEEPS_OWN_LOG)
    expect(f"/es/consultations/hubs/{own.slug}/follow-ups/", KEEPS_OWN_LOG)
    expect(f"/es/consultations/hubs/{own.slug}/dashboard/", KEEPS_OWN_LOG)
    expect(f"/es/consultations/hubs/{own.slug}/xlsform.xlsx", KEEPS_OWN_LOG)
    expect(f"/es/consultations/hubs/{own.slug}/import/", KEEPS_OWN_LOG)
    expect(f"/es/consultations/imports/{upload.pk}/", KEEPS_OWN_LOG)
    expect("/es/consultations/dashboard/", AREA_DASHBOARD)
    expect(
        f"/es/consultations/referrals/{referral.pk}/",
        KEEPS_OWN_LOG,
        method="post",
        **{f"r{referral.pk}-status": "accepted", f"r{referral.pk}-follow_up_on": "2026-01-01"},
    )


@pytest.mark.django_db
def test_hub_staff_cannot_read_another_hubs_consultations(world: World, hubs, listings) -> None:
    _own, other = hubs
    theirs = record(other, world.user("other_hub_staff"), referrals=(listings[2],))
    client = client_for(world, "hub_staff")
    assert client.get(f"/es/consultations/{theirs.pk}/").status_code == 403
    assert client.get(f"/es/consultations/hubs/{other.slug}/").status_code == 403
    listing = client.get(f"/es/consultations/record/?hub={other.pk}")
    assert other.slug not in listing.content.decode()


@pytest.mark.django_db
def test_hub_staff_cannot_read_another_hubs_identifying_details(
    world: World, own_consultation
) -> None:
    client = client_for(world, "other_hub_staff")
    response = client.post(
        f"/es/consultations/{own_consultation.pk}/identity/", {"reason": "follow_up"}
    )
    assert response.status_code == 403
    assert "María" not in response.content.decode()


@pytest.mark.django_db
def test_platform_admin_cannot_read_identifying_details(world: World, own_consultation) -> None:
    response = client_for(world, "admin").post(
        f"/es/consultations/{own_consultation.pk}/identity/", {"reason": "follow_up"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_reviewer_sees_only_suppressed_aggregates(world: World, hubs, listings) -> None:
    own, _other = hubs
    for _n in range(3):
        record(own, world.user("hub_staff"))
    client = client_for(world, "reviewer")
    assert client.get(f"/es/consultations/hubs/{own.slug}/dashboard/").status_code == 403
    year = own.consultations.first().date.year
    page = client.get(f"/es/consultations/dashboard/?country={world.honduras.pk}&year={year}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="notice"' in html  # the note on hidden counts
    assert headline_count(html, "consultas") == "<5"
