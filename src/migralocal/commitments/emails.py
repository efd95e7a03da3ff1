"""The e-mails a submitter receives, in the language they wrote in."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from migralocal.commitments import tokens
from migralocal.commitments.models import Commitment, ModerationDecision

CONFIRM = "confirm"
CHANGES_REQUESTED = "changes_requested"
VERIFIED = "verified"
REJECTED = "rejected"
KINDS = (CONFIRM, CHANGES_REQUESTED, VERIFIED, REJECTED)


def recipient_of(commitment: Commitment) -> str:
    if commitment.submitter_email:
        return commitment.submitter_email
    return commitment.submitted_by.email if commitment.submitted_by else ""


def _subject(kind: str, title: str) -> str:
    subjects = {
        CONFIRM: _("Please confirm your submission: %(title)s"),
        CHANGES_REQUESTED: _("A reviewer asks for changes: %(title)s"),
        VERIFIED: _("Your entry was verified: %(title)s"),
        REJECTED: _("Your entry was not published: %(title)s"),
    }
    return subjects[kind] % {"title": title}


def _link(kind: str, commitment: Commitment, decision: ModerationDecision | None) -> str:
    if kind == CONFIRM:
        return reverse(
            "commitments:confirm", kwargs={"token": tokens.confirmation_token(commitment)}
        )
    if kind == CHANGES_REQUESTED and decision is not None:
        return reverse(
            "commitments:edit_with_link", kwargs={"token": tokens.edit_token(commitment, decision)}
        )
    return commitment.get_absolute_url()


def send_commitment_email(
    *, kind: str, commitment: Commitment, site_url: str, decision: ModerationDecision | None
) -> None:
    """Send the `kind` e-mail about `commitment` to whoever submitted it."""
    recipient = recipient_of(commitment)
    if not recipient:
        return
    with translation.override(commitment.original_language or None):
        title = str(commitment.safe_translation_getter("title", any_language=True) or "")
        context = {
            "commitment": commitment,
            "title": title,
            "link": site_url.rstrip("/") + _link(kind, commitment, decision),
            "message": decision.message if decision else "",
        }
        body = render_to_string(f"commitments/emails/{kind}.txt", context)
        send_mail(_subject(kind, title), body, None, [recipient])
