"""A hub's staff member without two-factor authentication never sees identifying details."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.test import Client

from migralocal.consultations import services
from migralocal.consultations.permissions import may_read_identity
from migralocal.consultations.services import Identity
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import User
from migralocal.core.tests.world import World

NAME = "María López"


@pytest.fixture
def consultation(world: World, hubs, listings):
    own, _other = hubs
    return record(
        own,
        world.user("hub_staff"),
        referrals=(listings[0],),
        identity=Identity(consent_purpose="Follow-up call", name=NAME, contact="+504 9999-0000"),
    )


@pytest.fixture
def staff_without_two_factor(world: World, consultation):
    Authenticator.objects.filter(user=world.user("hub_staff")).delete()
    # A fresh object, as each request has: the one recording above remembers its authenticator.
    return User.objects.get(pk=world.user("hub_staff").pk)


def test_the_rule_refuses_identifying_details_without_two_factor(
    staff_without_two_factor, consultation
) -> None:
    assert not may_read_identity(staff_without_two_factor, consultation)
    with pytest.raises(PermissionDenied):
        services.identity_read(
            consultation=consultation, user=staff_without_two_factor, reason="follow_up"
        )


def test_the_same_staff_member_reads_them_once_two_factor_is_set_up(
    world: World, consultation
) -> None:
    user = world.user("hub_staff")
    assert may_read_identity(user, consultation)
    record_read = services.identity_read(consultation=consultation, user=user, reason="follow_up")
    assert record_read is not None and record_read.name == NAME


@pytest.mark.parametrize(
    "path",
    [
        "/es/consultations/{pk}/",
        "/es/consultations/{pk}/identity/",
        "/es/consultations/",
        "/es/consultations/hubs/{hub}/",
        "/es/consultations/hubs/{hub}/follow-ups/",
        "/es/consultations/hubs/{hub}/dashboard/",
    ],
)
def test_no_page_shows_identifying_details_without_two_factor(
    staff_without_two_factor, consultation, path: str
) -> None:
    client = Client()
    client.force_login(staff_without_two_factor)
    url = path.format(pk=consultation.pk, hub=consultation.hub.slug)
    for response in (client.get(url), client.post(url, {"reason": "follow_up"})):
        assert response.status_code == 302
        assert response["Location"] == "/es/accounts/2fa/totp/activate/"
        assert NAME not in response.content.decode()
