"""Referrals close the loop: the organisation running the service referred to sees its incoming
referrals, accepts or declines them and records the outcome; the referring hub sees each change;
both sides' completions count; the receiving staff are told by e-mail and by the menu."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from migralocal.consultations import figures, selectors, services
from migralocal.consultations.models import Referral, ReferralEvent
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import AccessLog, User
from migralocal.core.roles import OrganisationRole
from migralocal.core.tests.factories import MembershipFactory, UserFactory
from migralocal.core.tests.world import World, give_authenticator
from migralocal.directory.models import Hub, Service
from migralocal.directory.tests.helpers import make_hub

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
IDENTITY = services.Identity(
    consent_purpose="To be called by the service",
    name="María López",
    contact="+504 9999-0000",
    document_number="0801-1990-12345",
    share_with_services=True,
)


@dataclass
class Loop:
    """A hub in Honduras run by another organisation refers to hub_staff's service."""

    referring_hub: Hub
    referrer: User
    receiver: User
    service: Service


@pytest.fixture
def loop(world: World, listings: tuple[Service, Service, Service]) -> Loop:
    referring_hub = make_hub(
        operator=world.private_cso, municipality=world.el_progreso, slug="punto-red-discreta"
    )
    referrer = UserFactory.create(email="referrer@example.org")
    MembershipFactory.create(
        user=referrer, organisation=world.private_cso, role=OrganisationRole.HUB_STAFF
    )
    give_authenticator(referrer)
    return Loop(referring_hub, referrer, world.user("hub_staff"), listings[0])


def refer(loop: Loop, **extra) -> Referral:
    consultation = record(loop.referring_hub, loop.referrer, referrals=(loop.service,), **extra)
    return consultation.referrals.get()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Services -----------------------------------------------------------------------------------


def test_the_receiving_service_accepts_then_records_attendance_with_history(loop) -> None:
    referral = refer(loop)
    services.referral_respond(
        referral=referral, user=loop.receiver, status="accepted", version=referral.version
    )
    services.referral_respond(
        referral=referral, user=loop.receiver, status="attended", version=referral.version
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ATTENDED
    assert referral.version == 3
    history = list(referral.events.values_list("status", "side", "by"))
    assert history == [
        ("made", "referring", loop.referrer.pk),
        ("accepted", "receiving", loop.receiver.pk),
        ("attended", "receiving", loop.receiver.pk),
    ]


def test_a_decline_says_why(loop) -> None:
    referral = refer(loop)
    with pytest.raises(ValidationError):
        services.referral_respond(
            referral=referral, user=loop.receiver, status="declined", version=1
        )
    services.referral_respond(
        referral=referral, user=loop.receiver, status="declined", note="Full", version=1
    )
    assert referral.events.values_list("note", flat=True).last() == "Full"
    # Declined is final for the receiving side.
    with pytest.raises(ValidationError):
        services.referral_respond(
            referral=referral, user=loop.receiver, status="attended", version=2
        )


@pytest.mark.parametrize("role", ["other_hub_staff", "reviewer", "member", "no_role"])
def test_only_the_receiving_organisations_staff_answer(world, loop, role) -> None:
    referral = refer(loop)
    with pytest.raises(PermissionDenied):
        services.referral_respond(
            referral=referral, user=world.user(role), status="accepted", version=1
        )


def test_the_referring_hub_cannot_answer_for_the_service(loop) -> None:
    referral = refer(loop)
    with pytest.raises(PermissionDenied):
        services.referral_respond(
            referral=referral, user=loop.referrer, status="accepted", version=1
        )


def test_a_change_made_on_an_older_version_is_refused(loop) -> None:
    referral = refer(loop)
    stale = Referral.objects.get(pk=referral.pk)
    services.referral_respond(referral=referral, user=loop.receiver, status="accepted", version=1)
    with pytest.raises(services.ReferralChanged):
        services.referral_respond(
            referral=stale, user=loop.receiver, status="declined", note="x", version=1
        )
    # The referring hub's follow-up, sent from a page read before the answer, is refused too.
    with pytest.raises(services.ReferralChanged):
        services.referral_update(
            referral=stale,
            user=loop.referrer,
            status="closed",
            follow_up_on=None,
            notes="",
            version=1,
        )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_completed_counts_both_sides(loop) -> None:
    by_service, by_hub, still_open = refer(loop), refer(loop), refer(loop)
    services.referral_respond(referral=by_service, user=loop.receiver, status="closed", version=1)
    services.referral_update(
        referral=by_hub, user=loop.referrer, status="attended", follow_up_on=None, notes=""
    )
    assert still_open.status == Referral.Status.MADE
    scope = selectors.Scope(year=by_service.consultation.date.year, hub=loop.referring_hub)
    board = figures.dashboard(scope, suppressed=False)
    assert board.completed_share == pytest.approx(66.7)
    sides = set(
        ReferralEvent.objects.filter(status__in=Referral.COMPLETED_STATUSES).values_list(
            "side", flat=True
        )
    )
    assert sides == {"receiving", "referring"}


def test_shared_details_only_for_the_service_the_person_agreed_to(world, loop, listings) -> None:
    consultation = record(
        loop.referring_hub,
        loop.referrer,
        referrals=(loop.service,),
        identity=IDENTITY,
    )
    referral = consultation.referrals.get()
    details = services.referral_shared_identity_read(
        referral=referral, user=loop.receiver, reason="Following up a referral"
    )
    assert details is not None and details.name == "María López"
    assert AccessLog.objects.filter(user=loop.receiver, object_id=str(details.pk)).exists()
    # Without the person's agreement to share, nothing is read.
    unshared = record(
        loop.referring_hub,
        loop.referrer,
        referrals=(loop.service,),
        identity=services.Identity(consent_purpose="Call back", name="Ana"),
    ).referrals.get()
    assert (
        services.referral_shared_identity_read(
            referral=unshared, user=loop.receiver, reason="Following up a referral"
        )
        is None
    )
    # A platform admin is not the service's staff.
    with pytest.raises(PermissionDenied):
        services.referral_shared_identity_read(
            referral=referral, user=world.user("admin"), reason="Following up a referral"
        )


# E-mail and menu ----------------------------------------------------------------------------


def test_new_referrals_are_told_to_the_receiving_staff_in_their_language(
    loop, django_capture_on_commit_callbacks
) -> None:
    loop.receiver.preferred_language = "es"
    loop.receiver.save()
    with django_capture_on_commit_callbacks(execute=True):
        refer(loop, identity=IDENTITY)
    (message,) = mail.outbox
    assert message.to == [loop.receiver.email]
    assert "derivación" in message.subject
    body = str(message.subject) + str(message.body)
    for detail in ("María", "López", "9999", "0801"):
        assert detail not in body
    assert reverse("consultations:incoming") in message.body


def test_each_answer_is_told_to_the_referring_hubs_staff_in_their_language(
    loop, django_capture_on_commit_callbacks
) -> None:
    referral = refer(loop, identity=IDENTITY)
    loop.referrer.preferred_language = "es"
    loop.referrer.save()
    mail.outbox.clear()
    for status in ("accepted", "attended"):
        with django_capture_on_commit_callbacks(execute=True):
            services.referral_respond(
                referral=referral, user=loop.receiver, status=status, version=referral.version
            )
    told = [message for message in mail.outbox if message.to == [loop.referrer.email]]
    assert [message.subject for message in told] == [
        "Derivación a Orientación laboral: Aceptada",
        "Derivación a Orientación laboral: Atendida",
    ]
    assert all(loop.receiver.email not in message.to for message in mail.outbox)
    for message in told:
        assert referral.consultation.get_absolute_url() in message.body
        for detail in ("María", "López", "9999", "0801"):
            assert detail not in str(message.subject) + str(message.body)


def test_an_answer_rolled_back_tells_no_one(loop, django_capture_on_commit_callbacks) -> None:
    referral = refer(loop)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.referral_respond(
            referral=referral, user=loop.receiver, status="declined", version=1
        )
    assert mail.outbox == []


def test_a_decline_from_the_page_is_told_to_the_referring_hub_in_english(
    loop, django_capture_on_commit_callbacks
) -> None:
    referral = refer(loop)
    loop.referrer.preferred_language = "en"
    loop.referrer.save()
    mail.outbox.clear()
    prefix = f"r{referral.pk}-"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(loop.receiver).post(
            reverse("consultations:referral_respond", args=[referral.pk]),
            {f"{prefix}status": "declined", f"{prefix}note": "Full", f"{prefix}version": "1"},
        )
    assert response.status_code == 302
    (message,) = [message for message in mail.outbox if message.to == [loop.referrer.email]]
    assert message.subject == "Referral to Job guidance: Declined"
    assert "Full" not in message.body


def test_the_menu_counts_pending_incoming_referrals_in_one_query(loop) -> None:
    refer(loop)
    refer(loop)
    client = client_for(loop.receiver)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("consultations:home"))
    assert "2 pendientes" in response.content.decode()
    counting = [q for q in queries.captured_queries if "consultations_referral" in q["sql"]]
    assert len(counting) == 1


# Pages --------------------------------------------------------------------------------------


def test_incoming_page_shows_referrals_without_identifying_details(loop) -> None:
    refer(loop, identity=IDENTITY)
    response = client_for(loop.receiver).get(reverse("consultations:incoming"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Orientación laboral" in html
    assert "María" not in html and "9999" not in html


def test_other_organisations_see_no_incoming_referral_of_this_service(world, loop) -> None:
    refer(loop)
    html = client_for(world.user("other_hub_staff")).get(reverse("consultations:incoming"))
    assert "Orientación laboral" not in html.content.decode()
    response = client_for(loop.referrer).get(reverse("consultations:incoming"))
    assert "Orientación laboral" not in response.content.decode()


def test_the_referring_hub_sees_each_change_with_who_and_why(loop) -> None:
    referral = refer(loop)
    client = client_for(loop.receiver)
    url = reverse("consultations:referral_respond", args=[referral.pk])
    prefix = f"r{referral.pk}-"
    response = client.post(url, {f"{prefix}status": "declined", f"{prefix}version": "1"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.MADE  # no reason, no decline
    client.post(
        url, {f"{prefix}status": "declined", f"{prefix}note": HOSTILE, f"{prefix}version": "1"}
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    detail = client_for(loop.referrer).get(referral.consultation.get_absolute_url())
    html = detail.content.decode()
    assert "Servicio que recibe" in html and loop.receiver.display_name in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_stale_answer_from_the_page_is_refused_with_a_message(loop) -> None:
    referral = refer(loop)
    services.referral_respond(referral=referral, user=loop.receiver, status="accepted", version=1)
    prefix = f"r{referral.pk}-"
    response = client_for(loop.receiver).post(
        reverse("consultations:referral_respond", args=[referral.pk]),
        {f"{prefix}status": "attended", f"{prefix}version": "1"},
        follow=True,
    )
    assert "cambió esta derivación entretanto" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_shared_details_page_reads_with_a_reason_and_logs(loop) -> None:
    referral = refer(loop, identity=IDENTITY)
    url = reverse("consultations:shared_identity", args=[referral.pk])
    client = client_for(loop.receiver)
    first = client.get(url)
    assert "no-store" in first["Cache-Control"]
    assert "María" not in first.content.decode()
    response = client.post(url, {"reason": "follow_up"})
    assert "María López" in response.content.decode()
    assert "0801" not in response.content.decode()  # the document number stays with the hub
    assert AccessLog.objects.filter(user=loop.receiver).count() == 1
