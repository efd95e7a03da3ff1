"""Signing in by e-mail, password reset, optional two-factor authentication, the console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import World, current_totp_code


def test_sign_in_by_email_opens_the_landing_page(world: World) -> None:
    response = Client().post(
        "/es/accounts/login/", {"login": "trainer@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/me/"


def test_wrong_password_is_refused_with_a_translated_message(world: World) -> None:
    response = Client().post(
        "/es/accounts/login/", {"login": "reviewer@example.org", "password": "wrong-password-1"}
    )
    assert response.status_code == 200
    assert "no son correctas" in response.content.decode()


def test_password_reset_sends_a_link(world: World) -> None:
    response = Client().post("/en/accounts/password/reset/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@example.org"]
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


def test_two_factor_is_offered_to_signed_in_users(world: World) -> None:
    client = Client()
    client.force_login(world.user("member"))
    response = client.get("/es/accounts/2fa/")
    assert response.status_code == 200
    assert 'href="/es/accounts/2fa/totp/activate/"' in response.content.decode()


def test_users_with_two_factor_must_give_a_code(world: World) -> None:
    user = world.user("hub_staff")
    client = Client()
    response = client.post("/es/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/2fa/authenticate/"
    assert client.get("/es/me/").status_code == 302  # not signed in until the code is given

    response = client.post("/es/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/es/me/"
    assert client.get("/es/me/").status_code == 200


def test_console_script_wraps_manage_py() -> None:
    script = shutil.which("migralocal", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run(
        [script, "help", "demo"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "demo account per role" in result.stdout
