"""Writes of the commitments module: submission, confirmation, moderation, flags, updates.

Every function here is the one place its rule lives; views, the admin, the demo and tests call it.
The moderation state machine:

    awaiting_confirmation --confirm e-mail--> pending (public, "not verified")
    signed-in submission ------------------> pending
    pending  --verify--> verified            pending|verified --request changes--> changes_requested
    changes_requested --submitter edits--> pending
    pending|verified|changes_requested --reject--> rejected
    3 open flags hide a public entry until a reviewer verifies, dismisses the flags or rejects it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from migralocal.commitments import emails, follow_targets, spam
from migralocal.commitments.models import (
    Attachment,
    Commitment,
    Flag,
    ModerationDecision,
    ModerationState,
    ProgressUpdate,
)
from migralocal.commitments.tasks import send_commitment_email
from migralocal.core import uploads
from migralocal.core.follow_services import followers_announce
from migralocal.core.models import Actor, Country, Organisation, TaxonomyTerm, User
from migralocal.core.permissions import require

FLAGS_TO_HIDE = 3
MAX_TITLE = 200
MAX_SUMMARY = 500
MAX_DESCRIPTION = 20_000
MAX_UPDATE_TEXT = 5_000
RESERVED_SLUGS = {"submit", "review", "feed", "confirm", "edit", "export", "attachments", "thanks"}


@dataclass(frozen=True)
class CommitmentText:
    title: str
    summary: str
    description: str = ""


@dataclass(frozen=True)
class CommitmentContent:
    """Everything a submitter describes; `texts` maps a language code to the text in it."""

    kind: str
    status: str
    texts: dict[str, CommitmentText]
    objectives: Sequence[TaxonomyTerm]
    organisation: Organisation | None = None
    organisation_name: str = ""
    country: Country | None = None
    themes: Sequence[TaxonomyTerm] = field(default_factory=tuple)
    sdgs: Sequence[TaxonomyTerm] = field(default_factory=tuple)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    partners: str = ""
    funding_sources: str = ""
    links: str = ""


def _site_url(site_url: str | None) -> str:
    return site_url or settings.SITE_URL


def check_period(start: datetime.date | None, end: datetime.date | None) -> None:
    """An entry cannot end before it starts."""
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end cannot be before the start.")})


def _check_content(content: CommitmentContent, language: str) -> None:
    errors: dict[str, Any] = {}
    if content.organisation is None and not content.organisation_name.strip():
        errors["organisation_name"] = _("Choose the city or organisation, or write its name.")
    if content.organisation is None and content.country is None:
        errors["country"] = _("Say which country the city or organisation is in.")
    if (
        content.organisation is not None
        and content.country is not None
        and content.country.pk != content.organisation.country_id
    ):
        errors["country"] = _("The country must be the organisation's own country.")
    if not content.objectives:
        errors["objectives"] = _("Choose at least one Global Compact objective.")
    try:
        check_period(content.start_date, content.end_date)
    except ValidationError as error:
        errors.update(error.message_dict)
    text = content.texts.get(language)
    if text is None or not text.title.strip():
        errors["title"] = _("A title is required.")
    elif not text.summary.strip():
        errors["summary"] = _("A summary is required.")
    for written in content.texts.values():
        if len(written.title) > MAX_TITLE or len(written.summary) > MAX_SUMMARY:
            errors["summary"] = _("The title or summary is too long.")
        if len(written.description) > MAX_DESCRIPTION:
            errors["description"] = _(
                "The description is too long: at most %(limit)d characters."
            ) % {"limit": MAX_DESCRIPTION}
    if errors:
        raise ValidationError(errors)


def checked_attachment(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; a clear error for a large or unknown file."""
    if (upload.size or 0) > spam.MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": upload.name, "limit": spam.MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    content_type = spam.detected_content_type(upload)
    if content_type is None:
        raise ValidationError(_("%(name)s is not a PDF, PNG or JPEG file.") % {"name": upload.name})
    if content_type.startswith("image/"):
        # A PNG or JPEG header on a broken or enormous image is not enough.
        uploads.check_image(upload, content_type.replace("image/", "."))
    return content_type


def _check_attachments(commitment: Commitment | None, uploads: Sequence[UploadedFile]) -> list:
    existing = commitment.attachments.count() if commitment and commitment.pk else 0
    if existing + len(uploads) > spam.MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "attachments": _("At most %(limit)d files per entry.")
                % {"limit": spam.MAX_ATTACHMENTS}
            }
        )
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, checked_attachment(upload)))
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages}) from error
    return checked


def _unique_slug(title: str) -> str:
    base = slugify(title)[:80].strip("-") or "commitment"
    candidate, number = base, 2
    while candidate in RESERVED_SLUGS or Commitment.objects.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _apply_content(commitment: Commitment, content: CommitmentContent) -> None:
    commitment.kind = content.kind
    commitment.status = content.status
    commitment.organisation = content.organisation
    commitment.organisation_name = "" if content.organisation else content.organisation_name.strip()
    commitment.country = content.organisation.country if content.organisation else content.country
    commitment.start_date = content.start_date
    commitment.end_date = content.end_date
    commitment.partners = content.partners.strip()
    commitment.funding_sources = content.funding_sources.strip()
    commitment.links = content.links.strip()
    for language, text in content.texts.items():
        if not text.title.strip():
            continue
        commitment.set_current_language(language)
        commitment.title = text.title.strip()
        commitment.summary = text.summary.strip()
        commitment.description = text.description.strip()
    commitment.save()
    commitment.themes.set(list(content.themes))
    commitment.objectives.set(list(content.objectives))
    commitment.sdgs.set(list(content.sdgs))


def _save_attachments(commitment: Commitment, checked: list) -> None:
    for upload, content_type in checked:
        Attachment.objects.create(
            commitment=commitment,
            file=upload,
            name=str(upload.name)[:200],
            content_type=content_type,
            size=upload.size or 0,
        )


def _record(
    commitment: Commitment,
    action: str,
    *,
    from_state: str,
    actor: Actor | None = None,
    message: str = "",
) -> ModerationDecision:
    signed_in = actor if isinstance(actor, User) else None
    return ModerationDecision.objects.create(
        commitment=commitment,
        action=action,
        from_state=from_state,
        to_state=commitment.moderation_state,
        message=message,
        actor=signed_in,
        actor_label=signed_in.email if signed_in else commitment.submitter_email,
    )


def _email(kind: str, commitment: Commitment, site_url: str | None, decision: Any = None) -> None:
    send_commitment_email.enqueue(
        kind=kind,
        commitment_id=commitment.pk,
        site_url=_site_url(site_url),
        decision_id=decision.pk if decision else None,
    )


def _announce(news: str, commitment: Commitment, *kinds: str) -> None:
    """Tell the followers (core/following.py) once the change is committed. Progress and status
    changes are news only of verified entries, which readers can trust."""
    for kind in kinds:
        followers_announce(kind=kind, object_id=commitment.pk, news=news)


@transaction.atomic
def commitment_submit(
    *,
    content: CommitmentContent,
    language: str,
    submitter: Actor | None,
    email: str = "",
    attachments: Sequence[UploadedFile] = (),
    site_url: str | None = None,
) -> Commitment:
    """Create an entry. A signed-in submitter's entry is published at once as "not verified" and
    enters the reviewers' queue; an anonymous one waits until its e-mail address is confirmed
    through a signed link, which is sent here."""
    _check_content(content, language)
    signed_in = submitter if isinstance(submitter, User) else None
    if not signed_in and not email.strip():
        raise ValidationError({"email": _("Give an e-mail address to confirm your submission.")})
    checked = _check_attachments(None, attachments)
    title = content.texts[language].title
    commitment = Commitment(
        slug=_unique_slug(title),
        original_language=language,
        submitted_by=signed_in,
        submitter_email="" if signed_in else email.strip().lower(),
    )
    if signed_in:
        commitment.moderation_state = ModerationState.PENDING
        commitment.published_at = timezone.now()
    else:
        commitment.moderation_state = ModerationState.AWAITING_CONFIRMATION
    _apply_content(commitment, content)
    _save_attachments(commitment, checked)
    _record(
        commitment,
        ModerationDecision.Action.SUBMITTED,
        from_state=commitment.moderation_state,
        actor=submitter,
    )
    if not signed_in:
        _email(emails.CONFIRM, commitment, site_url)
    else:
        _announce(follow_targets.PUBLISHED, commitment, follow_targets.COMMITMENT_LIST)
    return commitment


@transaction.atomic
def commitment_confirm_email(*, commitment: Commitment) -> Commitment:
    """An anonymous submitter proved their address: the entry is published as "not verified"
    and enters the queue. A link works once."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.moderation_state != ModerationState.AWAITING_CONFIRMATION:
        raise ValidationError(_("This submission was already confirmed."))
    commitment.moderation_state = ModerationState.PENDING
    commitment.email_confirmed_at = commitment.published_at = timezone.now()
    commitment.save()
    _record(
        commitment,
        ModerationDecision.Action.CONFIRMED,
        from_state=ModerationState.AWAITING_CONFIRMATION,
    )
    _announce(follow_targets.PUBLISHED, commitment, follow_targets.COMMITMENT_LIST)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    content: CommitmentContent,
    language: str,
    editor: Actor | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> Commitment:
    """Change an entry's content (its owner, or its submitter through the signed edit link).
    An entry sent back for changes goes back to the reviewers; rejected or unconfirmed entries
    cannot be edited. Verified entries keep their badge when their owners keep them current."""
    if commitment.moderation_state not in (
        ModerationState.PENDING,
        ModerationState.VERIFIED,
        ModerationState.CHANGES_REQUESTED,
    ):
        raise ValidationError(_("This entry can no longer be edited."))
    _check_content(content, language)
    checked = _check_attachments(commitment, attachments)
    status_before = commitment.status
    _apply_content(commitment, content)
    _save_attachments(commitment, checked)
    if commitment.status != status_before and commitment.is_verified and commitment.is_public:
        _announce(follow_targets.STATUS, commitment, follow_targets.COMMITMENT)
    if commitment.moderation_state == ModerationState.CHANGES_REQUESTED:
        commitment.moderation_state = ModerationState.PENDING
        if commitment.published_at is None:
            _announce(follow_targets.PUBLISHED, commitment, follow_targets.COMMITMENT_LIST)
        commitment.published_at = commitment.published_at or timezone.now()
        commitment.save()
        _record(
            commitment,
            ModerationDecision.Action.RESUBMITTED,
            from_state=ModerationState.CHANGES_REQUESTED,
            actor=editor,
        )
    return commitment


def _resolve_open_flags(commitment: Commitment) -> None:
    commitment.flags.filter(is_open=True).update(is_open=False, resolved_at=timezone.now())


def _decide(
    commitment: Commitment,
    *,
    reviewer: User,
    allowed_from: Sequence[str],
    to_state: str,
    action: str,
    message: str,
) -> ModerationDecision:
    require(reviewer, "commitments.moderate_commitment", commitment)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.moderation_state not in allowed_from:
        raise ValidationError(
            _("This entry is %(state)s; that decision is not possible now.")
            % {"state": commitment.get_moderation_state_display()}
        )
    from_state = commitment.moderation_state
    commitment.moderation_state = to_state
    commitment.is_hidden = False
    if to_state == ModerationState.VERIFIED:
        commitment.verified_at = timezone.now()
    commitment.save()
    _resolve_open_flags(commitment)
    return _record(commitment, action, from_state=from_state, actor=reviewer, message=message)


@transaction.atomic
def commitment_verify(
    *, commitment: Commitment, reviewer: User, message: str = "", site_url: str | None = None
) -> Commitment:
    """A reviewer for the entry's country checked it: it shows the "verified" badge. Verifying
    an entry hidden by flags also puts it back and closes the flags."""
    was_verified = commitment.moderation_state == ModerationState.VERIFIED
    if was_verified and not commitment.is_hidden:
        raise ValidationError(_("This entry is already verified."))
    decision = _decide(
        commitment,
        reviewer=reviewer,
        allowed_from=(ModerationState.PENDING, ModerationState.VERIFIED),
        to_state=ModerationState.VERIFIED,
        action=ModerationDecision.Action.VERIFIED,
        message=message.strip(),
    )
    if not was_verified:
        _email(emails.VERIFIED, commitment, site_url, decision)
        _announce(
            follow_targets.VERIFIED_NEWS,
            commitment,
            follow_targets.COMMITMENT,
            follow_targets.COMMITMENT_LIST,
        )
    commitment.refresh_from_db()
    return commitment


@transaction.atomic
def commitment_request_changes(
    *, commitment: Commitment, reviewer: User, message: str, site_url: str | None = None
) -> Commitment:
    """A reviewer sends the entry back with a message; it leaves the public pages and the
    submitter receives the message with a signed link to edit it."""
    if not message.strip():
        raise ValidationError({"message": _("Tell the submitter what to change.")})
    decision = _decide(
        commitment,
        reviewer=reviewer,
        allowed_from=(ModerationState.PENDING, ModerationState.VERIFIED),
        to_state=ModerationState.CHANGES_REQUESTED,
        action=ModerationDecision.Action.CHANGES_REQUESTED,
        message=message.strip(),
    )
    _email(emails.CHANGES_REQUESTED, commitment, site_url, decision)
    commitment.refresh_from_db()
    return commitment


@transaction.atomic
def commitment_reject(
    *, commitment: Commitment, reviewer: User, reason: str, site_url: str | None = None
) -> Commitment:
    """A reviewer refuses the entry, giving a reason that the submitter receives."""
    if not reason.strip():
        raise ValidationError({"message": _("Give the reason for rejecting this entry.")})
    decision = _decide(
        commitment,
        reviewer=reviewer,
        allowed_from=(
            ModerationState.PENDING,
            ModerationState.VERIFIED,
            ModerationState.CHANGES_REQUESTED,
        ),
        to_state=ModerationState.REJECTED,
        action=ModerationDecision.Action.REJECTED,
        message=reason.strip(),
    )
    _email(emails.REJECTED, commitment, site_url, decision)
    commitment.refresh_from_db()
    return commitment


@transaction.atomic
def commitment_dismiss_flags(
    *, commitment: Commitment, reviewer: User, message: str = ""
) -> Commitment:
    """A reviewer finds the flags unfounded: the entry is shown again as it was."""
    if not commitment.is_hidden and not commitment.flags.filter(is_open=True).exists():
        raise ValidationError(_("This entry has no open flags."))
    _decide(
        commitment,
        reviewer=reviewer,
        allowed_from=(ModerationState.PENDING, ModerationState.VERIFIED),
        to_state=commitment.moderation_state,
        action=ModerationDecision.Action.FLAGS_DISMISSED,
        message=message.strip(),
    )
    commitment.refresh_from_db()
    return commitment


@transaction.atomic
def commitment_flag(
    *, commitment: Commitment, reason: str, comment: str = "", reporter: Actor | None = None
) -> Flag:
    """A reader reports a public entry. When open flags reach FLAGS_TO_HIDE the entry is hidden
    from lists, search, feeds and exports until a reviewer decides."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if not commitment.is_public:
        raise ValidationError(_("Only published entries can be flagged."))
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    flag = Flag.objects.create(
        commitment=commitment,
        reason=reason,
        comment=comment.strip()[:1000],
        reporter=reporter if isinstance(reporter, User) else None,
    )
    if commitment.flags.filter(is_open=True).count() >= FLAGS_TO_HIDE:
        commitment.is_hidden = True
        commitment.save(update_fields=["is_hidden", "updated_at"])
        _record(
            commitment,
            ModerationDecision.Action.HIDDEN_BY_FLAGS,
            from_state=commitment.moderation_state,
        )
    return flag


@transaction.atomic
def progress_update_add(
    *, commitment: Commitment, author: User, date: datetime.date, text: str, language: str
) -> ProgressUpdate:
    """The entry's owner records what happened on a date (not in the future)."""
    require(author, "commitments.add_progress_update", commitment)
    if date > timezone.localdate():
        raise ValidationError({"date": _("A progress update cannot be dated in the future.")})
    if not text.strip() or len(text) > MAX_UPDATE_TEXT:
        raise ValidationError(
            {
                "text": _("Write the update in at most %(limit)d characters.")
                % {"limit": MAX_UPDATE_TEXT}
            }
        )
    update = ProgressUpdate(commitment=commitment, date=date, author=author)
    update.set_current_language(language)
    update.text = text.strip()
    update.save()
    Commitment.objects.filter(pk=commitment.pk).update(updated_at=timezone.now())
    if commitment.is_verified and commitment.is_public:
        _announce(follow_targets.PROGRESS, commitment, follow_targets.COMMITMENT)
    return update
