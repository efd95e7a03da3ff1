"""What several learning models share: the capacity-areas taxonomy, tokens, time zones."""

from __future__ import annotations

import secrets
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CAPACITY_AREAS = "organisation-capacity-areas"


def new_token() -> str:
    return secrets.token_urlsafe(16)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone.") % {"zone": value})
