"""API tokens: only a digest is stored, the time of use is kept to the minute, and a token stops
working once its owner's password is changed, reset or removed, whichever way that happens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.forms import SetPasswordForm
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from migralocal.core import services
from migralocal.core.models import ApiToken, User
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import World

NEW_PASSWORD = "another-horse-battery-7"


def api_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def answers(key: str) -> int:
    return api_with(key).get("/api/v1/organisations/").status_code


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_only_a_digest_of_the_key_is_stored(world: World) -> None:
    issued = services.api_token_create(user=world.user("member"))
    row = ApiToken.objects.filter(user=world.user("member")).values().get()
    assert issued.key not in [str(value) for value in row.values()]
    assert row["key_digest"] == hashlib.sha256(issued.key.encode()).hexdigest()
    assert row["prefix"] == issued.key[:8]
    assert answers(issued.key) == 200


def test_an_unknown_key_is_refused(world: World) -> None:
    services.api_token_create(user=world.user("member"))
    assert answers("0" * 40) == 401


def test_a_password_change_through_the_service_path_stops_the_token(world: World) -> None:
    user = world.user("member")
    key = services.api_token_create(user=user).key
    assert answers(key) == 200
    user.set_password(NEW_PASSWORD)
    user.save(update_fields=["password"])  # even a save naming only the password
    assert services.api_token_authenticate(key=key) is None
    assert answers(key) == 401
    assert answers(services.api_token_create(user=fresh(user)).key) == 200


def test_a_password_set_by_an_admin_stops_the_token(world: World) -> None:
    """The admin's "change password" page and `manage.py changepassword` both end in
    `set_password` and `save`, as this form does."""
    user = world.user("trainer")
    key = services.api_token_create(user=user).key
    form = SetPasswordForm(
        fresh(user), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert answers(key) == 401


def test_a_removed_password_stops_the_token(world: World) -> None:
    user = world.user("trainer")
    key = services.api_token_create(user=user).key
    user.set_unusable_password()
    user.save()
    assert answers(key) == 401


def test_a_password_changed_on_the_account_page_stops_the_token(world: World) -> None:
    user = world.user("trainer")  # a role that needs no second factor on the pages
    key = services.api_token_create(user=user).key
    page = Client()
    page.force_login(user)
    response = page.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert fresh(user).check_password(NEW_PASSWORD)
    assert answers(key) == 401


def test_a_password_reset_by_e_mail_stops_the_token(world: World) -> None:
    user = world.user("member")
    key = services.api_token_create(user=user).key
    visitor = Client()
    visitor.post("/en/accounts/password/reset/", {"email": user.email})
    link = re.search(
        r"https?://[^/\s]+(/en/accounts/password/reset/key/\S+)", str(mail.outbox[0].body)
    )
    assert link is not None
    form_page = visitor.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = visitor.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert fresh(user).check_password(NEW_PASSWORD)
    assert answers(key) == 401


def test_signing_in_again_does_not_stop_the_token(world: World) -> None:
    user = world.user("trainer")
    key = services.api_token_create(user=user).key
    signed_in = Client().post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert fresh(user).last_login is not None  # the user row was saved
    assert answers(key) == 200


def test_an_inactive_owners_token_is_refused(world: World) -> None:
    user = world.user("member")
    key = services.api_token_create(user=user).key
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert answers(key) == 401


def test_the_time_of_use_is_written_at_most_once_a_minute(world: World) -> None:
    user = world.user("member")
    key = services.api_token_create(user=user).key
    assert ApiToken.objects.get(user=user).last_used_at is None
    assert answers(key) == 200
    first_use = ApiToken.objects.get(user=user).last_used_at
    assert first_use is not None
    assert abs(timezone.now() - first_use) < dt.timedelta(seconds=10)
    seconds_ago = timezone.now() - dt.timedelta(seconds=30)
    ApiToken.objects.filter(user=user).update(last_used_at=seconds_ago)
    answers(key)
    assert ApiToken.objects.get(user=user).last_used_at == seconds_ago
    minutes_ago = timezone.now() - dt.timedelta(minutes=2)
    ApiToken.objects.filter(user=user).update(last_used_at=minutes_ago)
    answers(key)
    last_use = ApiToken.objects.get(user=user).last_used_at
    assert last_use is not None and last_use > minutes_ago


def test_the_token_page_shows_the_prefix_and_the_last_use_never_the_key(world: World) -> None:
    user = world.user("trainer")
    page = Client()
    page.force_login(user)
    key = page.post("/en/me/api-token/", {"action": "create"}).context["new_key"]
    assert page.get("/en/me/api-token/").context["token"].last_used_at is None
    assert "never" in page.get("/en/me/api-token/").content.decode()
    answers(key)
    shown = page.get("/en/me/api-token/").content.decode()
    assert key not in shown
    assert f"{key[:8]}…" in shown
    assert "Last used" in shown and "never" not in shown
    assert "stopped working" not in shown
    spanish = page.get("/es/me/api-token/").content.decode()
    assert "Último uso" in spanish


def test_the_token_page_says_when_a_password_change_stopped_the_token(world: World) -> None:
    user = world.user("trainer")
    services.api_token_create(user=user)
    user.set_password(NEW_PASSWORD)
    user.save()
    page = Client()
    page.force_login(user)
    assert "dejó de funcionar" in page.get("/es/me/api-token/").content.decode()


def test_the_admin_lists_tokens_with_their_last_use(world: World) -> None:
    key = services.api_token_create(user=world.user("member")).key
    answers(key)
    admin = Client()
    admin.force_login(world.user("admin"))
    listing = admin.get("/admin/core/apitoken/").content.decode()
    assert key[:8] in listing
    assert key not in listing
    assert admin.get("/admin/core/apitoken/add/").status_code == 403


def test_the_migration_hashes_existing_plain_keys_and_drops_them(world: World) -> None:
    migration = __import__(
        "migralocal.core.migrations.0003_hashed_api_tokens", fromlist=["hash_plain_tokens"]
    )
    user = world.user("member")
    plain = "a" * 40
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created timestamp with time zone NOT NULL, user_id bigint NOT NULL)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created datetime NOT NULL, user_id bigint NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [plain, timezone.now() - dt.timedelta(days=3), user.pk],
        )
    schema_editor = SimpleNamespace(
        connection=connection,
        quote_name=connection.ops.quote_name,
        execute=lambda sql: connection.cursor().execute(sql),
    )
    migration.hash_plain_tokens(apps, schema_editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get(user=user)
    assert token.prefix == "aaaaaaaa"
    assert timezone.now() - token.created_at > dt.timedelta(days=2)
    assert answers(plain) == 200
    user.set_password(NEW_PASSWORD)
    user.save()
    assert answers(plain) == 401


@pytest.mark.parametrize("action", ["create", "revoke"])
def test_the_token_page_is_never_stored_by_a_cache(world: World, action: str) -> None:
    page = Client()
    page.force_login(world.user("trainer"))
    response = page.post("/en/me/api-token/", {"action": action})
    assert response["Cache-Control"] == "no-store, private"
