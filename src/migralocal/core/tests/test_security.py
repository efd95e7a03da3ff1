"""Sign-in lock-out, password rules, session expiry, security headers and `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import World

LOGIN_URL = "/es/accounts/login/"


def fail_to_sign_in(client: Client, email: str, times: int) -> None:
    for _attempt in range(times):
        client.post(LOGIN_URL, {"login": email, "password": "not-the-password"})


# Lock-out ---------------------------------------------------------------------------------------


def test_repeated_failures_lock_the_account_out_with_a_translated_page(
    world: World, settings
) -> None:
    client = Client()
    fail_to_sign_in(client, "trainer@example.org", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN_URL, {"login": "trainer@example.org", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Demasiados intentos fallidos" in page
    assert "15 minutos" in page
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(world: World, settings) -> None:
    client = Client()
    fail_to_sign_in(client, "trainer@example.org", settings.AXES_FAILURE_LIMIT - 1)
    response = client.post(LOGIN_URL, {"login": "trainer@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/es/me/"


def test_lock_out_is_per_account_and_address(world: World, settings) -> None:
    fail_to_sign_in(Client(), "trainer@example.org", settings.AXES_FAILURE_LIMIT)
    other_account = Client().post(LOGIN_URL, {"login": "mentor@example.org", "password": PASSWORD})
    assert other_account.status_code == 302
    other_address = Client(REMOTE_ADDR="10.0.0.9").post(
        LOGIN_URL, {"login": "trainer@example.org", "password": PASSWORD}
    )
    assert other_address.status_code == 302


def test_a_lock_out_ends_after_the_cool_off(world: World, settings) -> None:
    client = Client()
    fail_to_sign_in(client, "trainer@example.org", settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time.replace(year=2000)
    )
    response = client.post(LOGIN_URL, {"login": "trainer@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_an_admin_lifts_a_lock_out(world: World, settings) -> None:
    client = Client()
    fail_to_sign_in(client, "trainer@example.org", settings.AXES_FAILURE_LIMIT)
    assert AccessAttempt.objects.filter(username="trainer@example.org").exists()
    admin = Client()
    admin.force_login(world.user("admin"))
    assert admin.get("/admin/axes/accessattempt/").status_code == 200
    call_command("axes_reset_username", "trainer@example.org", verbosity=0)
    response = client.post(LOGIN_URL, {"login": "trainer@example.org", "password": PASSWORD})
    assert response.status_code == 302


# Passwords (NIST SP 800-63B) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        DEMO_PASSWORD,
        "correct horse battery staple",  # no composition rules: lowercase words are fine
        "una frase larga que recuerdo bien " * 2,  # a 68-character passphrase
        "x7#Kq!v9Lm2@",  # exactly the minimum length
    ],
)
def test_good_passwords_are_accepted(password: str) -> None:
    validate_password(password)


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short-pass1", "password_too_short"),  # 11 characters
        ("password1234", "password_too_common"),
        ("123456789012345", "password_entirely_numeric"),
        ("p" * 129, "password_too_long"),
    ],
)
def test_bad_passwords_are_refused(password: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert code in [error.code for error in refused.value.error_list]


def test_sign_up_explains_a_refused_password_in_spanish(db: None) -> None:
    response = Client().post(
        "/es/accounts/signup/",
        {"email": "nueva@example.org", "password1": "short-pass1", "password2": "short-pass1"},
    )
    assert response.status_code == 200
    assert "demasiado corta" in response.content.decode()


# Sessions ---------------------------------------------------------------------------------------


def signed_in_client(world: World) -> Client:
    client = Client()
    client.force_login(world.user("trainer"))
    assert client.get("/es/me/").status_code == 200
    return client


def shift_session(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def test_a_session_ends_after_the_idle_timeout(world: World, settings) -> None:
    client = signed_in_client(world)
    shift_session(client, LAST_SEEN_AT, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get("/es/me/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_activity_keeps_a_session_alive(world: World, settings) -> None:
    client = signed_in_client(world)
    shift_session(client, LAST_SEEN_AT, settings.SESSION_IDLE_SECONDS - 120)
    assert client.get("/es/me/").status_code == 200
    assert client.session[LAST_SEEN_AT] >= int(time.time()) - 5
    assert client.get("/es/me/").status_code == 200


def test_a_session_ends_after_its_maximum_age_however_active(world: World, settings) -> None:
    client = signed_in_client(world)
    shift_session(client, SIGNED_IN_AT, settings.SESSION_MAX_SECONDS + 1)
    assert client.get("/es/me/").status_code == 302


# Headers ----------------------------------------------------------------------------------------


def test_pages_carry_the_security_headers(db: None) -> None:
    response = Client().get("/es/", secure=True)
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_cookies_are_http_only_and_same_site(world: World) -> None:
    client = Client()
    response = client.post(LOGIN_URL, {"login": "trainer@example.org", "password": PASSWORD})
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"


def test_only_the_api_documentation_relaxes_styles(db: None) -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "<script>" not in response.content.decode()


def test_no_template_has_inline_script_or_handlers() -> None:
    from pathlib import Path

    import migralocal

    package = Path(migralocal.__file__).parent
    offending = []
    for template in package.rglob("templates/**/*.html"):
        if template.name.endswith("_pdf.html"):  # rendered to PDF by WeasyPrint, never served
            continue
        text = template.read_text()
        for marker in ("<script>", " onclick=", " onchange=", " onsubmit=", " style=", "<style"):
            if marker in text:
                offending.append(f"{template.relative_to(package)}: {marker.strip()}")
    assert offending == []


# check --deploy -------------------------------------------------------------------------------


def test_check_deploy_is_clean_with_production_settings(tmp_path) -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "migralocal.settings",
            "DEBUG": "false",
            "SECRET_KEY": "k" + "3x9Qv!pL0z#Rt7wYb2Nc$Hs8Fj5Md1Ga" * 2,
            "ALLOWED_HOSTS": "migralocal.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
            "MIGRALOCAL_VAR_DIR": str(tmp_path),
            "NUM_PROXIES": "1",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "DEBUG"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
