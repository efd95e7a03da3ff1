"""Two-factor authentication before personal data: who is sent to set it up, and going on after."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from migralocal.core.services import api_token_create
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import TEST_TOTP_SECRET, World, current_totp_code
from migralocal.core.two_factor import role_reaches_personal_data

SETUP_URL = "/es/accounts/2fa/totp/activate/"
ENROLMENT_URL = "/es/accounts/2fa/enrol/"
REACHES_PERSONAL_DATA = {"admin", "hub_staff", "other_hub_staff", "reviewer"}
ROLES = (
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "member",
    "reviewer",
    "trainer",
    "mentor",
    "programme_manager",
    "no_role",
)


def confirm_by_email_link(client: Client, mailoutbox: list) -> None:
    """Open the set-up page, then the link it e-mailed, and confirm, as the account's owner does."""
    assert client.get(ENROLMENT_URL).status_code == 200
    link = re.search(r"https?://\S+/accounts/2fa/enrol/\S+/", mailoutbox[-1].body)
    assert link, mailoutbox[-1].body
    path = urlsplit(link.group(0)).path
    assert client.get(path).status_code == 200
    assert client.post(path)["Location"] == SETUP_URL


def without_authenticator(world: World, role: str) -> Client:
    """Signed in with the password, as a person whose authenticator was never set up."""
    user = world.user(role)
    Authenticator.objects.filter(user=user).delete()
    client = Client()
    response = client.post("/es/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", ROLES)
def test_roles_that_reach_personal_data_need_two_factor(world: World, role: str) -> None:
    assert role_reaches_personal_data(world.user(role)) is (role in REACHES_PERSONAL_DATA)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_without_two_factor_is_or_is_not_sent_to_set_it_up(
    world: World, role: str
) -> None:
    response = without_authenticator(world, role).get("/es/me/")
    if role in REACHES_PERSONAL_DATA:
        assert response.status_code == 302, response
        assert response["Location"] == SETUP_URL
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", sorted(REACHES_PERSONAL_DATA))
def test_roles_with_two_factor_go_straight_in(world: World, role: str) -> None:
    client = Client()
    client.force_login(world.user(role))
    assert client.get("/es/me/").status_code == 200


def test_the_set_up_page_explains_why_in_the_persons_language(world: World) -> None:
    client = without_authenticator(world, "hub_staff")
    response = client.get("/es/consultations/", follow=True)
    # A password alone does not add a first authenticator: the e-mailed link is asked for first.
    assert response.redirect_chain[0][0] == SETUP_URL
    assert response.redirect_chain[-1][0] == ENROLMENT_URL
    assert "autenticación en dos pasos" in response.content.decode()
    english = client.get("/en/me/", follow=True).content.decode()
    assert "needs two-factor authentication" in english


def test_admin_and_organisation_pages_are_closed_until_set_up(world: World) -> None:
    client = without_authenticator(world, "admin")
    for url in ("/admin/", "/es/organisations/red-discreta/", "/es/directory/manage/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP_URL


def test_account_pages_and_sign_out_stay_open(world: World) -> None:
    client = without_authenticator(world, "reviewer")
    assert client.get("/es/accounts/2fa/").status_code == 200
    assert client.get(SETUP_URL)["Location"] == ENROLMENT_URL
    assert client.post("/es/accounts/logout/").status_code == 302
    assert client.get("/es/me/").status_code == 302  # signed out: to the sign-in page
    assert "/accounts/login/" in client.get("/es/me/")["Location"]


def test_after_setting_up_two_factor_the_person_goes_on(world: World, mailoutbox) -> None:
    client = without_authenticator(world, "hub_staff")
    assert client.get("/es/organisations/")["Location"] == SETUP_URL
    confirm_by_email_link(client, mailoutbox)
    # allauth asks for the password again before an authenticator is added.
    assert client.get(SETUP_URL)["Location"].startswith("/es/accounts/reauthenticate/")
    client.post("/es/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get(SETUP_URL)
    secret = page.context["form"].secret
    response = client.post(SETUP_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    assert 'href="/es/organisations/"' in codes_page.content.decode()
    assert client.get("/es/organisations/").status_code == 200
    assert Authenticator.objects.filter(
        user=world.user("hub_staff"), type=Authenticator.Type.TOTP
    ).exists()


def test_api_refuses_a_token_of_a_role_without_two_factor(world: World) -> None:
    user = world.user("reviewer")
    token = api_token_create(user=user)
    client = Client(headers={"Authorization": f"Token {token.key}"})
    assert client.get("/api/v1/organisations/").status_code == 200
    Authenticator.objects.filter(user=user).delete()
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "dos pasos" in response.json()["detail"]


def test_api_lets_roles_without_personal_data_in_without_two_factor(world: World) -> None:
    token = api_token_create(user=world.user("trainer"))
    client = Client(headers={"Authorization": f"Token {token.key}"})
    assert client.get("/api/v1/organisations/").status_code == 200


def test_the_rule_can_be_switched_off_for_a_laptop_demo(world: World, settings) -> None:
    settings.MFA_REQUIRED_FOR_PERSONAL_DATA = False
    assert without_authenticator(world, "hub_staff").get("/es/me/").status_code == 200


def test_world_authenticators_use_the_shared_test_secret(world: World) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    authenticator = Authenticator.objects.get(
        user=world.user("hub_staff"), type=Authenticator.Type.TOTP
    )
    assert TOTP(authenticator).validate_code(current_totp_code(TEST_TOTP_SECRET))


def test_the_admin_sign_in_form_cannot_skip_the_code(world: World) -> None:
    client = Client()
    response = client.post("/admin/login/", {"username": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/es/accounts/login/")
    assert "_auth_user_id" not in client.session
