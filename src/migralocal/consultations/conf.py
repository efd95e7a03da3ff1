"""Settings of the consultations module, read through `django.conf.settings` with safe defaults.

`CONSULTATIONS_ENCRYPTION_KEYS`: Fernet keys, comma-separated, newest first. The newest encrypts;
every key listed decrypts, which is what makes rotation possible (see docs/consultations.md).
Production refuses to run without it; under DEBUG or tests a key derived from SECRET_KEY is used.

`CONSULTATIONS_RETENTION_MONTHS`: how long identifying details are kept (default 24).
`CONSULTATIONS_FOLLOW_UP_DAYS`: default days between a referral and its follow-up (default 7).
`CONSULTATIONS_BACKGROUND_IMPORT_ROWS`: imports larger than this run as a background task.
`CONSULTATIONS_STUCK_IMPORT_MINUTES`: an import still running after this long may be run again
(default 30; a 100,000-row file takes well under a minute).
`CONSULTATIONS_PULL_TIMEOUT_SECONDS`: how long one request to KoboToolbox or ODK Central may take
(default 30). `CONSULTATIONS_PULL_MAX_MB`: the most one pull reads from the server (default: the
upload limit, `CONSULTATIONS_MAX_IMPORT_MB`). `CONSULTATIONS_PULL_ALLOW_HTTP`: accept server
addresses without TLS (default: only under DEBUG; tests use a local server).
`FIGURES_CELL_KEY_SECRET`: the secret that decides which way each published figure is rounded
(see `suppression`); a value derived from SECRET_KEY when not set.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

# The keys are the platform's, shared with the authenticator secrets: one set to keep and rotate.
from migralocal.core.crypto import development_key, encryption_keys

__all__ = ["development_key", "encryption_keys"]

SMALL_CELL_THRESHOLD = 5
ROUNDING_BASE = 5


def retention_months() -> int:
    return int(getattr(settings, "CONSULTATIONS_RETENTION_MONTHS", 24))


def follow_up_days() -> int:
    return int(getattr(settings, "CONSULTATIONS_FOLLOW_UP_DAYS", 7))


def background_import_rows() -> int:
    return int(getattr(settings, "CONSULTATIONS_BACKGROUND_IMPORT_ROWS", 2000))


def stuck_import_minutes() -> int:
    return int(getattr(settings, "CONSULTATIONS_STUCK_IMPORT_MINUTES", 30))


def pull_timeout_seconds() -> float:
    return float(getattr(settings, "CONSULTATIONS_PULL_TIMEOUT_SECONDS", 30))


def pull_max_bytes() -> int:
    upload_limit = getattr(settings, "CONSULTATIONS_MAX_IMPORT_MB", 50)
    return int(getattr(settings, "CONSULTATIONS_PULL_MAX_MB", upload_limit) * 1024 * 1024)


def pull_allows_http() -> bool:
    return bool(getattr(settings, "CONSULTATIONS_PULL_ALLOW_HTTP", settings.DEBUG))


def cell_key_secret() -> bytes:
    """The key of the keyed hash that rounds published figures. Derived from SECRET_KEY unless
    set: either way it must stay the same, or a figure rounded twice could be narrowed down."""
    configured = getattr(settings, "FIGURES_CELL_KEY_SECRET", None)
    if configured is None:
        import environ

        configured = environ.Env().str("FIGURES_CELL_KEY_SECRET", default="")
    if configured:
        return str(configured).encode()
    return hashlib.sha256(f"figures-cell-key:{settings.SECRET_KEY}".encode()).digest()
