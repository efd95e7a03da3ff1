"""The roles of each signed-in person, kept in the shared cache between their requests.

Every signed-in page asks what its reader may do, and reading their memberships and programme
assignments was two queries on each request. A person's roles are kept under their id with the
*roles version*, a token that any change to a membership, a programme assignment (or its
countries), an organisation or a person's rights replaces: every process then reads the roles
again from the database, so a role granted or taken away counts from the next request on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from migralocal.core.models import Membership, Organisation, ProgrammeAssignment, User

T = TypeVar("T")
VERSION_KEY = "roles:version"
# Saves of a person that touch only these fields (every sign-in) change none of their rights.
IGNORED_USER_FIELDS = frozenset({"last_login", "password"})
TIMEOUT_SECONDS = 24 * 3600


def _entry_key(user_id: int, part: str = "") -> str:
    return f"roles:user:{user_id}:{part}" if part else f"roles:user:{user_id}"


def cached_roles(user_id: int, read: Callable[[], T], part: str = "") -> T:
    """The roles `read()` gives for this person, from the cache while no role anywhere changed;
    `part` names another reading of their roles, kept beside the first."""
    key = _entry_key(user_id, part)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    roles = read()
    cache.set(key, (version, roles), TIMEOUT_SECONDS)
    return roles


def roles_changed() -> None:
    """Every person's roles are read again on their next request, in every process."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _changed(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if sender is User and update_fields and set(update_fields) <= IGNORED_USER_FIELDS:
        return
    # Now, for this request; and after the commit, so that roles another process read from the
    # old rows meanwhile are not kept.
    roles_changed()
    transaction.on_commit(roles_changed, robust=True)


def changes_roles(model: type[Any]) -> None:
    """A role a module keeps in a model of its own (cash assistance staff): a change to it
    counts from the next request, as a membership's does. Called from the app's ready()."""
    uid = f"role_cache:{model._meta.label_lower}"
    post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}:delete")


def connect_signals() -> None:
    """Called once by the core app when Django starts."""
    for model in (Membership, ProgrammeAssignment, Organisation, User):
        uid = f"role_cache:{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}:delete")
    m2m_changed.connect(
        _changed, sender=ProgrammeAssignment.countries.through, dispatch_uid="role_cache:countries"
    )
