"""Who must use two-factor authentication: everyone whose role reaches identifying personal data.

Hub staff read the identifying details their hub keeps about migrants, cash assistance staff
those of the households their organisation registers, reviewers see who
submitted the commitments and assessments they moderate in their countries, and platform admins
can reach everything through the admin. Their accounts are the ones worth taking over, so
they must set up an authenticator app (TOTP, with recovery codes) before the platform lets them
in any further than their account pages. `TwoFactorRequiredMiddleware` applies this to pages and
the admin, `core.api_framework.RulesPermission` to the API (tokens included), and
`consultations.permissions.may_read_identity` checks it again where identifying details are read.
"""

from __future__ import annotations

from importlib import import_module

from allauth.mfa.models import Authenticator
from django.conf import settings

from migralocal.core import crypto
from migralocal.core.models import Actor
from migralocal.core.modules import modules_providing
from migralocal.core.role_cache import cached_roles
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.selectors import user_role_set

TWO_FACTOR_CACHE_ATTRIBUTE = "_migralocal_has_two_factor"
MODULE_ROLE_CACHE_ATTRIBUTE = "_migralocal_module_role_reaches_personal_data"


def role_reaches_personal_data(user: Actor) -> bool:
    """Hub staff, reviewers and platform admins (anyone allowed into the admin) see identifying
    personal data; the other roles see public data and suppressed figures only."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    roles = user_role_set(user)
    holds_hub_staff = any(
        OrganisationRole.HUB_STAFF in held for held in roles.organisation_roles.values()
    )
    if holds_hub_staff or ProgrammeRole.REVIEWER in roles.programme_countries:
        return True
    return _module_role_reaches_personal_data(user)


def _module_role_reaches_personal_data(user: Actor) -> bool:
    """A role a module keeps itself (cash assistance staff) that reads identifying details:
    the module's `personal_data.reaches_personal_data(user)` says so. Read once per user, and
    from the shared cache while no role has changed."""
    cached = getattr(user, MODULE_ROLE_CACHE_ATTRIBUTE, None)
    if cached is None and user.pk is not None:
        cached = cached_roles(user.pk, lambda: _reads_module_roles(user), part="personal-data")
        setattr(user, MODULE_ROLE_CACHE_ATTRIBUTE, cached)
    return bool(cached)


def _reads_module_roles(user: Actor) -> bool:
    checks = [import_module(name) for _config, name in modules_providing("personal_data")]
    return any(
        module.reaches_personal_data(user)
        for module in checks
        if hasattr(module, "reaches_personal_data")
    )


def has_two_factor(user: Actor) -> bool:
    """Whether the person has an authenticator app set up (read once per user object)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, TWO_FACTOR_CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        setattr(user, TWO_FACTOR_CACHE_ATTRIBUTE, cached)
    return bool(cached)


def two_factor_missing(user: Actor) -> bool:
    """True when the person's role needs two-factor authentication and they have not set it up."""
    if not getattr(settings, "MFA_REQUIRED_FOR_PERSONAL_DATA", True):
        return False
    return role_reaches_personal_data(user) and not has_two_factor(user)


# The parts of allauth's Authenticator.data kept encrypted (core.adapters.MFAAdapter).
ENCRYPTED_DATA = {
    Authenticator.Type.TOTP: ("secret",),
    Authenticator.Type.RECOVERY_CODES: ("seed",),
}


def authenticator_secrets_rotate() -> tuple[int, int]:
    """Encrypt every authenticator secret again with the newest key (run with the identifying
    details' rotation, `manage.py rotate_identity_keys`, before an old key is removed). Returns
    how many were rotated and how many no listed key opens (left as they are: their owners set
    up a new authenticator once an admin removes the old one)."""
    rotated = unreadable = 0
    for authenticator in Authenticator.objects.all().iterator():
        try:
            _rotate_data(authenticator.type, authenticator.data)
        except crypto.InvalidToken:
            unreadable += 1
            continue
        authenticator.save(update_fields=["data"])
        rotated += 1
    return rotated, unreadable


def _rotate_data(kind: str, data: dict) -> None:
    for key in ENCRYPTED_DATA.get(kind, ()):
        if isinstance(data.get(key), str):
            data[key] = crypto.rotate(data[key])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [crypto.rotate(code) for code in data["migrated_codes"]]
