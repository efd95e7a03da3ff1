"""What Consultations holds about a person, for `core.person_requests`.

People who consult a hub have no account: their identifying details are found only by the
reference they were given (`--consultation-person-id`). Staff who recorded consultations are
named on them; their account is anonymised by core, the consultations stay."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from migralocal.consultations import services
from migralocal.consultations.models import Consultation, IdentityRecord
from migralocal.core.models import User


def owns_reference(reference: str) -> bool:
    return IdentityRecord.objects.filter(reference=reference.strip().upper()).exists()


def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, Any]:
    return {
        "identified_consultations": [
            json.loads(services.person_data_export(reference=reference)) for reference in references
        ],
        "consultations_recorded_as_staff": Consultation.objects.filter(recorded_by=user).count()
        if user
        else 0,
    }


def erase_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, int]:
    for reference in references:
        services.person_data_erase(reference=reference)
    return {"identified_consultations": len(references)}
