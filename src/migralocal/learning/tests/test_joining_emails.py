"""The people who answer are told: the reviewers of an application's country when an
organisation applies, an organisation's administrators when someone asks to join it. Each
e-mail is in the recipient's language and says no more than a name, a country and a link."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.services import membership_grant, programme_role_grant
from migralocal.core.tests.factories import UserFactory
from migralocal.core.tests.world import World
from migralocal.learning import services
from migralocal.learning.tests.test_joining import apply

pytestmark = pytest.mark.django_db


def test_the_countrys_reviewers_are_told_of_a_new_application_in_their_language(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    spanish = UserFactory.create(email="revisora@example.org", preferred_language="es")
    english = UserFactory.create(email="reviewer-en@example.org", preferred_language="en")
    elsewhere = UserFactory.create(email="sv-reviewer@example.org", preferred_language="en")
    for user, country in ((spanish, world.honduras), (english, world.honduras)):
        programme_role_grant(user=user, role=ProgrammeRole.REVIEWER, countries=[country])
    programme_role_grant(user=elsewhere, role=ProgrammeRole.REVIEWER, countries=[world.el_salvador])
    applicant = UserFactory.create(email="applicant@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(world, applicant, contact_phone="+504 5555 0000")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "sv-reviewer@example.org" not in by_recipient
    assert "applicant@example.org" not in by_recipient
    in_spanish = by_recipient["revisora@example.org"]
    in_english = by_recipient["reviewer-en@example.org"]
    assert in_spanish.subject == (
        "Una organización solicita unirse a la comunidad: Red Comunitaria del Valle"
    )
    assert in_english.subject == (
        "An organisation applies to join the community: Red Comunitaria del Valle"
    )
    assert "Honduras" in in_english.body
    assert application.get_absolute_url() in in_english.body
    # No more than the name, country and link: the contact details stay behind the sign-in.
    for message in (in_spanish, in_english):
        assert "Rosa" not in message.body
        assert "5555" not in message.body
        assert "Acompañamos" not in message.body


def test_an_organisations_administrators_are_told_of_a_join_request(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    admin = UserFactory.create(email="admin-cso@example.org", preferred_language="es")
    membership_grant(
        user=admin, organisation=world.mexican_cso, role=OrganisationRole.ORGANISATION_ADMIN
    )
    plain_member = UserFactory.create(email="plain@example.org")
    membership_grant(
        user=plain_member,
        organisation=world.mexican_cso,
        role=OrganisationRole.ORGANISATION_MEMBER,
    )
    newcomer = UserFactory.create(email="newcomer@example.org", preferred_language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.join_request_submit(
            user=newcomer, organisation=world.mexican_cso, message="Coordino talleres."
        )
    recipients = {message.to[0] for message in mail.outbox}
    assert "admin-cso@example.org" in recipients
    assert "plain@example.org" not in recipients
    (sent,) = [message for message in mail.outbox if message.to == ["admin-cso@example.org"]]
    assert sent.subject.startswith("Alguien solicita unirse a ")
    assert join_request.get_absolute_url() in sent.body
    assert "Coordino" not in sent.body
