"""Who changed what: every domain model is on the audit trail, and reads are logged apart."""

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps

from migralocal.core.tests.world import World

# Logs themselves are append-only records, not domain data to audit.
NOT_AUDITED = {"core.AccessLog"}


def domain_models() -> list[str]:
    return [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("migralocal.")
    ]


def test_every_domain_model_is_audited() -> None:
    missing = [
        label
        for label in domain_models()
        if label not in NOT_AUDITED and not auditlog.contains(apps.get_model(label))
    ]
    assert missing == []


@pytest.mark.django_db
def test_changing_an_organisation_records_who_and_what(world: World) -> None:
    from auditlog.context import set_actor

    organisation = world.mexican_cso
    with set_actor(world.user("member")):
        organisation.website = "https://caminos.example.org"
        organisation.save()
    entry = LogEntry.objects.get_for_object(organisation).latest("timestamp")
    assert entry.actor == world.user("member")
    assert entry.changes_dict["website"] == ["", "https://caminos.example.org"]
