"""Who may do what with cash assistance.

The operator's assistance staff (an `AssistanceStaff` role: officer, approver, finance officer or
programme manager) keep its programmes and households: officers register, approvers approve
(never what they registered), finance officers pay and reconcile, the manager does all three.
Identifying details (names, documents, phones) are for them alone — not for platform admins,
whom Django's `has_perm` lets through everything — so they are checked with
`may_read_identity`, which asks the rule itself and wants two-factor authentication set up.
Platform admins create programmes and name the staff.
"""

from __future__ import annotations

from typing import Any

import rules

from migralocal.core.models import Actor
from migralocal.core.permissions import is_platform_admin, organisation_id_of
from migralocal.core.two_factor import has_two_factor

_CACHE = "_migralocal_assistance_roles"


def assistance_roles(user: Actor) -> dict[int, set[str]]:
    """The user's assistance roles by operator id, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        from migralocal.assistance.models import AssistanceStaff

        cached = {}
        for organisation_id, role in AssistanceStaff.objects.filter(user=user).values_list(
            "organisation_id", "role"
        ):
            cached.setdefault(organisation_id, set()).add(role)
        setattr(user, _CACHE, cached)
    return cached


def _holds(user: Actor, obj: Any, wanted: set[str]) -> bool:
    organisation_id = organisation_id_of(obj)
    if organisation_id is None:
        return False
    return bool(assistance_roles(user).get(organisation_id, set()) & wanted)


TEAM = {"officer", "manager", "approver", "finance"}


@rules.predicate
def is_assistance_staff(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, TEAM)


@rules.predicate
def is_assistance_registrar(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, {"officer", "manager"})


@rules.predicate
def is_assistance_approver(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, {"approver", "manager"})


@rules.predicate
def is_finance_officer(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, {"finance", "manager"})


@rules.predicate
def is_assistance_manager(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, {"manager"})


@rules.predicate
def is_grievance_focal_point(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, {"grievance_focal"})


@rules.predicate
def handles_grievances(user: Actor, obj: Any) -> bool:
    return _holds(user, obj, {"officer", "manager", "grievance_focal"})


@rules.predicate
def grievance_is_sensitive(user: Actor, obj: Any) -> bool:
    return bool(getattr(obj, "is_sensitive", False))


@rules.predicate
def works_in_assistance(user: Actor) -> bool:
    return bool(assistance_roles(user))


# Objects: a programme, a household, a member, a duplicate pair (through their operator).
rules.add_perm("assistance.browse_programmes", is_platform_admin | works_in_assistance)
rules.add_perm(
    "assistance.view_cashprogramme",
    is_platform_admin | is_assistance_staff | is_grievance_focal_point,
)
# Object: the operator organisation.
rules.add_perm("assistance.add_cashprogramme", is_platform_admin)
rules.add_perm("assistance.change_cashprogramme", is_platform_admin | is_assistance_manager)
rules.add_perm("assistance.register_households", is_platform_admin | is_assistance_registrar)
rules.add_perm("assistance.view_households", is_platform_admin | is_assistance_staff)
rules.add_perm("assistance.view_identity", is_assistance_staff)
rules.add_perm("assistance.review_duplicates", is_assistance_registrar)
rules.add_perm("assistance.manage_staff", is_platform_admin)
# Grievances (objects: a programme, or a grievance): the operator's assistance staff and its
# grievance focal points; sensitive ones (fraud, abuse by staff) the focal points alone. Not
# platform admins: grievances carry contact details and accounts of what happened.
rules.add_perm("assistance.handle_grievances", handles_grievances)
rules.add_perm(
    "assistance.handle_grievance",
    is_grievance_focal_point | (handles_grievances & ~grievance_is_sensitive),
)
# Referrals from a hub become pending registrations that the programme's staff complete.
rules.add_perm("assistance.complete_referrals", is_platform_admin | is_assistance_staff)
# Targeting and payments (payment_services.py). Scores, ranks and totals carry no names: admins
# read them. Approving, enrolling and paying are the operator's own decisions: checked with
# `may`, without Django's superuser shortcut.
rules.add_perm("assistance.view_targeting", is_platform_admin | is_assistance_staff)
rules.add_perm("assistance.assess_households", is_assistance_registrar | is_assistance_approver)
rules.add_perm("assistance.approve_households", is_assistance_approver)
rules.add_perm("assistance.view_payments", is_platform_admin | is_assistance_staff)
rules.add_perm("assistance.manage_payments", is_finance_officer)
# Payment verification (verification_services.py): finance officers and the manager draw the
# samples; officers, finance officers and the manager call the households and record results.
rules.add_perm("assistance.draw_verification_samples", is_finance_officer)
rules.add_perm("assistance.record_verifications", is_finance_officer | is_assistance_registrar)


def may(user: Actor, permission: str, obj: Any) -> bool:
    """The rule itself, without Django's superuser shortcut: for the operator's decisions."""
    return bool(rules.has_perm(permission, user, obj))


def may_export_payments(user: Actor, obj: Any) -> bool:
    """A payment list with names, documents and phones: the operator's finance officers (or
    its programme manager), with two-factor authentication set up."""
    return has_two_factor(user) and may(user, "assistance.manage_payments", obj)


def may_read_identity(user: Actor, obj: Any) -> bool:
    """The operator's assistance staff only, with two-factor authentication set up: the rule
    itself, without Django's superuser shortcut."""
    return has_two_factor(user) and rules.has_perm("assistance.view_identity", user, obj)


def may_review_duplicates(user: Actor, obj: Any) -> bool:
    return has_two_factor(user) and rules.has_perm("assistance.review_duplicates", user, obj)


def may_handle_grievances(user: Actor, obj: Any) -> bool:
    """The list of a programme's grievances, and recording one on someone's behalf."""
    return has_two_factor(user) and rules.has_perm("assistance.handle_grievances", user, obj)


def may_handle_grievance(user: Actor, grievance: Any) -> bool:
    """One grievance, its description and contact details: sensitive ones for the programme's
    grievance focal points alone."""
    return has_two_factor(user) and rules.has_perm("assistance.handle_grievance", user, grievance)
