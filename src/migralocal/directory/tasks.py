"""Background work of the directory. Run `manage.py directory_remind_stale` daily (cron, systemd
timer…) to enqueue the reminder; the tasks worker sends it."""

from __future__ import annotations

from django_tasks import task

from migralocal.directory import selectors, services


@task()
def remind_stale_listings() -> int:
    """List, for each hub's staff, the hub's listings not verified for over six months."""
    return services.stale_listings_notify(grouped=selectors.stale_listings_by_hub())
