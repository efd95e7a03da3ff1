"""Writes of calls and their applications: every one checks the actor's permission first,
whoever calls it (a page, the admin, the demo), and runs in a transaction. django-auditlog
records each change (audit.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from migralocal.assessments import services as assessment_services
from migralocal.assessments.models import Assessment, Framework, Stage
from migralocal.calls.models import Call, CallApplication
from migralocal.core.models import Actor, Organisation, User
from migralocal.core.permissions import require
from migralocal.programmes import services as programme_services
from migralocal.programmes.models import Programme


@dataclass
class CallFields:
    """What a call says; texts per language ("es", "en")."""

    titles: dict[str, str]
    descriptions: dict[str, str]
    framework: Framework
    year: int
    deadline: datetime.date


def _apply(call: Call, fields: CallFields) -> Call:
    if not fields.framework.is_published:
        raise ValidationError({"framework": _("Choose a published framework.")})
    if not any(fields.titles.values()):
        raise ValidationError({"title_es": _("Give the call a title.")})
    call.framework = fields.framework
    call.year = fields.year
    call.deadline = fields.deadline
    for language, title in fields.titles.items():
        if not title:
            continue
        call.set_current_language(language)
        call.title = title
        call.description = fields.descriptions.get(language, "")
    call.save()
    return call


@transaction.atomic
def call_open(*, actor: Actor, programme: Programme, fields: CallFields) -> Call:
    """A programme's manager opens a call for applications."""
    require(actor, "calls.open_call", programme)
    return _apply(Call(programme=programme), fields)


@transaction.atomic
def call_update(*, actor: Actor, call: Call, fields: CallFields) -> Call:
    """Once the cohort has a member, its rounds are of the call's year and framework: those two
    no longer change."""
    require(actor, "calls.change_call", call)
    has_members = call.applications.filter(status=CallApplication.Status.ACCEPTED).exists()
    if has_members and (fields.framework != call.framework or fields.year != call.year):
        raise ValidationError(
            _("The cohort has members already: the framework and the year no longer change.")
        )
    return _apply(call, fields)


@transaction.atomic
def call_apply(
    *,
    call: Call,
    municipality: Organisation,
    user: User,
    motivation: str,
    now: datetime.datetime | None = None,
) -> CallApplication:
    """A municipality's focal point applies to an open call, for a municipality in one of the
    programme's countries, once per call."""
    require(user, "calls.apply_to_call", call)
    require(user, "assessments.apply_for_certification", municipality)
    if not call.is_open(now):
        raise ValidationError(
            _("This call closed on %(deadline)s: applications are no longer accepted.")
            % {"deadline": date_format(call.deadline, "DATE_FORMAT")}
        )
    if municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise ValidationError({"municipality": _("Only a municipality can apply.")})
    if not call.programme.countries.filter(pk=municipality.country_id).exists():
        raise ValidationError(
            {"municipality": _("This municipality is in a country the programme does not cover.")}
        )
    if CallApplication.objects.filter(call=call, municipality=municipality).exists():
        raise ValidationError(
            {"municipality": _("This municipality has already applied to this call.")}
        )
    if not motivation.strip():
        raise ValidationError({"motivation": _("Say why the municipality applies.")})
    return CallApplication.objects.create(
        call=call,
        municipality=municipality,
        motivation=motivation,
        submitted_by=user,
        submitted_at=now or timezone.now(),
    )


def _round_for(application: CallApplication) -> Assessment:
    """The municipality's round for the call's year: the one it has, if it is on the call's
    framework and still in the cycle, or a new one started at the training."""
    call = application.call
    existing = Assessment.objects.filter(
        organisation=application.municipality, year=call.year
    ).first()
    if existing is None:
        return assessment_services.cohort_round_start(
            organisation=application.municipality, framework=call.framework, year=call.year
        )
    if existing.framework_id != call.framework_id:
        raise ValidationError(
            _(
                "This municipality already has a round for %(year)s on another framework: it "
                "cannot join this cohort."
            )
            % {"year": call.year}
        )
    if existing.stage == Stage.DECLINED:
        raise ValidationError(
            _("This municipality's round for %(year)s was declined: it cannot join this cohort.")
            % {"year": call.year}
        )
    return existing


def _pending(application: CallApplication) -> None:
    if application.status != CallApplication.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))


@transaction.atomic
def application_accept(
    *, application: CallApplication, user: User, note: str = ""
) -> CallApplication:
    """A manager of the programme accepts the application: the municipality joins the cohort
    with its round for the call's year (started now, or the one it has), which then belongs to
    the programme."""
    require(user, "calls.decide_application", application)
    _pending(application)
    assessment = _round_for(application)
    programme = application.call.programme
    if not programme.assessments.filter(pk=assessment.pk).exists():
        programme_services.activities_attach(
            actor=user, programme=programme, kind="assessments", activities=[assessment]
        )
    application.assessment = assessment
    application.status = CallApplication.Status.ACCEPTED
    application.decision_note = note
    application.decided_by = user
    application.decided_at = timezone.now()
    application.save()
    return application


@transaction.atomic
def application_decline(*, application: CallApplication, user: User, note: str) -> CallApplication:
    """A manager of the programme declines the application, and must say why."""
    require(user, "calls.decide_application", application)
    _pending(application)
    if not note.strip():
        raise ValidationError({"note": _("Say why the application is declined.")})
    application.status = CallApplication.Status.DECLINED
    application.decision_note = note
    application.decided_by = user
    application.decided_at = timezone.now()
    application.save()
    return application
