"""Two-factor that a password alone cannot pass: wrong codes lock the account from any address,
a first authenticator needs the e-mailed link or an admin's code, and secrets are encrypted."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.apps import apps
from django.contrib.messages import get_messages
from django.contrib.sessions.backends.db import SessionStore
from django.core.mail import EmailMessage
from django.http import HttpResponseBase
from django.test import Client
from django.utils import timezone

from migralocal.core import crypto, two_factor_enrolment, two_factor_lockout
from migralocal.core.models import AuthenticatorLockout, TwoFactorEnrolmentPass
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import TEST_TOTP_SECRET, World, current_totp_code
from migralocal.core.two_factor import authenticator_secrets_rotate

LOGIN_URL = "/es/accounts/login/"
CODE_STEP_URL = "/es/accounts/2fa/authenticate/"
SETUP_URL = "/es/accounts/2fa/totp/activate/"
ENROLMENT_URL = "/es/accounts/2fa/enrol/"
WRONG_CODE = "000000"

encrypt_secrets_migration = __import__(
    "migralocal.core.migrations.0005_encrypt_authenticator_secrets", fromlist=["encrypt_secrets"]
)


def at_code_step(email: str, address: str) -> Client:
    """A client that gave the right password from `address` and is asked for the code."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN_URL, {"login": email, "password": PASSWORD})
    assert response["Location"] == CODE_STEP_URL
    return client


def without_authenticator(world: World, role: str) -> Client:
    user = world.user(role)
    Authenticator.objects.filter(user=user).delete()
    client = Client()
    assert client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD}).status_code == 302
    return client


def reauthenticated(client: Client) -> Client:
    """allauth asks for the password again before an authenticator is added."""
    client.post("/es/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def activate(client: Client) -> HttpResponseBase:
    secret = client.get(SETUP_URL).context["form"].secret
    return client.post(SETUP_URL, {"code": current_totp_code(secret)})


# Wrong codes lock the account --------------------------------------------------------------


def test_wrong_codes_lock_the_account_after_the_limit(world: World, settings) -> None:
    settings.MFA_FAILURE_LIMIT = 3
    user = world.user("reviewer")
    assert two_factor_lockout.record_wrong_code(user) is False
    assert two_factor_lockout.record_wrong_code(user) is False
    assert not two_factor_lockout.is_locked(user)
    assert two_factor_lockout.record_wrong_code(user) is True
    assert two_factor_lockout.is_locked(user)
    # Further wrong codes while locked neither lock again nor extend the lock.
    until = two_factor_lockout.locked_until(user)
    assert two_factor_lockout.record_wrong_code(user) is False
    assert two_factor_lockout.locked_until(user) == until


def test_wrong_codes_further_apart_than_the_window_do_not_add_up(world: World, settings) -> None:
    settings.MFA_FAILURE_LIMIT = 2
    settings.MFA_FAILURE_WINDOW_MINUTES = 15
    user = world.user("reviewer")
    start = timezone.now()
    assert two_factor_lockout.record_wrong_code(user, now=start) is False
    assert two_factor_lockout.record_wrong_code(user, now=start + timedelta(minutes=16)) is False
    assert two_factor_lockout.record_wrong_code(user, now=start + timedelta(minutes=17)) is True


def test_the_lock_ends_after_the_lockout_time(world: World, settings) -> None:
    settings.MFA_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = 0.25  # hours
    user = world.user("reviewer")
    start = timezone.now()
    two_factor_lockout.record_wrong_code(user, now=start)
    assert two_factor_lockout.locked_until(user, now=start + timedelta(minutes=14))
    assert two_factor_lockout.locked_until(user, now=start + timedelta(minutes=16)) is None


def test_wrong_codes_from_several_addresses_lock_the_account(
    world: World, settings, mailoutbox
) -> None:
    settings.MFA_FAILURE_LIMIT = 5
    user = world.user("hub_staff")
    for number in range(5):
        client = at_code_step(user.email, f"10.0.{number}.1")
        response = client.post(CODE_STEP_URL, {"code": WRONG_CODE})
        assert response.status_code == 200
    assert two_factor_lockout.is_locked(user)

    # The right password, from yet another address, meets the lock page.
    fresh = Client(REMOTE_ADDR="10.9.9.9")
    response = fresh.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "bloqueada" in response.content.decode()
    assert fresh.get("/es/me/").status_code == 302

    # Someone already at the code step is refused the right code too.
    response = client.post(CODE_STEP_URL, {"code": current_totp_code()})
    assert response.status_code == 200
    assert "bloqueada" in response.content.decode()
    assert client.get("/es/me/").status_code == 302

    # The owner was told once, in their language.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert "bloqueó" in mailoutbox[0].subject
    assert "administrador" in mailoutbox[0].body


def test_the_lock_e_mail_speaks_the_owners_language(world: World, settings, mailoutbox) -> None:
    settings.MFA_FAILURE_LIMIT = 1
    user = world.user("reviewer")
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    at_code_step(user.email, "10.0.0.1").post(CODE_STEP_URL, {"code": WRONG_CODE})
    assert [mail.subject for mail in mailoutbox] == [
        "Your account was locked after wrong authenticator codes"
    ]
    assert "platform administrator" in mailoutbox[0].body


def test_an_admin_lifts_the_lock_in_the_admin(world: World, settings) -> None:
    settings.MFA_FAILURE_LIMIT = 1
    user = world.user("hub_staff")
    at_code_step(user.email, "10.0.0.1").post(CODE_STEP_URL, {"code": WRONG_CODE})
    lockout = AuthenticatorLockout.objects.get(user=user)
    admin = Client()
    admin.force_login(world.user("admin"))
    assert (
        "hub_staff@example.org" in admin.get("/admin/core/authenticatorlockout/").content.decode()
    )
    response = admin.post(f"/admin/core/authenticatorlockout/{lockout.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not two_factor_lockout.is_locked(user)

    client = at_code_step(user.email, "10.0.0.2")
    response = client.post(CODE_STEP_URL, {"code": current_totp_code()})
    assert response["Location"] == "/es/me/"


def test_a_right_code_before_the_limit_signs_in(world: World, settings) -> None:
    settings.MFA_FAILURE_LIMIT = 5
    user = world.user("hub_staff")
    client = at_code_step(user.email, "10.0.0.1")
    client.post(CODE_STEP_URL, {"code": WRONG_CODE})
    response = client.post(CODE_STEP_URL, {"code": current_totp_code()})
    assert response["Location"] == "/es/me/"
    assert AuthenticatorLockout.objects.get(user=user).failures == 1


# A first authenticator needs the e-mailed link or an admin's code ----------------------------


def link_path(mail: EmailMessage) -> str:
    found = re.search(r"https?://\S+/accounts/2fa/enrol/\S+/", str(mail.body))
    assert found, mail.body
    return urlsplit(found.group(0)).path


def test_a_password_alone_does_not_reach_the_set_up_page(world: World, mailoutbox) -> None:
    client = without_authenticator(world, "hub_staff")
    assert client.get(SETUP_URL)["Location"] == ENROLMENT_URL
    # Posting a code to the set-up page directly adds nothing either.
    reauthenticated(client)
    response = client.post(SETUP_URL, {"code": current_totp_code(TEST_TOTP_SECRET)})
    assert response["Location"] == ENROLMENT_URL
    assert not Authenticator.objects.filter(user=world.user("hub_staff")).exists()

    page = client.get(ENROLMENT_URL)
    assert page.status_code == 200
    assert "hub_staff@example.org" in page.content.decode()
    assert "Enviamos un enlace" in page.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["hub_staff@example.org"]


def test_the_e_mailed_link_opens_the_set_up_in_the_same_session(world: World, mailoutbox) -> None:
    client = without_authenticator(world, "hub_staff")
    client.get(ENROLMENT_URL)
    path = link_path(mailoutbox[-1])
    # Opening the link only asks to confirm: mail scanners that open links do not use it up.
    assert client.get(path).status_code == 200
    assert client.get(SETUP_URL)["Location"] == ENROLMENT_URL
    assert client.post(path)["Location"] == SETUP_URL
    reauthenticated(client)
    assert activate(client).status_code == 302
    assert Authenticator.objects.filter(
        user=world.user("hub_staff"), type=Authenticator.Type.TOTP
    ).exists()


def test_the_link_works_once_and_only_for_its_account(world: World, mailoutbox) -> None:
    client = without_authenticator(world, "hub_staff")
    client.get(ENROLMENT_URL)
    path = link_path(mailoutbox[-1])

    other = without_authenticator(world, "reviewer")
    response = other.post(path)
    assert response["Location"] == ENROLMENT_URL
    assert other.get(SETUP_URL)["Location"] == ENROLMENT_URL

    assert client.post(path)["Location"] == SETUP_URL
    second = Client()
    second.post(LOGIN_URL, {"login": "hub_staff@example.org", "password": PASSWORD})
    assert second.post(path)["Location"] == ENROLMENT_URL  # used already
    assert second.get(SETUP_URL)["Location"] == ENROLMENT_URL


def test_link_service_single_use_expiry_and_tampering(world: World, settings, mailoutbox) -> None:
    user = world.user("reviewer")
    assert two_factor_enrolment.send_link(user, site_url="https://example.org")
    token = link_path(mailoutbox[-1]).rstrip("/").rsplit("/", 1)[1]
    stored = TwoFactorEnrolmentPass.objects.get(user=user)
    assert token.split(":")[0] not in stored.secret_hash

    assert not two_factor_enrolment.redeem_link(user, token + "x", SessionStore())
    assert not two_factor_enrolment.redeem_link(world.user("admin"), token, SessionStore())
    session = SessionStore()
    assert two_factor_enrolment.redeem_link(user, token, session)
    assert not two_factor_enrolment.needs_confirmation(user, session)
    assert not two_factor_enrolment.redeem_link(user, token, SessionStore())

    two_factor_enrolment.send_link(user, site_url="https://example.org")
    late = link_path(mailoutbox[-1]).rstrip("/").rsplit("/", 1)[1]
    TwoFactorEnrolmentPass.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert not two_factor_enrolment.redeem_link(user, late, SessionStore())


def test_admin_code_service_is_hashed_single_use_and_expires(world: World) -> None:
    user = world.user("hub_staff")
    code = two_factor_enrolment.create_admin_code(user, by=world.user("admin"))
    stored = TwoFactorEnrolmentPass.objects.get(user=user)
    assert code not in stored.secret_hash
    assert stored.kind == TwoFactorEnrolmentPass.Kind.ADMIN_CODE
    assert not two_factor_enrolment.redeem_code(world.user("reviewer"), code, SessionStore())
    spaced = f"{code[:4].lower()} {code[4:8]}-{code[8:]}"
    assert two_factor_enrolment.redeem_code(user, spaced, SessionStore())
    assert not two_factor_enrolment.redeem_code(user, code, SessionStore())

    expired = two_factor_enrolment.create_admin_code(user, by=world.user("admin"))
    TwoFactorEnrolmentPass.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert not two_factor_enrolment.redeem_code(user, expired, SessionStore())


def test_an_admin_generates_a_code_that_opens_the_set_up(world: World) -> None:
    staff = world.user("hub_staff")
    client = without_authenticator(world, "hub_staff")
    admin = Client()
    admin.force_login(world.user("admin"))
    response = admin.post(
        "/admin/core/user/",
        {"action": "generate_two_factor_enrolment_code", "_selected_action": [staff.pk]},
        follow=True,
    )
    notices = [str(message) for message in get_messages(response.wsgi_request)]
    found = re.search(r"hub_staff@example.org: ([A-Z0-9]{12})", " ".join(notices))
    assert found, notices
    code = found.group(1)

    wrong = client.post(ENROLMENT_URL, {"action": "code", "code": "WRONGCODE123"})
    assert wrong.status_code == 200
    assert "no es válido" in wrong.content.decode()
    response = client.post(ENROLMENT_URL, {"action": "code", "code": code})
    assert response["Location"] == SETUP_URL
    reauthenticated(client)
    assert activate(client).status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_roles_without_personal_data_set_up_without_confirmation(world: World) -> None:
    client = without_authenticator(world, "member")
    response = client.get(SETUP_URL)
    assert response["Location"].startswith("/es/accounts/reauthenticate/")


def test_the_owner_hears_of_a_new_authenticator_and_new_recovery_codes(
    world: World, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    user = world.user("member")
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client = reauthenticated(without_authenticator(world, "member"))
    with django_capture_on_commit_callbacks(execute=True):
        assert activate(client).status_code == 302
    assert [mail.subject for mail in mailoutbox] == [
        "An authenticator app was added to your account"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/accounts/2fa/recovery-codes/generate/")
    assert response.status_code == 302
    assert mailoutbox[-1].subject == "New recovery codes were generated for your account"
    assert len(mailoutbox) == 2


# Secrets are stored encrypted ---------------------------------------------------------------


def test_authenticator_secrets_are_stored_encrypted(world: World) -> None:
    totp = Authenticator.objects.get(user=world.user("hub_staff"), type=Authenticator.Type.TOTP)
    stored = totp.data["secret"]
    assert TEST_TOTP_SECRET not in stored
    assert crypto.decrypt(stored) == TEST_TOTP_SECRET
    codes = RecoveryCodes.activate(world.user("hub_staff")).instance
    assert len(crypto.decrypt(codes.data["seed"])) == 80


def test_the_migration_encrypts_plain_secrets_once_and_reverses(world: World) -> None:
    user = world.user("reviewer")
    Authenticator.objects.filter(user=user).update(data={"secret": TEST_TOTP_SECRET})
    encrypt_secrets_migration.encrypt_secrets(apps, None)
    encrypt_secrets_migration.encrypt_secrets(apps, None)  # run twice: still one layer
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert crypto.decrypt(totp.data["secret"]) == TEST_TOTP_SECRET
    assert TOTP(totp).validate_code(current_totp_code(TEST_TOTP_SECRET))

    encrypt_secrets_migration.decrypt_secrets(apps, None)
    totp.refresh_from_db()
    assert totp.data["secret"] == TEST_TOTP_SECRET


def test_rotation_encrypts_secrets_again_with_the_newest_key(world: World, settings) -> None:
    old_key = crypto.encryption_keys()[0]
    new_key = Fernet.generate_key().decode()
    settings.CONSULTATIONS_ENCRYPTION_KEYS = [new_key, old_key]
    rotated, unreadable = authenticator_secrets_rotate()
    assert rotated >= 1
    assert unreadable == 0
    settings.CONSULTATIONS_ENCRYPTION_KEYS = [new_key]
    totp = Authenticator.objects.get(user=world.user("hub_staff"), type=Authenticator.Type.TOTP)
    assert TOTP(totp).validate_code(current_totp_code(TEST_TOTP_SECRET))


@pytest.mark.parametrize("role", ["admin", "hub_staff", "reviewer"])
def test_demo_like_accounts_sign_in_with_an_encrypted_secret(world: World, role: str) -> None:
    client = at_code_step(world.user(role).email, "10.0.0.1")
    assert client.post(CODE_STEP_URL, {"code": current_totp_code()}).status_code == 302


def test_rotation_leaves_secrets_no_listed_key_opens_and_counts_them(
    world: World, settings
) -> None:
    settings.CONSULTATIONS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    before = Authenticator.objects.get(user=world.user("admin"), type=Authenticator.Type.TOTP)
    rotated, unreadable = authenticator_secrets_rotate()
    assert rotated == 0
    assert unreadable == Authenticator.objects.count()
    after = Authenticator.objects.get(pk=before.pk)
    assert after.data == before.data
