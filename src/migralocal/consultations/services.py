"""Writes of the consultation log. The form, the importer, the demo and commands come through
here, so each rule holds whichever way a record arrives."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.consultations import conf
from migralocal.consultations.crypto import reencrypt_all
from migralocal.consultations.emails import incoming_referrals_notify, referral_answer_notify
from migralocal.consultations.field_data import PullError, problem_message, pull_new
from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    Consent,
    Consultation,
    FieldDataConnection,
    IdentityRecord,
    Referral,
    ReferralEvent,
    Source,
    SubmissionImport,
)
from migralocal.consultations.permissions import may_read_identity, may_read_shared_identity
from migralocal.consultations.submissions import (
    ParsedRow,
    Validation,
    preview_of,
    read_records,
    validate_submissions,
)
from migralocal.core.bulk import insert_many
from migralocal.core.models import Country, TaxonomyTerm, User
from migralocal.core.permissions import require
from migralocal.core.services import log_access
from migralocal.directory.models import Hub, Service


@dataclass(frozen=True)
class Profile:
    """The person's profile, in bands only."""

    gender: str = "not_stated"
    age_band: str = "not_stated"
    nationality: Country | None = None
    migration_situation: TaxonomyTerm | None = None
    disability: str = "not_stated"
    preferred_language: str = ""


@dataclass(frozen=True)
class Identity:
    """Identifying details and the consent under which they may be kept."""

    consent_purpose: str
    name: str = ""
    contact: str = ""
    document_number: str = ""
    # The person agreed that the services they are referred to may see these details.
    share_with_services: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() or self.contact.strip() or self.document_number.strip())


def _require_identity_access(user: User, consultation: Consultation) -> None:
    if not may_read_identity(user, consultation):
        raise PermissionDenied(_("Only the staff of this hub may see or keep identifying details."))


def _check_terms(topics: Sequence[TaxonomyTerm], situation: TaxonomyTerm | None) -> None:
    if not topics:
        raise ValidationError({"topics": _("Choose at least one topic.")})
    if any(term.taxonomy.code != TOPICS_TAXONOMY for term in topics):
        raise ValidationError({"topics": _("That is not a consultation topic.")})
    if situation is not None and situation.taxonomy.code != SITUATIONS_TAXONOMY:
        raise ValidationError({"migration_situation": _("That is not a migration situation.")})


def _check_services(hub: Hub, services: Sequence[Service]) -> None:
    if any(service.country_id != hub.country_id for service in services):
        raise ValidationError({"referrals": _("Refer only to services in the hub's country.")})


@transaction.atomic
def consultation_record(
    *,
    hub: Hub,
    user: User,
    date: date | None = None,
    channel: str,
    topics: Sequence[TaxonomyTerm],
    profile: Profile,
    needs: str = "",
    information_given: str = "",
    referrals: Sequence[Service] = (),
    follow_up_on: date | None = None,
    identity: Identity | None = None,
    client_id: uuid.UUID | None = None,
) -> Consultation:
    """Record a consultation at `hub` by one of its staff, without identifying the person.

    The date defaults to today and may not be in the future; referrals go to services in the
    hub's country and are followed up after `CONSULTATIONS_FOLLOW_UP_DAYS` unless a date is given.
    Identifying details are kept only with a consent purpose, apart and encrypted.
    """
    require(user, "consultations.record_at_hub", hub)
    when = date or timezone.localdate()
    if when > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    _check_terms(topics, profile.migration_situation)
    _check_services(hub, referrals)
    consultation = Consultation(
        hub=hub,
        country_id=hub.country_id,
        municipality_id=hub.municipality_id,
        date=when,
        month=when.replace(day=1),
        channel=channel,
        gender=profile.gender,
        age_band=profile.age_band,
        nationality=profile.nationality,
        migration_situation=profile.migration_situation,
        disability=profile.disability,
        preferred_language=profile.preferred_language,
        needs=needs,
        information_given=information_given,
        recorded_by=user,
        client_id=client_id,
    )
    consultation.full_clean()
    consultation.save()
    consultation.topics.set(topics)
    follow_up = follow_up_on or when + timedelta(days=conf.follow_up_days())
    made = Referral.objects.bulk_create(
        Referral(consultation=consultation, service=service, follow_up_on=follow_up)
        for service in referrals
    )
    ReferralEvent.objects.bulk_create(
        ReferralEvent(
            referral=referral,
            status=Referral.Status.MADE,
            side=ReferralEvent.Side.REFERRING,
            by=user,
        )
        for referral in made
    )
    if identity is not None and not identity.is_empty:
        record = identity_record(consultation=consultation, user=user, identity=identity)
        if identity.share_with_services and referrals:
            record.consent.shared_with.set(referrals)
    if made:
        ids = [referral.pk for referral in made]
        transaction.on_commit(lambda: incoming_referrals_notify(referral_ids=ids))
    return consultation


class AlreadyRecorded(Exception):
    """A consultation recorded offline arrived a second time: the first copy stands."""

    def __init__(self, consultation: Consultation) -> None:
        super().__init__(f"already recorded as {consultation.pk}")
        self.consultation = consultation


def consultation_record_once(*, client_id: uuid.UUID, **details: Any) -> Consultation:
    """Record a consultation made offline, under the id its device gave it, exactly once.

    A second copy of the same id (a sync retried after a lost answer, two tabs sending the same
    queue) raises AlreadyRecorded with the first; so does one that loses a race with the first,
    caught by the unique constraint. Identifying details never travel from a device.
    """
    if details.get("identity") is not None:
        raise ValidationError(_("Identifying details are not recorded offline."))
    existing = Consultation.objects.filter(client_id=client_id).first()
    if existing is not None:
        raise AlreadyRecorded(existing)
    try:
        with transaction.atomic():
            return consultation_record(client_id=client_id, **details)
    except ValidationError as error:
        if "client_id" not in getattr(error, "error_dict", {}):
            raise
        raise AlreadyRecorded(Consultation.objects.get(client_id=client_id)) from None
    except IntegrityError:
        raise AlreadyRecorded(Consultation.objects.get(client_id=client_id)) from None


@transaction.atomic
def identity_record(
    *, consultation: Consultation, user: User, identity: Identity
) -> IdentityRecord:
    """Keep a person's identifying details, only with a recorded consent (what for, when, by
    whom), encrypted, one set per consultation."""
    _require_identity_access(user, consultation)
    if not identity.consent_purpose.strip():
        raise ValidationError(
            {"consent_purpose": _("Say what the person agreed their details may be used for.")}
        )
    if IdentityRecord.objects.filter(consultation=consultation).exists():
        raise ValidationError(_("This consultation already has identifying details."))
    consent = Consent.objects.create(
        consultation=consultation,
        purpose=identity.consent_purpose.strip(),
        given_at=timezone.now(),
        recorded_by=user,
    )
    return IdentityRecord.objects.create(
        consultation=consultation,
        consent=consent,
        name=identity.name.strip(),
        contact=identity.contact.strip(),
        document_number=identity.document_number.strip(),
    )


def identity_read(*, consultation: Consultation, user: User, reason: str) -> IdentityRecord | None:
    """The identifying details of a consultation, for its hub's staff only, each read logged."""
    _require_identity_access(user, consultation)
    record = IdentityRecord.objects.filter(consultation=consultation).first()
    if record is not None:
        log_access(user, record, reason)
    return record


class ReferralChanged(ValidationError):
    """The referral changed since the page that sent this change was read."""

    def __init__(self) -> None:
        super().__init__(
            _("This referral was changed meanwhile by someone else: read it again, then resend.")
        )


def _referral_write(
    *,
    referral: Referral,
    user: User,
    side: str,
    status: str,
    note: str,
    version: int | None,
    **fields: Any,
) -> Referral:
    """Write a referral's status (and `fields`) only if it is still at `version` (any version
    when None, for callers that read it just now), and keep the change in its history."""
    expected = referral.version if version is None else version
    # The conditional update claims the version: of two changes made on one version, one wins.
    claimed = Referral.objects.filter(pk=referral.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ReferralChanged
    changed_status = status != referral.status
    referral.version = expected + 1
    referral.status = status
    for name, value in fields.items():
        setattr(referral, name, value)
    # A plain save of the fields, so that the audit trail records the change as before.
    referral.save(update_fields=["status", "version", "updated_at", *fields])
    if changed_status or note:
        ReferralEvent.objects.create(
            referral=referral, status=status, side=side, note=note, by=user
        )
    return referral


@transaction.atomic
def referral_update(
    *,
    referral: Referral,
    user: User,
    status: str,
    follow_up_on: date | None,
    notes: str,
    version: int | None = None,
) -> Referral:
    """Follow a referral up from the referring hub. An open referral keeps a follow-up date; a
    finished one needs none. A change made on an older version than the stored one is refused."""
    require(user, "consultations.change_referral", referral)
    if status not in Referral.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status in Referral.OPEN_STATUSES and follow_up_on is None:
        raise ValidationError({"follow_up_on": _("An open referral needs a follow-up date.")})
    return _referral_write(
        referral=referral,
        user=user,
        side=ReferralEvent.Side.REFERRING,
        status=status,
        note="",
        version=version,
        follow_up_on=follow_up_on,
        notes=notes,
    )


@transaction.atomic
def referral_respond(
    *, referral: Referral, user: User, status: str, note: str = "", version: int
) -> Referral:
    """The receiving service answers a referral: accepts or declines it (a decline says why),
    then records that the person attended or that it closed it. The referring hub sees each
    change in the referral's history and its staff are told by e-mail. A change made on an
    older version is refused."""
    require(user, "consultations.respond_to_referral", referral)
    sources = Referral.RECEIVING_STEPS.get(status)  # type: ignore[call-overload]
    if sources is None:
        raise ValidationError({"status": _("Choose a status from the list.")})
    note = note.strip()
    if status == Referral.Status.DECLINED and not note:
        raise ValidationError({"note": _("Say why the referral is declined.")})
    if referral.version != version:
        raise ReferralChanged
    if referral.status not in sources:
        raise ValidationError(
            _("A referral that is %(status)s cannot be changed that way.")
            % {"status": referral.get_status_display()}
        )
    written = _referral_write(
        referral=referral,
        user=user,
        side=ReferralEvent.Side.RECEIVING,
        status=status,
        note=note,
        version=version,
    )
    # The referring hub hears of each answer once the change is stored.
    transaction.on_commit(lambda: referral_answer_notify(referral_id=written.pk, status=status))
    return written


def referral_shared_identity_read(
    *, referral: Referral, user: User, reason: str
) -> IdentityRecord | None:
    """The identifying details the person agreed to share with the service the referral goes
    to, for that service's staff only, each read logged. None when the person did not agree."""
    if not may_read_shared_identity(user, referral):
        raise PermissionDenied(_("Only the staff of the service referred to may see these."))
    record = (
        IdentityRecord.objects.select_related("consent")
        .filter(
            consultation_id=referral.consultation_id,
            consent__shared_with=referral.service_id,
        )
        .first()
    )
    if record is not None:
        log_access(user, record, reason)
    return record


def retention_cutoff(now: Any = None) -> Any:
    """Details recorded before this moment are past the retention period."""
    now = now or timezone.now()
    months = conf.retention_months()
    year, month = divmod(now.month - 1 - months, 12)
    day = min(now.day, 28)
    return now.replace(year=now.year + year, month=month + 1, day=day)


@transaction.atomic
def identities_purge(*, now: Any = None) -> int:
    """Delete identifying details older than the retention period. The anonymous consultation,
    its referrals and the consent record stay. Returns how many were deleted."""
    expired = IdentityRecord.objects.filter(created_at__lt=retention_cutoff(now))
    deleted, _by_model = expired.delete()
    return deleted


def _identity_by_reference(reference: str) -> IdentityRecord:
    record = (
        IdentityRecord.objects.select_related("consultation", "consent", "consultation__hub")
        .filter(reference=reference.strip().upper())
        .first()
    )
    if record is None:
        raise ValidationError(_("No identifying details have that reference."))
    return record


def person_data_export(*, reference: str) -> str:
    """Everything kept about the person with `reference`, as JSON, for a subject access request."""
    record = _identity_by_reference(reference)
    consultation = record.consultation
    data = {
        "reference": record.reference,
        "identity": {
            "name": record.name,
            "contact": record.contact,
            "document_number": record.document_number,
            "recorded_at": record.created_at,
        },
        "consent": {
            "purpose": record.consent.purpose,
            "given_at": record.consent.given_at,
            "recorded_by": str(record.consent.recorded_by or ""),
        },
        "consultation": {
            "hub": str(consultation.hub),
            "date": consultation.date,
            "channel": consultation.channel,
            "topics": [term.code for term in consultation.topics.all()],
            "gender": consultation.gender,
            "age_band": consultation.age_band,
            "nationality": consultation.nationality.code if consultation.nationality else "",
            "migration_situation": (
                consultation.migration_situation.code if consultation.migration_situation else ""
            ),
            "disability": consultation.disability,
            "preferred_language": consultation.preferred_language,
            "needs": consultation.needs,
            "information_given": consultation.information_given,
            "referrals": [
                {
                    "service": str(referral.service),
                    "status": referral.status,
                    "follow_up_on": referral.follow_up_on,
                    "notes": referral.notes,
                }
                for referral in consultation.referrals.select_related("service")
            ],
        },
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def person_data_erase(*, reference: str) -> None:
    """Erase a person's data on request: identifying details and the free text and follow-up
    notes of their consultation, which might name them. The anonymous counts stay."""
    record = _identity_by_reference(reference)
    consultation = record.consultation
    record.delete()
    consultation.needs = ""
    consultation.information_given = ""
    consultation.save(update_fields=["needs", "information_given"])
    consultation.referrals.update(notes="")


def identity_keys_rotate(*, batch_size: int = 500) -> int:
    """Encrypt every identifying detail again with the newest key, so older keys can be retired.
    Works on the stored tokens, in batches, each batch in its own transaction."""
    return reencrypt_all(IdentityRecord, ("name", "contact", "document_number"), batch_size)


# Offline submissions ------------------------------------------------------------------------

CONSULTATION_COLUMNS = (
    "hub_id",
    "country_id",
    "municipality_id",
    "date",
    "month",
    "channel",
    "gender",
    "age_band",
    "nationality_id",
    "migration_situation_id",
    "disability",
    "preferred_language",
    "needs",
    "information_given",
    "source",
    "instance_uuid",
    "recorded_by_id",
)


@transaction.atomic
def submissions_import(*, hub: Hub, user: User | None, rows: Sequence[ParsedRow]) -> int:
    """Write validated submissions all at once, or nothing: one transaction, and the unique
    instance id makes a concurrent second import of the same submission fail as a whole. No
    user: the platform itself imports (a management command)."""
    if user is not None:
        require(user, "consultations.import_submissions", hub)
    follow_up_days = timedelta(days=conf.follow_up_days())
    recorded_by = getattr(user, "pk", None)
    ids = insert_many(
        Consultation,
        CONSULTATION_COLUMNS,
        [
            (
                hub.pk,
                hub.country_id,
                hub.municipality_id,
                row.date,
                row.date.replace(day=1),
                row.channel,
                row.gender,
                row.age_band,
                row.nationality_id,
                row.situation_id,
                row.disability,
                row.preferred_language,
                row.needs,
                row.information_given,
                Source.IMPORT,
                row.instance_uuid,
                recorded_by,
            )
            for row in rows
        ],
        returning_ids=True,
    )
    insert_many(
        Consultation.topics.through,
        ("consultation_id", "taxonomyterm_id"),
        [
            (consultation_id, topic_id)
            for consultation_id, row in zip(ids, rows, strict=True)
            for topic_id in row.topic_ids
        ],
    )
    referral_ids = insert_many(
        Referral,
        ("consultation_id", "service_id", "follow_up_on"),
        [
            (consultation_id, service_id, row.follow_up_on or row.date + follow_up_days)
            for consultation_id, row in zip(ids, rows, strict=True)
            for service_id in row.service_ids
        ],
        returning_ids=True,
    )
    if referral_ids:
        transaction.on_commit(lambda: incoming_referrals_notify(referral_ids=referral_ids))
    return len(rows)


def _open_upload(upload: SubmissionImport) -> Any:
    return upload.file.open("rb")


def _set_progress(upload_id: int, processed: int) -> None:
    SubmissionImport.objects.filter(pk=upload_id).update(processed_rows=processed)


def submission_upload_create(*, hub: Hub, user: User, file: Any) -> SubmissionImport:
    """Keep an uploaded export until it is validated and confirmed."""
    require(user, "consultations.import_submissions", hub)
    upload = SubmissionImport(hub=hub, uploaded_by=user, filename=file.name[:200])
    upload.file.save(
        f"{hub.slug}-{timezone.now():%Y%m%d%H%M%S}-{file.name[-40:]}", file, save=False
    )
    upload.save()
    return upload


def _validate_file(upload: SubmissionImport) -> Validation:
    with _open_upload(upload) as stream:
        try:
            return validate_submissions(
                read_records(stream, upload.filename),
                upload.hub,
                progress=lambda done: _set_progress(upload.pk, done),
            )
        except (ValueError, UnicodeDecodeError, csv.Error, RecursionError) as problem:
            validation = Validation()
            validation.error(
                1, "", _("The file cannot be read: %(problem)s") % {"problem": problem}
            )
            return validation


def submission_upload_validate(*, upload: SubmissionImport) -> SubmissionImport:
    """Check every row of an upload and keep the errors, or a preview of what would be written."""
    upload.status = SubmissionImport.Status.VALIDATING
    upload.started_at = timezone.now()
    upload.save(update_fields=["status", "started_at"])
    validation = _validate_file(upload)
    upload.total_rows = validation.total
    upload.processed_rows = validation.total
    upload.errors = validation.errors[:500]
    upload.preview = preview_of(validation.rows)
    upload.new_rows = len(validation.rows)
    upload.duplicate_rows = validation.duplicates
    upload.status = (
        SubmissionImport.Status.VALIDATED
        if validation.is_valid
        else SubmissionImport.Status.INVALID
    )
    if not validation.is_valid and upload.connection_id is None:
        # A file with errors is never imported (a corrected one is uploaded): keep no copy of it.
        # A pulled batch is kept until someone decides: its good rows may still be imported.
        upload.file.delete(save=False)
    upload.save()
    return upload


def submission_upload_retry(*, upload: SubmissionImport, user: User) -> str:
    """Check that an import the page shows as stuck may run again, and say which step to run
    ("validate" or "import"); the caller runs it, in the background for a large file. The step
    that stopped left nothing behind (validation writes nothing, the import is one transaction)."""
    require(user, "consultations.import_submissions", upload.hub)
    if not upload.looks_stuck():
        raise ValidationError(_("This import is still running: wait for it to finish."))
    return "validate" if upload.status == SubmissionImport.Status.VALIDATING else "import"


def submission_upload_run(
    *, upload: SubmissionImport, user: User | None, skip_rows_with_problems: bool = False
) -> SubmissionImport:
    """Write a validated upload after confirmation, checking it again first (data may have
    changed since), then delete the file: it holds data about people.

    An upload left "importing" by a worker that died may be run again: the write is one
    transaction, so the dead run left nothing, and the unique instance ids keep a submission from
    being imported twice should both runs be alive.

    A batch pulled from a connection cannot be corrected and uploaded again: with
    `skip_rows_with_problems`, a person confirms that its rows without problems are written and the
    others skipped (they are listed on the import's page). Once written, the connection's next
    pull starts after the batch's newest submission."""
    runnable = {SubmissionImport.Status.VALIDATED, SubmissionImport.Status.SAVING}
    if skip_rows_with_problems and upload.connection_id is not None:
        runnable.add(SubmissionImport.Status.INVALID)
    if upload.status not in runnable:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    upload.status = SubmissionImport.Status.SAVING
    upload.processed_rows = 0
    upload.started_at = timezone.now()
    upload.save(update_fields=["status", "processed_rows", "started_at"])
    validation = _validate_file(upload)
    if not validation.is_valid and not skip_rows_with_problems:
        upload.errors = validation.errors[:500]
        upload.status = SubmissionImport.Status.INVALID
        upload.save()
        return upload
    upload.errors = validation.errors[:500]
    try:
        with transaction.atomic():
            upload.new_rows = submissions_import(hub=upload.hub, user=user, rows=validation.rows)
            _advance_connection(upload)
    except IntegrityError:
        upload.status = SubmissionImport.Status.FAILED
        upload.errors = [
            {
                "row": "",
                "column": "",
                "message": _(
                    "Some submissions were imported meanwhile; nothing was written. "
                    "Check the file again."
                ),
            }
        ]
        upload.save()
        return upload
    upload.duplicate_rows = validation.duplicates
    upload.processed_rows = upload.total_rows
    upload.status = SubmissionImport.Status.DONE
    upload.finished_at = timezone.now()
    upload.file.delete(save=False)
    upload.save()
    return upload


# Pulling from KoboToolbox or ODK Central ---------------------------------------------------

CONNECTION_FIELDS = ("kind", "server_url", "form_id", "project_id", "username")


def _advance_connection(upload: SubmissionImport) -> None:
    """The connection's next pull starts after the newest submission of a written batch."""
    if upload.connection_id is None or not upload.pulled_until:
        return
    connection = FieldDataConnection.objects.select_for_update().get(pk=upload.connection_id)
    if upload.pulled_until > connection.last_submission_time:
        connection.last_submission_time = upload.pulled_until
        connection.save(update_fields=["last_submission_time"])


@transaction.atomic
def field_data_connection_save(
    *, hub: Hub, user: User, values: dict[str, Any], secret: str = ""
) -> FieldDataConnection:
    """Connect the hub to a KoboToolbox form or an ODK Central form, or change the connection.
    An empty `secret` keeps the stored one. Pointing at another form starts from its first
    submission (those already imported are still never written twice)."""
    require(user, "consultations.import_submissions", hub)
    connection = FieldDataConnection.objects.filter(hub=hub).first() or FieldDataConnection(
        hub=hub, created_by=user
    )
    before = tuple(getattr(connection, name) for name in CONNECTION_FIELDS[:4])
    for name in CONNECTION_FIELDS:
        setattr(connection, name, values.get(name) or ("" if name != "project_id" else None))
    if secret:
        connection.secret = secret
    if connection.pk and before != tuple(getattr(connection, n) for n in CONNECTION_FIELDS[:4]):
        connection.last_submission_time = ""
    errors: dict[str, str] = {}
    if not connection.secret:
        errors["secret"] = _("This field is required.")
    if connection.kind == FieldDataConnection.Kind.ODK_CENTRAL:
        if not connection.project_id:
            errors["project_id"] = _("ODK Central needs the project id.")
        if not connection.username:
            errors["username"] = _("ODK Central needs the e-mail of the account.")
    if errors:
        raise ValidationError(errors)
    connection.full_clean(exclude=["hub", "created_by"])
    connection.save()
    return connection


def field_data_connection_remove(*, hub: Hub, user: User) -> None:
    """Disconnect the hub: its secret goes with the connection; earlier imports stay."""
    require(user, "consultations.import_submissions", hub)
    FieldDataConnection.objects.filter(hub=hub).delete()


@dataclass(frozen=True)
class PullOutcome:
    upload: SubmissionImport | None = None  # the batch pulled: written, or waiting for a person
    waiting: SubmissionImport | None = None  # an earlier batch still waiting: nothing was pulled
    problem: str = ""  # what went wrong with the server, translated; nothing was written


def _record_problem(connection: FieldDataConnection, error: PullError) -> PullOutcome:
    connection.last_error = error.problem
    connection.last_error_status = error.status
    connection.last_error_at = timezone.now()
    connection.save(update_fields=["last_error", "last_error_status", "last_error_at"])
    return PullOutcome(problem=problem_message(connection))


def field_data_pull(*, connection: FieldDataConnection, user: User | None) -> PullOutcome:
    """Read the submissions the server received since the last written batch into an import,
    checked like an upload. Without problems it is written at once; with any, it waits on the
    import's page for a person to write its good rows or discard it, and nothing more is pulled
    meanwhile. A server that cannot be read leaves its error on the connection and writes
    nothing. No user: the schedule pulls (`manage.py pull_submissions`)."""
    hub = connection.hub
    if user is not None:
        require(user, "consultations.import_submissions", hub)
    waiting = (
        connection.pulls.filter(
            status__in=[
                SubmissionImport.Status.VALIDATING,
                SubmissionImport.Status.VALIDATED,
                SubmissionImport.Status.INVALID,
                SubmissionImport.Status.SAVING,
            ]
        )
        .order_by("created_at")
        .first()
    )
    if waiting is not None:
        return PullOutcome(waiting=waiting)
    try:
        pulled = pull_new(connection)
    except PullError as error:
        return _record_problem(connection, error)
    now = timezone.now()
    connection.last_pulled_at = now
    connection.last_error, connection.last_error_status, connection.last_error_at = "", None, None
    connection.save(
        update_fields=["last_pulled_at", "last_error", "last_error_status", "last_error_at"]
    )
    if not pulled.records:
        return PullOutcome()
    name = f"{hub.slug}-{connection.kind}-{now:%Y%m%d%H%M%S}.json"
    upload = SubmissionImport(
        hub=hub, uploaded_by=user, connection=connection, filename=name, pulled_until=pulled.newest
    )
    content = json.dumps(pulled.records, cls=DjangoJSONEncoder, ensure_ascii=False)
    upload.file.save(name, ContentFile(content.encode()), save=False)
    upload.save()
    submission_upload_validate(upload=upload)
    if upload.status == SubmissionImport.Status.VALIDATED:
        submission_upload_run(upload=upload, user=user)
    return PullOutcome(upload=upload)


def pulled_import_discard(*, upload: SubmissionImport, user: User) -> SubmissionImport:
    """Drop a pulled batch that waits for a decision, writing none of it. The connection's
    starting point does not move, so the next pull reads the same submissions again, as they
    are then on the server (corrected there, for instance)."""
    require(user, "consultations.import_submissions", upload.hub)
    if not upload.awaits_decision:
        raise ValidationError(_("Only a pulled batch that waits for a decision can be discarded."))
    upload.file.delete(save=False)
    upload.status = SubmissionImport.Status.FAILED
    upload.finished_at = timezone.now()
    upload.errors = [
        *upload.errors[:499],
        {"row": "", "column": "", "message": _("Discarded: nothing was written.")},
    ]
    upload.save()
    return upload
