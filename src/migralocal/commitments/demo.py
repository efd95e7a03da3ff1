"""Demo commitments: loaded after core's demo; every write is an upsert, so loading twice is a
no-op."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from migralocal.commitments.demo_data import COMMITMENTS
from migralocal.commitments.models import (
    Commitment,
    ModerationDecision,
    ModerationState,
    ProgressUpdate,
)
from migralocal.core.demo import DEMO_DOMAIN, Writer, set_translations, upsert
from migralocal.core.models import Country, Organisation, TaxonomyTerm, User


def _moment(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _set_terms(manager: Any, codes: list[str], taxonomy: str) -> None:
    wanted = set(TaxonomyTerm.objects.of(taxonomy).filter(code__in=codes))
    if set(manager.all()) != wanted:
        manager.set(wanted)


def _reviewer_for(country: Country) -> User | None:
    """The demo reviewer covers Honduras, Mexico and El Salvador; the admin decides elsewhere."""
    email = "reviewer" if country.code in {"HN", "MX", "SV"} else "admin"
    return User.objects.filter(email=f"{email}@{DEMO_DOMAIN}").first()


def _record_history(commitment: Commitment, spec: dict[str, Any]) -> None:
    if commitment.decisions.exists():
        return
    Action = ModerationDecision.Action
    submitter_label = spec.get("anonymous_email") or spec.get("submitted_by") or ""
    steps: list[tuple[str, str, User | None, str, str]] = [
        (Action.SUBMITTED, ModerationState.PENDING, None, submitter_label, "")
    ]
    reviewer = _reviewer_for(commitment.country)
    reviewer_label = reviewer.email if reviewer else ""
    if spec["state"] == ModerationState.VERIFIED:
        steps.append((Action.VERIFIED, ModerationState.VERIFIED, reviewer, reviewer_label, ""))
    if spec["state"] == ModerationState.CHANGES_REQUESTED:
        steps.append(
            (
                Action.CHANGES_REQUESTED,
                ModerationState.CHANGES_REQUESTED,
                reviewer,
                reviewer_label,
                spec["change_request"],
            )
        )
    from_state: str = ModerationState.PENDING
    for action, to_state, actor, label, message in steps:
        ModerationDecision.objects.create(
            commitment=commitment,
            action=action,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            actor_label=label,
            message=message,
        )
        from_state = to_state


def load_commitment(spec: dict[str, Any]) -> Commitment:
    organisation = (
        Organisation.objects.get(slug=spec["organisation"]) if spec.get("organisation") else None
    )
    country = organisation.country if organisation else Country.objects.get(code=spec["country"])
    published = _moment(spec["published"])
    submitted_by = (
        User.objects.filter(email=spec["submitted_by"]).first()
        if spec.get("submitted_by")
        else None
    )
    commitment = upsert(
        Commitment,
        {"slug": spec["slug"]},
        {
            "kind": spec["kind"],
            "status": spec["status"],
            "organisation": organisation,
            "organisation_name": spec.get("organisation_name", ""),
            "country": country,
            "original_language": spec["language"],
            "moderation_state": spec["state"],
            "is_hidden": False,
            "submitter_email": spec.get("anonymous_email", ""),
            "submitted_by": submitted_by,
            "email_confirmed_at": published if spec.get("anonymous_email") else None,
            "published_at": published,
            "verified_at": published if spec["state"] == ModerationState.VERIFIED else None,
            "start_date": _date(spec["start"]),
            "end_date": _date(spec["end"]),
            "partners": spec["partners"],
            "funding_sources": spec["funding"],
            "links": spec["links"],
        },
    )
    set_translations(
        commitment,
        {"title": spec["title"], "summary": spec["summary"], "description": spec["description"]},
    )
    _set_terms(commitment.objectives, spec["objectives"], "gcm-objectives")
    _set_terms(commitment.sdgs, spec["sdgs"], "sdg")
    _set_terms(commitment.themes, spec["themes"], "areas-of-work")
    for update_spec in spec["updates"]:
        update = upsert(
            ProgressUpdate,
            {"commitment": commitment, "date": _date(update_spec["date"])},
            {"author": submitted_by},
        )
        set_translations(update, {"text": update_spec["text"]})
    _record_history(commitment, spec)
    return commitment


@transaction.atomic
def load(stdout: Writer) -> None:
    commitments = [load_commitment(spec) for spec in COMMITMENTS]
    unverified = sum(1 for c in commitments if c.moderation_state == ModerationState.PENDING)
    stdout.write(
        f"Commitments: {len(commitments)} entries, {unverified} published but not verified.\n"
    )
