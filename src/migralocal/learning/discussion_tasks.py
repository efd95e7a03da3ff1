"""Background work of discussions: thin tasks that load by id and call a service. Run
`manage.py send_discussion_digest` daily (cron, systemd timer…) to enqueue the digest."""

from __future__ import annotations

from django_tasks import task

from migralocal.learning import discussion_selectors, discussion_services
from migralocal.learning.models import DiscussionNotice


@task()
def send_discussion_notice(*, notice_id: int, site_url: str) -> None:
    notice = (
        DiscussionNotice.objects.select_related("user", "post__thread", "post__author")
        .filter(pk=notice_id)
        .first()
    )
    if notice is not None:
        discussion_services.discussion_notice_send(notice=notice, site_url=site_url)


@task()
def send_discussion_digest(*, site_url: str) -> int:
    return discussion_services.discussion_digest_send(
        notices=discussion_selectors.digest_notices(), site_url=site_url
    )
