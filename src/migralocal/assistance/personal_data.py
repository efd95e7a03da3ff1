"""What cash assistance holds about a person, for `core.person_requests` (`manage.py
person_export` and `person_erase`). Members have no account: they are found by a reference
`PROGRAMME-SLUG:PERSON_REF` (the programme's slug and the `person_ref` their registration came
with; a bare reference could name other people in other programmes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q

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


def owns_reference(reference: str) -> bool:
    return _members([reference]).exists()


def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, Any]:
    if not references:
        return {"members": []}
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
        ]
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
    return {"members": erased}
