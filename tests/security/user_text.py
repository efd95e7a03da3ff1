"""Text that people type, found from the models.

Security tests overwrite every column a person can write (translations included) with hostile
text, so that a new field is covered without touching them, then read the pages, exports and API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import models

APPS = ("core", "directory", "consultations", "assessments", "learning", "commitments")

# Columns that are identifiers, codes or machine values, not text a person writes and reads.
NOT_USER_TEXT = {
    "slug",
    "code",
    "password",
    "email",
    "username",
    "language_code",
    "time_zone",
    "language",
    "languages",
    "key",
    "token",
    "number",
    "version",
    "iso_code",
    "instance_uuid",
    "filename",
    "file",
    "logo",
    "attachment",
    "letter",
    "content_type",
    "object_pk",
    "hsds_id",
    "country_code",
    "phone_country_code",
    "postal_code",
    "path",
    "ip_address",
    "reason",
    "preferred_language",
    "original_language",
    "timezone",
    "channels",
    "search_document",
    "wkst",
    "byday",
    "byweekno",
    "bymonthday",
    "byyearday",
    "currency",
    "choice",
}
# Encrypted at rest: the column holds ciphertext, never text typed into it.
NOT_USER_TEXT_MODELS = {"consultations.IdentityRecord", "core.AccessLog"}


def is_user_text(field: Any) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not field.primary_key
        and not field.unique
        and not field.choices
        and field.name not in NOT_USER_TEXT
        and not field.name.endswith(("_code", "_hash", "_id", "_key", "_token"))
        and not isinstance(field, models.SlugField | models.EmailField)
    )


def overwrite_user_text(value_for: Callable[[Any, int], str], kinds: int) -> list[str]:
    """Overwrite every user-written text column of every row: the rows of each table are dealt
    in turn into `kinds` groups, and group `k` gets `value_for(field, k)`. Returns the columns
    touched."""
    touched = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in NOT_USER_TEXT_MODELS:
                continue
            fields = [field for field in model._meta.concrete_fields if is_user_text(field)]
            for field in fields:
                manager = model._base_manager
                for kind in range(kinds):
                    rows = manager.all().values_list("pk", flat=True)
                    chosen = [pk for index, pk in enumerate(rows) if index % kinds == kind]
                    manager.filter(pk__in=chosen).update(**{field.name: value_for(field, kind)})
                touched.append(f"{model._meta.label}.{field.name}")
    cache.clear()
    return touched
