"""Send the reports' reads to the read replica, when DATABASE_REPLICA_URL configures one.

Installed by settings only when a replica exists. Figures read a lot and may be a few seconds
behind; every write, and every other read, stays on the primary. Code that computes figures opts
in for a block of reads with `with replica_reads(): ...` (the programme dashboard and the
consultation figures do). Nothing else does: a page that shows a row just written (an export's
progress, say) must not read a replica that has not caught up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Read from the replica inside this block (writes still go to the primary)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def replica_alias() -> str:
    """The database that reports read from: the replica when one is configured."""
    return REPLICA if REPLICA in settings.DATABASES else PRIMARY


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _reading_from_replica.get():
            return replica_alias()
        return PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # Both databases hold the same rows: a row read from one may point at one from the other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica follows the primary through replication, never through migrations.
        return db == PRIMARY
