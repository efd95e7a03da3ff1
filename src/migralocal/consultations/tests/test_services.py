"""Recording, referrals, identifying details under consent, encryption, retention and requests."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from migralocal.consultations import services
from migralocal.consultations.models import Consent, Consultation, IdentityRecord, Referral
from migralocal.consultations.tests.helpers import record, situation, topic
from migralocal.core.models import AccessLog

pytestmark = pytest.mark.django_db

IDENTITY = services.Identity(
    consent_purpose="To call back about the referral",
    name="María López",
    contact="+504 9999-0000",
    document_number="0801-1990-12345",
)


def raw_tokens(record_: IdentityRecord) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, contact, document_number FROM consultations_identityrecord WHERE id = %s",
            [record_.pk],
        )
        return list(cursor.fetchone())


def test_a_consultation_defaults_to_today_and_copies_the_hubs_place(world, hubs) -> None:
    own, _other = hubs
    consultation = record(own, world.user("hub_staff"))
    assert consultation.date == timezone.localdate()
    assert consultation.month == consultation.date.replace(day=1)
    assert consultation.country_id == own.country_id
    assert consultation.municipality_id == own.municipality_id
    assert not IdentityRecord.objects.exists()


def test_a_consultation_cannot_be_dated_in_the_future(world, hubs) -> None:
    with pytest.raises(ValidationError):
        record(hubs[0], world.user("hub_staff"), on=timezone.localdate() + timedelta(days=1))


def test_a_consultation_needs_a_topic(world, hubs) -> None:
    with pytest.raises(ValidationError):
        record(hubs[0], world.user("hub_staff"), topics=())
    assert not Consultation.objects.exists()


def test_a_situation_must_come_from_the_migration_situations(world, hubs) -> None:
    profile = services.Profile(migration_situation=topic("health"))
    with pytest.raises(ValidationError):
        record(hubs[0], world.user("hub_staff"), profile=profile)
    ok = record(
        hubs[0],
        world.user("hub_staff"),
        profile=services.Profile(migration_situation=situation("returnee")),
    )
    assert ok.migration_situation is not None
    assert ok.migration_situation.code == "returnee"


def test_hub_staff_cannot_record_at_another_hub(world, hubs) -> None:
    with pytest.raises(PermissionDenied):
        record(hubs[1], world.user("hub_staff"))


def test_referrals_go_only_to_services_in_the_hubs_country(world, hubs, listings) -> None:
    with pytest.raises(ValidationError):
        record(hubs[0], world.user("hub_staff"), referrals=(listings[2],))
    assert not Consultation.objects.exists()


def test_a_referral_is_made_with_a_follow_up_a_week_later(world, hubs, listings) -> None:
    consultation = record(hubs[0], world.user("hub_staff"), referrals=(listings[0], listings[1]))
    referrals = list(consultation.referrals.all())
    assert {referral.status for referral in referrals} == {Referral.Status.MADE}
    assert {referral.follow_up_on for referral in referrals} == {
        consultation.date + timedelta(days=7)
    }


def test_an_open_referral_keeps_a_follow_up_date(world, hubs, listings) -> None:
    referral = record(hubs[0], world.user("hub_staff"), referrals=(listings[0],)).referrals.get()
    with pytest.raises(ValidationError):
        services.referral_update(
            referral=referral,
            user=world.user("hub_staff"),
            status="accepted",
            follow_up_on=None,
            notes="",
        )
    services.referral_update(
        referral=referral,
        user=world.user("hub_staff"),
        status="attended",
        follow_up_on=None,
        notes="Fue atendida",
    )
    referral.refresh_from_db()
    assert referral.status == "attended"


def test_other_hub_staff_cannot_update_a_referral(world, hubs, listings) -> None:
    referral = record(hubs[0], world.user("hub_staff"), referrals=(listings[0],)).referrals.get()
    with pytest.raises(PermissionDenied):
        services.referral_update(
            referral=referral,
            user=world.user("other_hub_staff"),
            status="closed",
            follow_up_on=None,
            notes="",
        )


def test_identifying_details_need_a_consent_purpose(world, hubs) -> None:
    with pytest.raises(ValidationError):
        record(
            hubs[0],
            world.user("hub_staff"),
            identity=services.Identity(consent_purpose=" ", name="Ana"),
        )
    assert not Consultation.objects.exists()


def test_identifying_details_are_kept_apart_with_their_consent(world, hubs) -> None:
    consultation = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    details = IdentityRecord.objects.get(consultation=consultation)
    consent = Consent.objects.get(consultation=consultation)
    assert details.consent == consent
    assert consent.purpose == IDENTITY.consent_purpose
    assert consent.recorded_by == world.user("hub_staff")
    assert details.name == "María López"
    assert details.reference.startswith("P-")
    field_names = {field.name for field in Consultation._meta.get_fields()}
    assert not field_names & {"name", "contact", "document_number"}


def test_identifying_details_are_encrypted_at_rest(world, hubs) -> None:
    details = record(hubs[0], world.user("hub_staff"), identity=IDENTITY).identity
    tokens = raw_tokens(details)
    assert all(token.startswith("gAAAA") for token in tokens)
    assert not any("María" in token or "0801" in token or "9999" in token for token in tokens)


def test_the_audit_trail_never_holds_identifying_details(world, hubs) -> None:
    record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    changes = " ".join(json.dumps(entry.changes) for entry in LogEntry.objects.all())
    assert "María" not in changes
    assert "0801-1990" not in changes


def test_reading_identifying_details_is_logged_with_the_reason(world, hubs) -> None:
    consultation = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    details = services.identity_read(
        consultation=consultation, user=world.user("hub_staff"), reason="Follow-up"
    )
    assert details is not None and details.contact == "+504 9999-0000"
    entry = AccessLog.objects.get()
    assert entry.user == world.user("hub_staff")
    assert entry.reason == "Follow-up"
    assert entry.object_repr == details.reference


def test_the_identity_page_logs_every_view(world, hubs, client) -> None:
    consultation = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    client.force_login(world.user("hub_staff"))
    form = client.get(f"/es/consultations/{consultation.pk}/identity/")
    assert "María" not in form.content.decode()
    assert not AccessLog.objects.exists()
    for _n in range(2):
        page = client.post(
            f"/es/consultations/{consultation.pk}/identity/", {"reason": "follow_up"}
        )
        assert "María López" in page.content.decode()
    assert AccessLog.objects.count() == 2


def test_the_consultation_page_does_not_show_identifying_details(world, hubs, client) -> None:
    consultation = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    client.force_login(world.user("hub_staff"))
    page = client.get(f"/es/consultations/{consultation.pk}/").content.decode()
    assert "María" not in page
    assert f"/es/consultations/{consultation.pk}/identity/" in page


def test_rotation_re_encrypts_with_the_newest_key(world, hubs, settings) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.CONSULTATIONS_ENCRYPTION_KEYS = [old_key]
    details = record(hubs[0], world.user("hub_staff"), identity=IDENTITY).identity
    before = raw_tokens(details)
    settings.CONSULTATIONS_ENCRYPTION_KEYS = f"{new_key},{old_key}"
    out = StringIO()
    call_command("rotate_identity_keys", stdout=out)
    assert "1 records" in out.getvalue()
    after = raw_tokens(details)
    assert after != before
    settings.CONSULTATIONS_ENCRYPTION_KEYS = [new_key]
    assert IdentityRecord.objects.get(pk=details.pk).name == "María López"


def test_production_without_keys_refuses_to_run(settings, monkeypatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from migralocal.consultations import conf
    from migralocal.core import crypto

    settings.CONSULTATIONS_ENCRYPTION_KEYS = []
    settings.DEBUG = False
    # The key set is the platform's (core/crypto.py): that is where tests are detected.
    monkeypatch.setattr(crypto, "_running_tests", lambda: False)
    with pytest.raises(ImproperlyConfigured):
        conf.encryption_keys()


def test_retention_purges_details_older_than_the_period(world, hubs, settings) -> None:
    settings.CONSULTATIONS_RETENTION_MONTHS = 24
    old = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    recent = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    IdentityRecord.objects.filter(consultation=old).update(
        created_at=timezone.now() - timedelta(days=740)
    )
    call_command("consultations_purge", stdout=StringIO())  # tasks run immediately in tests
    assert not IdentityRecord.objects.filter(consultation=old).exists()
    assert IdentityRecord.objects.filter(consultation=recent).exists()
    assert Consultation.objects.filter(pk=old.pk).exists()


def test_the_retention_period_is_configurable(world, hubs, settings) -> None:
    settings.CONSULTATIONS_RETENTION_MONTHS = 6
    consultation = record(hubs[0], world.user("hub_staff"), identity=IDENTITY)
    IdentityRecord.objects.update(created_at=timezone.now() - timedelta(days=200))
    assert services.identities_purge() == 1
    assert not IdentityRecord.objects.filter(consultation=consultation).exists()


def test_person_data_export_gives_everything_kept_under_the_reference(
    world, hubs, listings
) -> None:
    consultation = record(
        hubs[0], world.user("hub_staff"), referrals=(listings[0],), identity=IDENTITY
    )
    out = StringIO()
    call_command("person_data", "export", consultation.identity.reference, stdout=out)
    data = json.loads(out.getvalue())
    assert data["identity"]["name"] == "María López"
    assert data["consent"]["purpose"] == IDENTITY.consent_purpose
    assert data["consultation"]["topics"] == ["documents"]
    assert data["consultation"]["referrals"][0]["status"] == "made"


def test_person_data_erase_removes_details_and_free_text(world, hubs, listings) -> None:
    consultation = record(
        hubs[0],
        world.user("hub_staff"),
        referrals=(listings[0],),
        identity=IDENTITY,
        needs="María needs a passport",
    )
    referral = consultation.referrals.get()
    referral.notes = "Called María"
    referral.save()
    call_command(
        "person_data", "erase", consultation.identity.reference, "--yes", stdout=StringIO()
    )
    consultation.refresh_from_db()
    assert not IdentityRecord.objects.exists()
    assert consultation.needs == ""
    assert consultation.referrals.get().notes == ""


def test_person_data_reports_an_unknown_reference(db) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("person_data", "export", "P-NOPE0000", stdout=StringIO())
