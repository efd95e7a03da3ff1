"""Demo commitments (commitments/data/demo.yaml), loaded after core's demo. Every write is an
upsert, so loading twice is a no-op."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from migralocal.commitments.models import (
    Commitment,
    Kind,
    ModerationDecision,
    ModerationState,
    ProgressUpdate,
    Status,
)
from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.demo import DEMO_DOMAIN, Writer, all_known, known, set_translations, upsert
from migralocal.core.models import Country, Organisation, TaxonomyTerm, User

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"


def _set_terms(manager: Any, spec: Entry, key: str, taxonomy: str) -> None:
    terms = {term.code: term for term in TaxonomyTerm.objects.of(taxonomy)}
    wanted = set(all_known(terms, spec, key, f"the {taxonomy} codes"))
    if set(manager.all()) != wanted:
        manager.set(wanted)


def _reviewer_for(country: Country) -> User | None:
    """The demo reviewer covers Honduras, Mexico and El Salvador; the admin decides elsewhere."""
    email = "reviewer" if country.code in {"HN", "MX", "SV"} else "admin"
    return User.objects.filter(email=f"{email}@{DEMO_DOMAIN}").first()


def _record_history(commitment: Commitment, spec: Entry) -> None:
    if commitment.decisions.exists():
        return
    Action = ModerationDecision.Action
    submitter_label = spec.optional_text("anonymous_email") or spec.optional_text("submitted_by")
    steps: list[tuple[str, str, User | None, str, str]] = [
        (Action.SUBMITTED, ModerationState.PENDING, None, submitter_label, "")
    ]
    reviewer = _reviewer_for(commitment.country)
    reviewer_label = reviewer.email if reviewer else ""
    if commitment.moderation_state == ModerationState.VERIFIED:
        steps.append((Action.VERIFIED, ModerationState.VERIFIED, reviewer, reviewer_label, ""))
    if commitment.moderation_state == ModerationState.CHANGES_REQUESTED:
        steps.append(
            (
                Action.CHANGES_REQUESTED,
                ModerationState.CHANGES_REQUESTED,
                reviewer,
                reviewer_label,
                spec.text("change_request"),
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


@dataclass(frozen=True)
class Known:
    """The rows entries refer to by slug or code."""

    organisations: dict[str, Organisation]
    countries: dict[str, Country]


def _organisation_and_country(spec: Entry, rows: Known) -> tuple[Organisation | None, Country]:
    """An entry names its organisation, or for one without an account its name and country."""
    if spec.has("organisation"):
        organisation = known(rows.organisations, spec, "organisation", "the demo organisations")
        return organisation, organisation.country
    return None, known(rows.countries, spec, "country", "the demo countries")


def load_commitment(spec: Entry, rows: Known) -> Commitment:
    organisation, country = _organisation_and_country(spec, rows)
    published = timezone.make_aware(spec.moment("published"))
    state = spec.choice("state", ModerationState.values)
    anonymous_email = spec.optional_text("anonymous_email")
    submitted_by = (
        User.objects.filter(email=spec.text("submitted_by")).first()
        if spec.has("submitted_by")
        else None
    )
    commitment = upsert(
        Commitment,
        {"slug": spec.text("slug")},
        {
            "kind": spec.choice("kind", Kind.values),
            "status": spec.choice("status", Status.values),
            "organisation": organisation,
            "organisation_name": spec.optional_text("organisation_name"),
            "country": country,
            "original_language": spec.text("language"),
            "moderation_state": state,
            "is_hidden": False,
            "submitter_email": anonymous_email,
            "submitted_by": submitted_by,
            "email_confirmed_at": published if anonymous_email else None,
            "published_at": published,
            "verified_at": published if state == ModerationState.VERIFIED else None,
            "start_date": spec.optional_date("start"),
            "end_date": spec.optional_date("end"),
            "partners": spec.optional_text("partners"),
            "funding_sources": spec.optional_text("funding"),
            "links": spec.optional_text("links"),
        },
    )
    texts = spec.texts_of("title", "summary")
    if spec.has("description"):
        texts["description"] = spec.texts("description")
    set_translations(commitment, texts)
    _set_terms(commitment.objectives, spec, "objectives", "gcm-objectives")
    _set_terms(commitment.sdgs, spec, "sdgs", "sdg")
    _set_terms(commitment.themes, spec, "themes", "areas-of-work")
    for update_spec in spec.entries("updates"):
        update = upsert(
            ProgressUpdate,
            {"commitment": commitment, "date": update_spec.date("date")},
            {"author": submitted_by},
        )
        set_translations(update, update_spec.texts_of("text"))
    _record_history(commitment, spec)
    return commitment


@transaction.atomic
def load(stdout: Writer) -> None:
    rows = Known(
        organisations={o.slug: o for o in Organisation.objects.select_related("country")},
        countries={c.code: c for c in Country.objects.all()},
    )
    specs = read_data_file(DEMO_FILE).entries("commitments")
    commitments = [load_commitment(spec, rows) for spec in specs]
    unverified = sum(1 for c in commitments if c.moderation_state == ModerationState.PENDING)
    stdout.write(
        f"Commitments: {len(commitments)} entries, {unverified} published but not verified.\n"
    )
