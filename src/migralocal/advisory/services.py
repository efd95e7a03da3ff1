"""Writes of technical assistance: every one checks the actor's permission first, whoever calls
it (a page, the admin, the demo), and runs in a transaction. django-auditlog records each
change (audit.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.advisory.models import (
    GOVERNMENT_KINDS,
    THEME_TAXONOMIES,
    Engagement,
    EngagementDocument,
    Instrument,
    InstrumentVersion,
    PlanActivity,
    Recommendation,
    ReviewRound,
)
from migralocal.advisory.uploads import check_document, check_draft
from migralocal.assessments.models import Action, Priority
from migralocal.assessments.models import Indicator as AssessmentIndicator
from migralocal.core.models import Actor, Organisation, TaxonomyTerm, User
from migralocal.core.permissions import require
from migralocal.learning.models import Event
from migralocal.programmes.models import Programme


def _texts(instance: Any, texts: dict[str, dict[str, str]]) -> None:
    """Set parler fields per language: {"es": {"title": …}, "en": {…}}; empty ones skipped."""
    current = instance.get_current_language()
    for language, values in texts.items():
        if not any(values.values()):
            continue
        instance.set_current_language(language)
        for name, value in values.items():
            setattr(instance, name, value)
    instance.set_current_language(current)


def _require_spanish(texts: dict[str, dict[str, str]], field: str) -> None:
    if not texts.get("es", {}).get(field):
        raise ValidationError({field: _("Write it at least in Spanish.")})


@dataclass
class EngagementFields:
    """What an engagement says about itself; titles and scopes per language ("es", "en")."""

    titles: dict[str, str]
    scopes: dict[str, str]
    organisation: Organisation
    requested_by: str
    starts_on: dt.date
    department: str = ""
    requested_on: dt.date | None = None
    ends_on: dt.date | None = None
    status: str = Engagement.Status.REQUESTED


def _apply(engagement: Engagement, fields: EngagementFields) -> None:
    if fields.organisation.kind not in GOVERNMENT_KINDS:
        raise ValidationError(
            {"organisation": _("Technical assistance is given to a government body.")}
        )
    if fields.ends_on and fields.ends_on < fields.starts_on:
        raise ValidationError({"ends_on": _("An engagement ends after it starts.")})
    texts = {
        language: {
            "title": fields.titles.get(language, ""),
            "scope": fields.scopes.get(language, ""),
        }
        for language in ("es", "en")
    }
    _require_spanish(texts, "title")
    engagement.organisation = fields.organisation
    engagement.department = fields.department
    engagement.requested_by = fields.requested_by
    engagement.requested_on = fields.requested_on
    engagement.starts_on = fields.starts_on
    engagement.ends_on = fields.ends_on
    engagement.status = fields.status
    _texts(engagement, texts)
    engagement.full_clean(exclude=["slug"] if not engagement.slug else None)
    engagement.save()


def _check_people(engagement: Engagement, advisors: list[User], counterparts: list[User]) -> None:
    """Counterparts speak for the government: they are members of its organisation. Advisors
    are the programme's staff: never members of the government advised."""
    members = set(
        User.objects.filter(memberships__organisation=engagement.organisation).values_list(
            "pk", flat=True
        )
    )
    if any(user.pk not in members for user in counterparts):
        raise ValidationError(
            {"counterparts": _("Counterparts are members of the government advised.")}
        )
    if any(user.pk in members for user in advisors):
        raise ValidationError(
            {"advisors": _("An advisor cannot be a member of the government advised.")}
        )


def _check_programmes(
    actor: Actor, programmes: list[Programme], organisation: Organisation
) -> None:
    """An engagement belongs to one programme or more, at least one of them managed by whoever
    starts it, each covering the government's country."""
    if not programmes:
        raise ValidationError({"programmes": _("Choose at least one programme.")})
    if not any(actor.has_perm("advisory.add_engagement", programme) for programme in programmes):
        raise PermissionDenied
    covering = Programme.objects.filter(
        pk__in=[programme.pk for programme in programmes], countries=organisation.country_id
    )
    if covering.count() != len({programme.pk for programme in programmes}):
        raise ValidationError(
            {"programmes": _("Each programme must cover the country of the government advised.")}
        )


@transaction.atomic
def engagement_create(
    *,
    actor: Actor,
    programmes: Iterable[Programme],
    slug: str,
    fields: EngagementFields,
    advisors: Iterable[User] = (),
    counterparts: Iterable[User] = (),
) -> Engagement:
    chosen = list(programmes)
    _check_programmes(actor, chosen, fields.organisation)
    engagement = Engagement(slug=slug)
    _apply(engagement, fields)
    engagement.programmes.set(chosen)
    engagement_people_set(
        actor=actor, engagement=engagement, advisors=advisors, counterparts=counterparts
    )
    return engagement


@transaction.atomic
def engagement_update(
    *, actor: Actor, engagement: Engagement, fields: EngagementFields
) -> Engagement:
    require(actor, "advisory.change_engagement", engagement)
    _apply(engagement, fields)
    return engagement


@transaction.atomic
def engagement_people_set(
    *,
    actor: Actor,
    engagement: Engagement,
    advisors: Iterable[User],
    counterparts: Iterable[User],
) -> None:
    require(actor, "advisory.change_engagement", engagement)
    advisor_list, counterpart_list = list(advisors), list(counterparts)
    _check_people(engagement, advisor_list, counterpart_list)
    engagement.advisors.set(advisor_list)
    engagement.counterparts.set(counterpart_list)


@transaction.atomic
def engagement_publication_set(*, actor: Actor, engagement: Engagement, publish: bool) -> None:
    """The government's choice to show the recommendations it adopted on a public page."""
    require(actor, "advisory.publish_engagement", engagement)
    engagement.publishes_adopted = publish
    engagement.save(update_fields=["publishes_adopted", "updated_at"])


@transaction.atomic
def document_add(
    *, actor: User, engagement: Engagement, title: str, file: Any = None, link: str = ""
) -> EngagementDocument:
    require(actor, "advisory.advise_engagement", engagement)
    if not file and not link:
        raise ValidationError(_("Attach a file or give a link."))
    if file:
        check_document(file)
    document = EngagementDocument(engagement=engagement, title=title, link=link, added_by=actor)
    if file:
        document.file = file
    document.full_clean()
    document.save()
    return document


@dataclass
class InstrumentFields:
    names: dict[str, str]
    kind: str
    acronym: str = ""
    owner_department: str = ""
    stage: str = Instrument.Stage.DRAFTING
    expected_adoption_on: dt.date | None = None


@transaction.atomic
def instrument_create(
    *, actor: Actor, engagement: Engagement, fields: InstrumentFields
) -> Instrument:
    require(actor, "advisory.advise_engagement", engagement)
    instrument = Instrument(engagement=engagement)
    return _instrument_apply(instrument, fields)


@transaction.atomic
def instrument_update(
    *, actor: Actor, instrument: Instrument, fields: InstrumentFields
) -> Instrument:
    require(actor, "advisory.advise_engagement", instrument.engagement)
    return _instrument_apply(instrument, fields)


def _instrument_apply(instrument: Instrument, fields: InstrumentFields) -> Instrument:
    texts = {language: {"name": fields.names.get(language, "")} for language in ("es", "en")}
    _require_spanish(texts, "name")
    instrument.kind = fields.kind
    instrument.acronym = fields.acronym
    instrument.owner_department = fields.owner_department
    instrument.stage = fields.stage
    instrument.expected_adoption_on = fields.expected_adoption_on
    _texts(instrument, texts)
    instrument.full_clean(exclude=["engagement"])
    instrument.save()
    return instrument


def _next_number(rows: Any) -> int:
    return int(rows.aggregate(highest=Max("number"))["highest"] or 0) + 1


@transaction.atomic
def version_upload(
    *, actor: User, instrument: Instrument, file: Any, note: str = ""
) -> InstrumentVersion:
    """A new draft of the instrument, numbered after the last one; its content is checked."""
    require(actor, "advisory.advise_engagement", instrument.engagement)
    check_draft(file)
    return InstrumentVersion.objects.create(
        instrument=instrument,
        number=_next_number(instrument.versions.all()),
        file=file,
        note=note,
        uploaded_by=actor,
    )


@transaction.atomic
def round_open(
    *,
    actor: Actor,
    instrument: Instrument,
    version: InstrumentVersion | None = None,
    opened_on: dt.date | None = None,
) -> ReviewRound:
    require(actor, "advisory.advise_engagement", instrument.engagement)
    if version is not None and version.instrument_id != instrument.pk:
        raise ValidationError({"version": _("This draft is of another instrument.")})
    return ReviewRound.objects.create(
        instrument=instrument,
        number=_next_number(instrument.rounds.all()),
        version=version,
        opened_on=opened_on or timezone.localdate(),
    )


@transaction.atomic
def round_send(
    *, actor: Actor, review_round: ReviewRound, sent_on: dt.date | None = None
) -> ReviewRound:
    """Send the round's recommendations to the government: from now on its counterparts answer
    them, and the advisors no longer change them."""
    require(actor, "advisory.advise_engagement", review_round.engagement)
    if review_round.is_sent:
        raise ValidationError(_("This round was already sent."))
    if not review_round.recommendations.exists():
        raise ValidationError(_("A round is sent with at least one recommendation."))
    review_round.sent_on = sent_on or timezone.localdate()
    review_round.save(update_fields=["sent_on"])
    return review_round


def _check_themes(themes: list[TaxonomyTerm]) -> None:
    if any(term.taxonomy.code not in THEME_TAXONOMIES for term in themes):
        raise ValidationError({"themes": _("Choose themes among the shared taxonomies.")})


@transaction.atomic
def recommendation_add(
    *,
    actor: Actor,
    review_round: ReviewRound,
    texts: dict[str, str],
    priority: str = Recommendation.Priority.MEDIUM,
    themes: Iterable[TaxonomyTerm] = (),
) -> Recommendation:
    require(actor, "advisory.advise_engagement", review_round.engagement)
    if review_round.is_sent:
        raise ValidationError(_("This round was sent: open a new round to add recommendations."))
    recommendation = Recommendation(
        review_round=review_round,
        number=_next_number(review_round.recommendations.all()),
        priority=priority,
    )
    return _recommendation_apply(recommendation, texts, themes)


@transaction.atomic
def recommendation_update(
    *,
    actor: Actor,
    recommendation: Recommendation,
    texts: dict[str, str],
    priority: str,
    themes: Iterable[TaxonomyTerm] = (),
) -> Recommendation:
    require(actor, "advisory.advise_engagement", recommendation.engagement)
    if recommendation.review_round.is_sent:
        raise ValidationError(_("This round was sent: its recommendations no longer change."))
    recommendation.priority = priority
    return _recommendation_apply(recommendation, texts, themes)


def _recommendation_apply(
    recommendation: Recommendation, texts: dict[str, str], themes: Iterable[TaxonomyTerm]
) -> Recommendation:
    by_language = {language: {"text": texts.get(language, "")} for language in ("es", "en")}
    _require_spanish(by_language, "text")
    chosen = list(themes)
    _check_themes(chosen)
    _texts(recommendation, by_language)
    recommendation.full_clean(exclude=["review_round"])
    recommendation.save()
    recommendation.themes.set(chosen)
    return recommendation


@dataclass
class ResponseFields:
    response: str
    note: str = ""
    section: str = ""
    link: str = ""
    version: InstrumentVersion | None = None


@transaction.atomic
def recommendation_respond(
    *, actor: User, recommendation: Recommendation, fields: ResponseFields
) -> Recommendation:
    """The government's answer, by one of its counterparts, once the round was sent. An
    accepted or partly accepted recommendation says where it was incorporated; one not
    accepted says why."""
    require(actor, "advisory.respond_engagement", recommendation.engagement)
    if not recommendation.review_round.is_sent:
        raise ValidationError(_("The recommendations of this round were not sent yet."))
    if fields.response not in Recommendation.Response.values:
        raise ValidationError({"response": _("Choose a response.")})
    instrument_id = recommendation.review_round.instrument_id
    if fields.version is not None and fields.version.instrument_id != instrument_id:
        raise ValidationError({"evidence_version": _("This draft is of another instrument.")})
    adopted = fields.response in Recommendation.ADOPTED
    if adopted and not (fields.section or fields.link or fields.version):
        raise ValidationError(
            {
                "evidence_section": _(
                    "Say where it was incorporated: a section or article, a document or a link."
                )
            }
        )
    if fields.response == Recommendation.Response.NOT_ACCEPTED and not fields.note:
        raise ValidationError({"response_note": _("Say why it was not accepted.")})
    recommendation.response = fields.response
    recommendation.response_note = fields.note
    recommendation.evidence_section = fields.section if adopted else ""
    recommendation.evidence_link = fields.link if adopted else ""
    recommendation.evidence_version = fields.version if adopted else None
    pending = fields.response == Recommendation.Response.PENDING
    recommendation.responded_by = None if pending else actor
    recommendation.responded_at = None if pending else timezone.now()
    recommendation.full_clean(exclude=["review_round"])
    recommendation.save()
    return recommendation


# The technical assistance plan ---------------------------------------------------------------


@dataclass
class ActivityFields:
    """One activity of the plan; titles per language ("es", "en")."""

    titles: dict[str, str]
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    owners: str
    status: str = PlanActivity.Status.PLANNED
    event: Event | None = None


def _activity_apply(activity: PlanActivity, fields: ActivityFields) -> PlanActivity:
    texts = {language: {"title": fields.titles.get(language, "")} for language in ("es", "en")}
    _require_spanish(texts, "title")
    if fields.ends_on < fields.starts_on:
        raise ValidationError({"ends_on": _("An activity ends after it starts.")})
    if fields.event is not None:
        if fields.kind != PlanActivity.Kind.TRAINING:
            raise ValidationError({"event": _("Only a training is a learning event.")})
        if fields.event.country_id != activity.engagement.organisation.country_id:
            raise ValidationError(
                {"event": _("The event is held in another country than the government's.")}
            )
    activity.kind = fields.kind
    activity.starts_on = fields.starts_on
    activity.ends_on = fields.ends_on
    activity.owners = fields.owners
    activity.status = fields.status
    activity.event = fields.event
    _texts(activity, texts)
    activity.full_clean(exclude=["engagement"])
    activity.save()
    return activity


@transaction.atomic
def activity_create(
    *, actor: Actor, engagement: Engagement, fields: ActivityFields
) -> PlanActivity:
    require(actor, "advisory.advise_engagement", engagement)
    return _activity_apply(PlanActivity(engagement=engagement), fields)


@transaction.atomic
def activity_update(
    *, actor: Actor, activity: PlanActivity, fields: ActivityFields
) -> PlanActivity:
    require(actor, "advisory.advise_engagement", activity.engagement)
    return _activity_apply(activity, fields)


# Joined to the assessment work plan ----------------------------------------------------------


@dataclass
class ActionFields:
    """The work-plan action a recommendation becomes."""

    priority: Priority
    indicator: AssessmentIndicator
    title: str
    owner: str
    starts_on: dt.date
    ends_on: dt.date


@transaction.atomic
def recommendation_to_action(
    *, actor: Actor, recommendation: Recommendation, fields: ActionFields
) -> Action:
    """The government takes up a recommendation in its current work plan (selectors.
    current_work_plan): a new action, supported by the engagement, that points back to the
    recommendation."""
    from migralocal.advisory.selectors import current_work_plan

    engagement = recommendation.engagement
    require(actor, "advisory.plan_recommendation", engagement)
    if not recommendation.review_round.is_sent:
        raise ValidationError(_("The recommendations of this round were not sent yet."))
    if recommendation.response == Recommendation.Response.NOT_ACCEPTED:
        raise ValidationError(_("The government did not accept this recommendation."))
    assessment = current_work_plan(engagement)
    if assessment is None:
        raise ValidationError(_("The government has no work plan open to new actions."))
    if fields.priority.assessment_id != assessment.pk:
        raise ValidationError({"priority": _("Choose a priority of the current work plan.")})
    if fields.indicator.dimension_id != fields.priority.dimension_id:
        raise ValidationError({"indicator": _("Choose an indicator of the priority's area.")})
    if fields.ends_on < fields.starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    action = Action(
        assessment=assessment,
        priority=fields.priority,
        indicator=fields.indicator,
        title=fields.title,
        owner=fields.owner,
        starts_on=fields.starts_on,
        ends_on=fields.ends_on,
        engagement=engagement,
        recommendation=recommendation,
    )
    action.full_clean()
    action.save()
    return action
