"""Following by e-mail: ask, confirm, stop, and tell followers what is new.

Double opt-in: asking sends one e-mail, the confirmation link, and nothing else is ever sent to
the address until it is confirmed; an unconfirmed follow expires after `CONFIRM_MAX_AGE`. Every
news e-mail carries a signed link that stops the follow without signing in, also offered to mail
programs as `List-Unsubscribe` with one-click POST (RFC 8058). Sending goes through the tasks
backend, so that the save that makes news never waits for the mail server.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from migralocal.core.follow_models import Follow, email_digest
from migralocal.core.following import Described, target
from migralocal.core.models import Actor, User

CONFIRM_SALT = "migralocal.core.follow-confirm"
STOP_SALT = "migralocal.core.follow-stop"
CONFIRM_MAX_AGE = 3 * 24 * 3600
MAX_EMAIL_LENGTH = 254


# ---------------------------------------------------------------- signed links


def confirm_token(follow: Follow) -> str:
    return signing.dumps({"f": follow.pk, "n": follow.nonce}, salt=CONFIRM_SALT)


def stop_token(follow: Follow) -> str:
    return signing.dumps({"f": follow.pk, "n": follow.nonce}, salt=STOP_SALT)


def _follow_from(token: str, *, salt: str, max_age: int | None) -> Follow | None:
    data = signing.loads(token, salt=salt, max_age=max_age)  # BadSignature when tampered or old
    if not isinstance(data, dict) or not isinstance(data.get("f"), int):
        raise signing.BadSignature
    return Follow.objects.filter(pk=data["f"], nonce=str(data.get("n", ""))).first()


# ---------------------------------------------------------------- reads


def described(follow: Follow) -> Described | None:
    found = target(follow.target_kind)
    return found.describe(follow.target_key) if found else None


def follows_of(user: User) -> QuerySet[Follow]:
    """The confirmed follows of a signed-in person: made while signed in or with their address."""
    return Follow.objects.filter(
        confirmed_at__isnull=False, email_digest=email_digest(user.email)
    ) | (Follow.objects.filter(confirmed_at__isnull=False, user=user))


def follows_of_address(email: str) -> QuerySet[Follow]:
    return Follow.objects.filter(email_digest=email_digest(email))


# ---------------------------------------------------------------- writes


def _language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _one_line(text: str) -> str:
    """A header may not hold a line break (a title typed by a visitor could)."""
    return " ".join(text.split())


def follows_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Forget the follows whose confirmation link has expired."""
    limit = (now or timezone.now()) - dt.timedelta(seconds=CONFIRM_MAX_AGE)
    return Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=limit).delete()[0]


@transaction.atomic
def follow_request(
    *, email: str, kind: str, key: str, language: str, actor: Actor | None = None, site_url: str
) -> Follow | None:
    """Ask to follow `kind`/`key` at `email`. A new or still unconfirmed follow gets the
    confirmation link (in `language`); an address that already follows is sent nothing, and the
    answer is the same, so that the form never tells who follows what. Returns the follow that
    waits for confirmation, or None."""
    email = email.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or "\n" in email or "\r" in email:
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    validate_email(email)
    found = target(kind)
    normalised = found.normalise(key) if found else None
    if found is None or normalised is None or found.describe(normalised) is None:
        raise ValidationError(_("This cannot be followed."))
    follows_purge_unconfirmed()
    signed_in = actor if isinstance(actor, User) and actor.is_authenticated else None
    existing = (
        Follow.objects.select_for_update()
        .filter(email_digest=email_digest(email), target_kind=kind, target_key=normalised)
        .first()
    )
    if existing is not None and existing.confirmed_at is not None:
        return None
    follow = existing or Follow(email=email, target_kind=kind, target_key=normalised)
    follow.language = _language(language)
    if signed_in is not None and signed_in.email.lower() == email:
        follow.user = signed_in
    try:
        with transaction.atomic():
            follow.save()
    except IntegrityError:  # the same request, twice at once: the first one sends the link
        return None
    follow_id = follow.pk
    transaction.on_commit(lambda: _enqueue_confirmation(follow_id, site_url))
    return follow


def _enqueue_confirmation(follow_id: int, site_url: str) -> None:
    from migralocal.core.follow_tasks import send_follow_confirmation

    send_follow_confirmation.enqueue(follow_id=follow_id, site_url=site_url)


def confirm_link_is_valid(token: str) -> bool:
    """Whether a confirmation link still names a follow (confirmed or not)."""
    try:
        return _follow_from(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE) is not None
    except signing.BadSignature:
        return False


def follow_confirm(*, token: str) -> Follow:
    """Confirm a follow by its link. Raises ValidationError when the link is tampered with,
    expired, or names a follow that is no more; confirming twice changes nothing."""
    try:
        follow = _follow_from(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid or has expired.")) from error
    if follow is None:
        raise ValidationError(_("This link is not valid or has expired."))
    if follow.confirmed_at is None:
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
    return follow


def stop_link_is_signed(token: str) -> bool:
    """Whether a stop link is one the platform signed (the follow may have stopped since)."""
    try:
        _follow_from(token, salt=STOP_SALT, max_age=None)
    except signing.BadSignature:
        return False
    return True


def follow_stop_by_token(*, token: str) -> bool:
    """Stop a follow by the link in its e-mails (no sign-in). True if it was stopped now, False
    if it had already stopped; ValidationError if the link was tampered with."""
    try:
        follow = _follow_from(token, salt=STOP_SALT, max_age=None)
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid.")) from error
    if follow is None:
        return False
    follow.delete()
    return True


def follow_stop(*, follow: Follow, user: User) -> None:
    """A signed-in person stops one of their own follows."""
    if not follows_of(user).filter(pk=follow.pk).exists():
        raise ValidationError(_("This is not one of your follows."))
    follow.delete()


# ---------------------------------------------------------------- e-mails


def followers_announce(*, kind: str, object_id: int, news: str, site_url: str = "") -> None:
    """Tell the followers of whatever `news` about `object_id` concerns, once the transaction
    that made the news is committed, in the background."""
    from migralocal.core.follow_tasks import send_follow_news

    url = site_url or settings.SITE_URL
    transaction.on_commit(
        lambda: send_follow_news.enqueue(kind=kind, object_id=object_id, news=news, site_url=url)
    )


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def send_confirmation(*, follow: Follow, site_url: str) -> None:
    """The one e-mail an unconfirmed follow receives: the link that confirms it."""
    if follow.confirmed_at is not None:
        return
    with translation.override(follow.language):
        what = described(follow)
        if what is None:
            return
        context = {
            "title": what.title,
            "page": _absolute(site_url, what.path),
            "link": _absolute(
                site_url, reverse("core:follow_confirm", kwargs={"token": confirm_token(follow)})
            ),
            "days": CONFIRM_MAX_AGE // (24 * 3600),
        }
        body = render_to_string("core/following/emails/confirm.txt", context)
        subject = _one_line(_("Confirm that you want to follow: %(title)s") % context)
        EmailMessage(subject, body, None, [follow.email]).send()


def send_news(*, kind: str, object_id: int, news: str, site_url: str) -> int:
    """Send `news` to the confirmed followers it concerns, each in their language, each with
    their own stop link. Returns how many e-mails were sent."""
    found = target(kind)
    if found is None:
        return 0
    confirmed = Follow.objects.filter(target_kind=kind, confirmed_at__isnull=False)
    keys = set(confirmed.values_list("target_key", flat=True).distinct())
    affected = found.affected_keys(news, object_id, keys) if keys else set()
    if not affected:
        return 0
    by_language: dict[str, list[Follow]] = defaultdict(list)
    for follow in confirmed.filter(target_key__in=affected).order_by("pk"):
        by_language[follow.language].append(follow)
    sent = 0
    for language, follows in by_language.items():
        with translation.override(language):
            item = found.news(news, object_id)
            if item is None:
                continue
            for follow in follows:
                what = found.describe(follow.target_key)
                stop = _absolute(
                    site_url, reverse("core:follow_stop", kwargs={"token": stop_token(follow)})
                )
                context = {
                    "text": item.text,
                    "link": _absolute(site_url, item.path),
                    "followed": what.title if what else "",
                    "stop": stop,
                }
                body = render_to_string("core/following/emails/news.txt", context)
                headers = {
                    "List-Unsubscribe": f"<{stop}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                }
                EmailMessage(
                    _one_line(item.subject), body, None, [follow.email], headers=headers
                ).send()
                sent += 1
    Follow.objects.filter(target_key__in=affected, target_kind=kind).exclude(
        confirmed_at__isnull=True
    ).update(last_sent_at=timezone.now())
    return sent
