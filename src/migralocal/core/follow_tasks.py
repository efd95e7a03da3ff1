"""Background work of following: thin tasks that load by id and call a service."""

from __future__ import annotations

from django_tasks import task

from migralocal.core import follow_services
from migralocal.core.follow_models import Follow


@task()
def send_follow_confirmation(*, follow_id: int, site_url: str) -> None:
    follow = Follow.objects.filter(pk=follow_id).first()
    if follow is not None:
        follow_services.send_confirmation(follow=follow, site_url=site_url)


@task()
def send_follow_news(*, kind: str, object_id: int, news: str, site_url: str) -> None:
    follow_services.send_news(kind=kind, object_id=object_id, news=news, site_url=site_url)
