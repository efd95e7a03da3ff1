"""What cash assistance holds about a person, for `core.person_requests` (`manage.py
person_export` and `person_erase`). Members have no account: they are found by a reference
`PROGRAMME-SLUG:PERSON_REF` (the programme's slug and the `person_ref` their registration came
with; a bare reference could name other people in other programmes). A grievance is found by
the reference handed out with it (`G-…`); a family referred by a hub by the reference of the
consultation's identifying details (`P-…`), which the consultations module answers for too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from migralocal.assistance.grievances import Grievance, PendingRegistration
from migralocal.assistance.models import AssistanceStaff, Member
from migralocal.core.models import User


def _members(references: Sequence[str]) -> Any:
    wanted = Q(pk__in=[])
    for reference in references:
        slug, separator, person_ref = reference.partition(":")
        if separator and slug and person_ref:
            wanted |= Q(programme__slug=slug, person_ref=person_ref)
    return Member.objects.filter(wanted).select_related("programme", "household")


def reaches_personal_data(user: User) -> bool:
    """Assistance staff read the names, documents and phones of the households their
    organisation registers: they must use two-factor authentication (core.two_factor)."""
    return AssistanceStaff.objects.filter(user=user).exists()


def _grievances(references: Sequence[str]) -> Any:
    return Grievance.objects.filter(reference__in=list(references)).select_related("programme")


def _referrals(references: Sequence[str]) -> Any:
    return PendingRegistration.objects.filter(
        source_reference__in=[reference for reference in references if reference]
    ).select_related("programme")


def owns_reference(reference: str) -> bool:
    return (
        _members([reference]).exists()
        or _grievances([reference]).exists()
        or _referrals([reference]).exists()
    )


def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, Any]:
    if not references:
        return {"members": [], "grievances": [], "referrals": []}
    return {
        "members": [
            {
                "programme": member.programme.slug,
                "person_ref": member.person_ref,
                "household_ref": member.household.household_ref,
                "head_of_household": member.is_head,
                "given_names": member.given_names,
                "family_names": member.family_names,
                "sex": member.sex,
                "date_of_birth": member.date_of_birth,
                "document_type": member.document_type,
                "document_number": member.document_number,
                "phone": member.phone,
                "population_group": member.population_group,
                "status": member.status,
                "consent": member.household.consent_purpose,
                "consent_recorded_at": member.household.consent_recorded_at,
            }
            for member in _members(references)
        ],
        "grievances": [
            {
                "programme": grievance.programme.slug,
                "reference": grievance.reference,
                "category": grievance.category,
                "description": grievance.description,
                "name": grievance.contact_name,
                "contact": grievance.contact,
                "status": grievance.status,
                "response": grievance.response,
                "received_at": grievance.received_at,
                "closed_at": grievance.closed_at,
            }
            for grievance in _grievances(references)
        ],
        "referrals": [
            {
                "programme": pending.programme.slug,
                "reference": pending.source_reference,
                "name": pending.name,
                "contact": pending.contact,
                "document_number": pending.document_number,
                "consent": pending.consent_purpose,
                "status": pending.status,
                "referred_at": pending.referred_at,
            }
            for pending in _referrals(references)
        ],
    }


def erase_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, int]:
    """The member stays, so that counts and payments keep adding up, without anything that
    identifies the person."""
    if not references:
        return {}
    erased = 0
    for member in _members(references):
        member.given_names = member.family_names = "-"
        member.document_number = member.phone = member.document_type = ""
        member.date_of_birth = None
        member.status = Member.Status.ERASED
        member.save(
            update_fields=[
                "given_names",
                "family_names",
                "document_number",
                "phone",
                "document_type",
                "date_of_birth",
                "status",
            ]
        )
        erased += 1
    grievances = 0
    for grievance in _grievances(references):
        erase_grievance_details(grievance)
        grievances += 1
    referrals = 0
    for pending in _referrals(references):
        pending.name = pending.contact = pending.document_number = ""
        pending.save(update_fields=["name", "contact", "document_number"])
        referrals += 1
    return {"members": erased, "grievances": grievances, "referrals": referrals}


def erase_grievance_details(grievance: Grievance) -> None:
    """What the person wrote and how to reach them go; the category, status and response stay
    for the figures."""
    grievance.description = "-"
    grievance.contact_name = grievance.contact = ""
    grievance.save(update_fields=["description", "contact_name", "contact"])
