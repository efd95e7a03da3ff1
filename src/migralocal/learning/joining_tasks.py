"""Background work of community joining: tell the people who answer that something waits."""

from __future__ import annotations

from django_tasks import task

from migralocal.learning import joining_emails
from migralocal.learning.models import JoinRequest, OrganisationApplication


@task()
def send_new_application(*, application_id: int, site_url: str) -> None:
    application = (
        OrganisationApplication.objects.select_related("country").filter(pk=application_id).first()
    )
    if application is not None:
        joining_emails.send_new_application(application=application, site_url=site_url)


@task()
def send_new_join_request(*, join_request_id: int, site_url: str) -> None:
    join_request = (
        JoinRequest.objects.select_related("organisation").filter(pk=join_request_id).first()
    )
    if join_request is not None:
        joining_emails.send_new_join_request(join_request=join_request, site_url=site_url)
