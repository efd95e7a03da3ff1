"""On a demo, the e-mails the platform sends are printed and kept for a page to list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from migralocal.core import demo_mail

DEMO_BACKEND = "migralocal.core.demo_mail.DemoMailBackend"


@pytest.fixture
def demo_mail_settings(settings, tmp_path: Path) -> Path:
    settings.DEBUG = True
    settings.EMAIL_BACKEND = DEMO_BACKEND
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


def test_a_sent_message_is_printed_and_kept(demo_mail_settings: Path, capsys) -> None:
    mail.send_mail(
        "Confirme su compromiso", "Abra https://example.org/c/abc/", None, ["ana@example.org"]
    )

    assert "Confirme su compromiso" in capsys.readouterr().out
    [kept] = demo_mail.kept_messages()
    assert kept.subject == "Confirme su compromiso"
    assert kept.recipients == "ana@example.org"
    assert "https://example.org/c/abc/" in kept.body


def test_only_the_last_messages_are_kept_newest_first(demo_mail_settings: Path, capsys) -> None:
    for number in range(demo_mail.KEPT_MESSAGES + 3):
        mail.send_mail(f"Mensaje {number}", "Texto", None, ["ana@example.org"])

    kept = demo_mail.kept_messages()
    assert len(kept) == demo_mail.KEPT_MESSAGES
    assert kept[0].subject == f"Mensaje {demo_mail.KEPT_MESSAGES + 2}"
    assert len(list(demo_mail_settings.glob("*.eml"))) == demo_mail.KEPT_MESSAGES


@pytest.mark.django_db
def test_the_page_lists_the_messages_with_links_to_follow(demo_mail_settings: Path, capsys) -> None:
    mail.send_mail("Restablecer contraseña", "https://example.org/r/xyz/", None, ["a@example.org"])

    page = Client().get("/es/demo/mail/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "Restablecer contraseña" in body
    assert '<a href="https://example.org/r/xyz/"' in body


@pytest.mark.django_db
def test_the_page_does_not_exist_without_the_demo_backend(settings) -> None:
    settings.DEBUG = True  # a developer with a real mail server configured
    assert Client().get("/es/demo/mail/").status_code == 404
    settings.DEBUG = False
    settings.EMAIL_BACKEND = DEMO_BACKEND
    assert Client().get("/es/demo/mail/").status_code == 404
