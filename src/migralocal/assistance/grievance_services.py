"""Writes and reads of grievances and of registrations referred by hubs. Like services.py, each
checks the actor first and runs in a transaction; every reading of contact details or of the
identity a referral brought is logged in the platform's access log."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assistance import services
from migralocal.assistance.grievances import (
    SENSITIVE_CATEGORIES,
    Grievance,
    GrievanceCategory,
    PendingRegistration,
    RegistrationSubmission,
    secret_digest,
)
from migralocal.assistance.models import CashProgramme, Household
from migralocal.assistance.permissions import (
    assistance_roles,
    may_handle_grievance,
    may_handle_grievances,
    may_read_identity,
    may_review_duplicates,
)
from migralocal.consultations.models import Consultation, IdentityRecord
from migralocal.core.models import Actor, User
from migralocal.core.permissions import require
from migralocal.core.services import log_access

CONTACT_REASON = "Answering a grievance"


# Grievances ---------------------------------------------------------------------------------


@dataclass
class GrievanceData:
    category: str
    description: str
    contact_name: str = ""
    contact: str = ""


def _new_grievance(
    programme: CashProgramme,
    data: GrievanceData,
    *,
    channel: str,
    raised_by: User | None,
    household: Household | None = None,
) -> tuple[Grievance, str]:
    if data.category not in GrievanceCategory.values:
        raise ValidationError({"category": _("Choose a category from the list.")})
    description = data.description.strip()
    if not description:
        raise ValidationError({"description": _("Say what happened.")})
    if household is not None and household.programme_id != programme.pk:
        raise ValidationError({"household": _("This household is not in the programme.")})
    secret = secrets.token_urlsafe(12)
    grievance = Grievance(
        programme=programme,
        secret_digest=secret_digest(secret),
        category=data.category,
        is_sensitive=data.category in SENSITIVE_CATEGORIES,
        channel=channel,
        description=description,
        contact_name=data.contact_name.strip(),
        contact=data.contact.strip(),
        household=household,
        raised_by=raised_by,
    )
    grievance.full_clean(exclude=["programme", "household", "raised_by", "secret_digest"])
    grievance.save()
    return grievance, secret


@transaction.atomic
def grievance_submit_public(
    *, programme: CashProgramme, data: GrievanceData
) -> tuple[Grievance, str]:
    """A grievance or feedback from the public form, without an account. Returns it with the
    secret that, with its reference, opens its status page (shown once, kept only as a digest)."""
    return _new_grievance(programme, data, channel=Grievance.Channel.PUBLIC_FORM, raised_by=None)


@transaction.atomic
def grievance_record(
    *,
    actor: Actor,
    programme: CashProgramme,
    data: GrievanceData,
    household: Household | None = None,
) -> tuple[Grievance, str]:
    """A grievance recorded by staff on behalf of a person."""
    if not may_handle_grievances(actor, programme):
        raise PermissionDenied
    return _new_grievance(
        programme,
        data,
        channel=Grievance.Channel.STAFF,
        raised_by=actor if isinstance(actor, User) else None,
        household=household,
    )


def grievances_for(actor: Actor, programme: CashProgramme) -> QuerySet[Grievance]:
    """The programme's grievances this person handles: sensitive ones for its grievance focal
    points alone."""
    if not may_handle_grievances(actor, programme):
        raise PermissionDenied
    grievances = Grievance.objects.filter(programme=programme).select_related("programme")
    if "grievance_focal" not in assistance_roles(actor).get(programme.operator_id, set()):
        grievances = grievances.filter(is_sensitive=False)
    return grievances


def grievance_read(
    *, actor: Actor, grievance: Grievance, reason: str = CONTACT_REASON
) -> Grievance:
    """One grievance with its description and contact details; the reading is logged."""
    if not may_handle_grievance(actor, grievance):
        raise PermissionDenied
    log_access(actor, grievance, reason)
    return grievance


@transaction.atomic
def grievance_respond(
    *, actor: Actor, grievance: Grievance, status: str, response: str
) -> Grievance:
    """Move a grievance on and answer it. Resolving or closing it stops its clock; opening it
    again starts the clock anew from the first receipt."""
    if not may_handle_grievance(actor, grievance):
        raise PermissionDenied
    if status not in Grievance.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    response = response.strip()
    if status in Grievance.FINISHED and not response:
        raise ValidationError(
            {"response": _("Write the response before resolving or closing the grievance.")}
        )
    grievance = Grievance.objects.select_for_update().get(pk=grievance.pk)
    grievance.status = status
    grievance.response = response
    grievance.handled_by = actor if isinstance(actor, User) else None
    if status in Grievance.FINISHED:
        grievance.closed_at = grievance.closed_at or timezone.now()
    else:
        grievance.closed_at = None
    grievance.full_clean(exclude=["programme", "household", "raised_by", "handled_by"])
    grievance.save()
    return grievance


def grievance_details_purge(*, now: Any = None) -> int:
    """Retention: the description and contact details of grievances resolved or closed more
    than `ASSISTANCE_GRIEVANCE_RETENTION_DAYS` ago (365 by default) are erased; the grievance
    stays, without them, for the figures. Returns how many were erased."""
    from django.conf import settings

    from migralocal.assistance.personal_data import erase_grievance_details

    days = int(getattr(settings, "ASSISTANCE_GRIEVANCE_RETENTION_DAYS", 365))
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Grievance.objects.filter(closed_at__lt=cutoff)
    count = 0
    for grievance in expired.iterator():
        # Encrypted values differ at every write: "-" is compared once decrypted.
        if grievance.description == "-" and not grievance.contact and not grievance.contact_name:
            continue
        erase_grievance_details(grievance)
        count += 1
    return count


def grievance_by_reference(reference: str, secret: str) -> Grievance | None:
    """The public status page: the grievance whose reference and secret both match."""
    grievance = (
        Grievance.objects.select_related("programme")
        .filter(reference=reference.strip().upper())
        .first()
    )
    if grievance is None or not grievance.secret_matches(secret):
        return None
    return grievance


def grievance_figures(programme: CashProgramme) -> dict[str, Any]:
    """Counts by status and category, and the average days to close, without anyone's
    details (the programme's page and reports)."""
    grievances = list(
        Grievance.objects.filter(programme=programme).values(
            "status", "category", "received_at", "closed_at"
        )
    )
    closed = [g["closed_at"] - g["received_at"] for g in grievances if g["closed_at"]]
    return {
        "total": len(grievances),
        "open": sum(g["status"] not in Grievance.FINISHED for g in grievances),
        "average_days_to_close": (
            round(sum(d.total_seconds() for d in closed) / len(closed) / 86400, 1)
            if closed
            else None
        ),
    }


# Referrals from hubs ------------------------------------------------------------------------


def referable_programmes(consultation: Consultation) -> QuerySet[CashProgramme]:
    """The cash programmes a consultation's family may be referred to: running, in the
    consultation's country, working in its municipality (or in the whole country)."""
    today = timezone.localdate()
    programmes = CashProgramme.objects.filter(
        country=consultation.country_id, ends_on__gte=today
    ).prefetch_related("municipalities")
    wanted = [
        programme.pk
        for programme in programmes
        if not programme.municipalities.all()
        or consultation.municipality_id in {area.pk for area in programme.municipalities.all()}
    ]
    return CashProgramme.objects.filter(pk__in=wanted).order_by("name")


@transaction.atomic
def cash_referral_make(
    *, actor: Actor, consultation: Consultation, programme: CashProgramme
) -> PendingRegistration:
    """Refer a consultation's family to a cash programme: a pending registration there. The
    person's name, contact and document travel only when they consented to keep them (the
    consultation's consent); that transfer is logged as a reading of their details."""
    require(actor, "consultations.view_consultation", consultation)
    if not referable_programmes(consultation).filter(pk=programme.pk).exists():
        raise ValidationError(_("This programme does not work where the consultation took place."))
    if PendingRegistration.objects.filter(programme=programme, consultation=consultation).exists():
        raise ValidationError(_("This consultation has already been referred to this programme."))
    identity = (
        IdentityRecord.objects.select_related("consent").filter(consultation=consultation).first()
    )
    pending = PendingRegistration(
        programme=programme,
        consultation=consultation,
        hub_id=consultation.hub_id,
        municipality_id=consultation.municipality_id,
        referred_by=actor if isinstance(actor, User) else None,
    )
    if identity is not None:
        pending.consented = True
        pending.source_reference = identity.reference
        pending.consent_purpose = identity.consent.purpose[:300]
        pending.name = identity.name
        pending.contact = identity.contact
        pending.document_number = identity.document_number
        log_access(actor, identity, "Referral to a cash assistance programme")
    pending.save()
    return pending


def pending_of(actor: Actor, programme: CashProgramme) -> QuerySet[PendingRegistration]:
    require(actor, "assistance.complete_referrals", programme)
    return PendingRegistration.objects.filter(programme=programme).select_related(
        "hub", "municipality", "household"
    )


def pending_identity_read(*, actor: Actor, pending: PendingRegistration) -> PendingRegistration:
    """The identity a referral brought, for the operator's assistance staff; logged."""
    if not may_read_identity(actor, pending):
        raise PermissionDenied
    if pending.consented:
        log_access(actor, pending, "Completing a referred registration")
    return pending


@transaction.atomic
def pending_complete(
    *,
    actor: Actor,
    pending: PendingRegistration,
    household: services.HouseholdData,
    consent_purpose: str,
) -> Household:
    """Register the referred family as a household (as on the registration form) and close
    the referral."""
    require(actor, "assistance.complete_referrals", pending)
    pending = PendingRegistration.objects.select_for_update().get(pk=pending.pk)
    if pending.status != PendingRegistration.Status.PENDING:
        raise ValidationError(_("This referral has already been dealt with."))
    (created,) = services.households_register(
        actor=actor,
        programme=pending.programme,
        households=[household],
        consent_purpose=consent_purpose,
    )
    pending.status = PendingRegistration.Status.REGISTERED
    pending.household = created
    pending.save(update_fields=["status", "household"])
    return created


@transaction.atomic
def pending_decline(*, actor: Actor, pending: PendingRegistration) -> PendingRegistration:
    require(actor, "assistance.complete_referrals", pending)
    pending = PendingRegistration.objects.select_for_update().get(pk=pending.pk)
    if pending.status != PendingRegistration.Status.PENDING:
        raise ValidationError(_("This referral has already been dealt with."))
    pending.status = PendingRegistration.Status.DECLINED
    pending.save(update_fields=["status"])
    return pending


# KoboToolbox and ODK ------------------------------------------------------------------------


def submissions_check(
    *,
    actor: Actor | None,
    programme: CashProgramme,
    content: bytes,
    filename: str,
    members_content: bytes | None = None,
) -> Any:
    """Check an export of the programme's XLSForm (kobo.py) without writing anything. Comparing
    with the people already registered reads their details: logged as a duplicate search."""
    from migralocal.assistance import kobo

    if actor is not None:
        require(actor, "assistance.register_households", programme)
        if not may_review_duplicates(actor, programme):
            raise PermissionDenied
    result = kobo.check_export(programme, content, filename, members_content)
    if result.is_valid:
        services._log_search(actor, programme)
    return result


@transaction.atomic
def submissions_import(
    *,
    actor: Actor | None,
    programme: CashProgramme,
    content: bytes,
    filename: str,
    consent_purpose: str,
    members_content: bytes | None = None,
) -> list[Household]:
    """Register every submission of an export, or none; each submission's id is kept, so the
    same one is never imported twice (the database refuses it too)."""
    from migralocal.assistance import kobo

    result = submissions_check(
        actor=actor,
        programme=programme,
        content=content,
        filename=filename,
        members_content=members_content,
    )
    if not result.is_valid:
        raise ValidationError(kobo.problems_text(result.problems[:50]))
    households = services.households_register(
        actor=actor,
        programme=programme,
        households=result.households,
        consent_purpose=consent_purpose,
    )
    RegistrationSubmission.objects.bulk_create(
        RegistrationSubmission(
            programme=programme,
            instance_id=result.instance_ids[household.household_ref],
            household=household,
        )
        for household in households
    )
    return households
