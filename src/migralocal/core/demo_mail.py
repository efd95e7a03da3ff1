"""E-mail on a demo or a developer's machine: each message is printed on the console, as Django's
console backend does, and kept in a folder, so that a person trying the platform reads the last
ones on a page (`/es/demo/mail/`) and follows their links (confirm a commitment, reset a
password). Used only when DEBUG is on and no EMAIL_URL is set (settings.py)."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.utils import timezone

KEPT_MESSAGES = 50


def mail_folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


class DemoMailBackend(ConsoleBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        folder = mail_folder()
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            (folder / f"{stamp}.eml").write_bytes(message.message().as_bytes())
        for old in sorted(folder.glob("*.eml"))[:-KEPT_MESSAGES]:
            old.unlink(missing_ok=True)
        return sent


@dataclass(frozen=True)
class KeptMessage:
    sent_at: datetime
    recipients: str
    subject: str
    body: str


def _text_of(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def kept_messages() -> list[KeptMessage]:
    """The messages the demo backend kept, newest first."""
    messages = []
    for path in sorted(mail_folder().glob("*.eml"), reverse=True):
        # With the default policy the parser makes EmailMessage objects (typeshed says Message).
        parsed = cast(
            email.message.EmailMessage,
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default),
        )
        sent_at = datetime.strptime(path.stem, "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
        messages.append(
            KeptMessage(
                sent_at=sent_at,
                recipients=str(parsed["To"] or "").strip(),
                subject=str(parsed["Subject"] or "").strip(),
                body=_text_of(parsed),
            )
        )
    return messages


def demo_mail_enabled() -> bool:
    return settings.DEBUG and f"{__name__}.DemoMailBackend" == settings.EMAIL_BACKEND
