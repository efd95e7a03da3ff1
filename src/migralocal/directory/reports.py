"""Problems with a listing reported by the public ("wrong phone", "closed", "moved"): written,
sent to those who keep the listing, then resolved or dismissed by them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from migralocal.core.models import Membership, ProgrammeAssignment, User
from migralocal.core.permissions import require
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.directory.models import Hub, ListingReport, Service


def _clean_details(text: str) -> str:
    """Plain text on one paragraph: control characters go (templates escape the rest)."""
    kept = "".join(ch if ch.isprintable() or ch in "\n" else " " for ch in text)
    return kept.strip()


@transaction.atomic
def listing_report_submit(
    *, hub: Hub | None = None, service: Service | None = None, problem: str, details: str = ""
) -> ListingReport:
    """Keep a problem reported on a hub or a service (anyone may, without an account) and tell
    the hub's staff and the country's reviewers. The report names no one who sent it."""
    if (hub is None) == (service is None):
        raise ValueError("A report is about a hub or a service.")
    if problem not in ListingReport.Problem.values:
        raise ValidationError({"problem": _("Choose a problem from the list.")})
    listing_hub = hub if hub is not None else service.hub  # type: ignore[union-attr]
    country_id = hub.country_id if hub is not None else service.country_id  # type: ignore[union-attr]
    if country_id is None and listing_hub is not None:
        country_id = listing_hub.country_id
    if country_id is None:
        raise ValidationError(_("This listing cannot take reports: it has no country."))
    report = ListingReport(
        hub=listing_hub,
        service=service,
        country_id=country_id,
        problem=problem,
        details=_clean_details(details),
    )
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: listing_report_notify(report=report))
    return report


@transaction.atomic
def listing_report_handle(
    *, report: ListingReport, user: User, status: str, note: str = ""
) -> ListingReport:
    """Resolve or dismiss an open report, with a note; only those who keep the listing may.
    A report already handled (by someone else meanwhile) is not handled twice."""
    require(user, "directory.handle_listing_report", report)
    if status not in {ListingReport.Status.RESOLVED, ListingReport.Status.DISMISSED}:
        raise ValidationError({"status": _("Choose a status from the list.")})
    handled = ListingReport.objects.filter(pk=report.pk, status=ListingReport.Status.OPEN).update(
        status=status, handling_note=note.strip(), handled_by=user, handled_at=timezone.now()
    )
    if not handled:
        raise ValidationError(_("This report was already handled."))
    report.refresh_from_db()
    return report


def _recipients(report: ListingReport) -> list[User]:
    staff = (
        Membership.objects.filter(
            organisation_id=report.hub.operator_id,
            role=OrganisationRole.HUB_STAFF,
            user__is_active=True,
        ).values_list("user_id", flat=True)
        if report.hub is not None
        else []
    )
    reviewers = ProgrammeAssignment.objects.filter(
        role=ProgrammeRole.REVIEWER, countries=report.country_id, user__is_active=True
    ).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=[*staff, *reviewers]).exclude(email="").order_by("pk"))


def listing_report_notify(*, report: ListingReport) -> int:
    """E-mail the hub's staff and the country's reviewers, each in their language, that a
    listing has a reported problem. Returns how many e-mails were sent."""
    link = settings.SITE_URL.rstrip("/") + reverse("directory:listing_reports")
    sent = 0
    for user in _recipients(report):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            listing = str(report.listing)
            subject = _("A problem was reported with %(listing)s") % {"listing": listing}
            body = _(
                "Someone reported a problem with the listing of %(listing)s: %(problem)s.\n\n"
                "Check it, correct the listing if needed, and resolve or dismiss the report:"
                "\n\n%(link)s\n"
            ) % {"listing": listing, "problem": report.get_problem_display(), "link": link}
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
