"""A person's request for their data: export everything the platform holds about them, or
erase it while keeping the aggregate figures (DESIGN.md §6, docs/data-protection.md).

Each module says what it holds about a person in its own `personal_data.py`:

    def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict
    def erase_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, int]

`user` is the account with that e-mail, if there is one; `references` are the codes that name a
person who has no account (the reference handed out with a consultation's identifying details, a
cash assistance member's `PROGRAMME:PERSON_REF`). A module that keeps people by reference also
says which references are its own:

    def owns_reference(reference: str) -> bool

and receives only those; a reference no module owns is refused before anything is done.
Every export and erasure is written to the access log: who handled it, when, and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.core.models import AccessLog, User
from migralocal.core.modules import modules_providing

EXPORT_REASON = "Subject access request: export of a person's data"
ERASURE_REASON = "Erasure request: a person's data erased or anonymised"


def _providers() -> list[tuple[str, Any]]:
    return [
        (config.label, import_module(module_name))
        for config, module_name in modules_providing("personal_data")
    ]


def _references_by_provider(references: Sequence[str]) -> list[tuple[str, Any, list[str]]]:
    """Each module with the references it keeps; a reference no module keeps is refused before
    anything is read or erased."""
    shares = []
    for label, provider in _providers():
        owns = getattr(provider, "owns_reference", None)
        own = [reference for reference in references if owns is not None and owns(reference)]
        shares.append((label, provider, own))
    kept = {reference for _label, _provider, own in shares for reference in own}
    for reference in references:
        if reference not in kept:
            raise ValidationError(
                _("No record has the reference %(reference)s.") % {"reference": reference}
            )
    return shares


def _checked(email: str, handled_by: str) -> tuple[str, str]:
    email, handled_by = email.strip(), handled_by.strip()
    for address in (email, handled_by):
        validate_email(address)
    return email, handled_by


def _log(
    *, handled_by: str, user: User | None, references: Sequence[str], reason: str
) -> AccessLog:
    """The request itself, in the access log. The e-mail asked about is not copied into the
    log (an erased person would stay findable there); the account id and references are."""
    handler = User.objects.filter(email__iexact=handled_by).first()
    described = f"account #{user.pk}" if user else "no account"
    if references:
        described += " · " + ", ".join(references)
    return AccessLog.objects.create(
        user=handler,
        user_email=handled_by,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk) if user else "",
        object_repr=described[:200],
        reason=reason,
    )


def _user_with(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()


@transaction.atomic
def person_export(*, email: str, handled_by: str, references: Sequence[str] = ()) -> dict[str, Any]:
    """Everything held about the person with `email` (and under the consultation
    `references`), identifying details decrypted, as one JSON-ready dictionary."""
    email, handled_by = _checked(email, handled_by)
    user = _user_with(email)
    data: dict[str, Any] = {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "handled_by": handled_by,
    }
    for label, provider, own in _references_by_provider(references):
        data[label] = provider.export_person(user=user, email=email, references=own)
    _log(handled_by=handled_by, user=user, references=references, reason=EXPORT_REASON)
    return data


@transaction.atomic
def person_erase(*, email: str, handled_by: str, references: Sequence[str] = ()) -> dict[str, int]:
    """Erase or anonymise what identifies the person, module by module, in one transaction.
    Records that feed figures (consultations, enrolments, attendance) stay, without the person.
    Returns how many records each module changed."""
    email, handled_by = _checked(email, handled_by)
    user = _user_with(email)
    if user is not None and user.is_superuser:
        raise ValidationError(_("A platform admin's account cannot be erased this way."))
    shares = _references_by_provider(references)
    _log(handled_by=handled_by, user=user, references=references, reason=ERASURE_REASON)
    counts: dict[str, int] = {}
    for label, provider, own in shares:
        for what, count in provider.erase_person(user=user, email=email, references=own).items():
            counts[f"{label}.{what}"] = count
    return counts
