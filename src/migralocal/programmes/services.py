"""Writes of programmes: every one checks the actor's permission first, whoever calls it (a page,
the admin, the demo), and runs in a transaction. django-auditlog records each change (audit.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from migralocal.core.models import Actor, Country, Organisation, User
from migralocal.core.permissions import require
from migralocal.programmes.models import KINDS_BY_CODE, ActivityKind, Programme, model_of


@dataclass
class ProgrammeFields:
    """What a programme says about itself; texts per language ("es", "en")."""

    names: dict[str, str]
    codes: dict[str, str]
    descriptions: dict[str, str]
    starts_on: dt.date
    ends_on: dt.date
    countries: Iterable[Country]
    donors: Iterable[Organisation] = field(default_factory=list)
    implementers: Iterable[Organisation] = field(default_factory=list)
    budget: Decimal | None = None
    currency: str = ""
    is_public: bool = True


def _apply(programme: Programme, fields: ProgrammeFields) -> None:
    programme.starts_on = fields.starts_on
    programme.ends_on = fields.ends_on
    programme.budget = fields.budget
    programme.currency = fields.currency.upper()
    programme.is_public = fields.is_public
    for language, name in fields.names.items():
        if not name:
            continue
        programme.set_current_language(language)
        programme.name = name
        programme.code = fields.codes.get(language) or fields.codes.get("es") or ""
        programme.description = fields.descriptions.get(language, "")
    programme.full_clean(exclude=["slug"] if not programme.slug else None)
    programme.save()
    programme.countries.set(list(fields.countries))
    programme.donors.set(list(fields.donors))
    programme.implementers.set(list(fields.implementers))


@transaction.atomic
def programme_create(
    *, actor: Actor, slug: str, fields: ProgrammeFields, managers: Iterable[User] = ()
) -> Programme:
    require(actor, "programmes.add_programme")
    programme = Programme(slug=slug)
    _apply(programme, fields)
    programme.managers.set(list(managers))
    return programme


@transaction.atomic
def programme_update(*, actor: Actor, programme: Programme, fields: ProgrammeFields) -> Programme:
    require(actor, "programmes.change_programme", programme)
    _apply(programme, fields)
    return programme


@transaction.atomic
def programme_managers_set(*, actor: Actor, programme: Programme, managers: Iterable[User]) -> None:
    require(actor, "programmes.change_programme_managers", programme)
    programme.managers.set(list(managers))


def kind_of(code: str) -> ActivityKind:
    try:
        return KINDS_BY_CODE[code]
    except KeyError:
        raise ValidationError(_("Unknown kind of activity.")) from None


def _check_country(programme: Programme, kind: ActivityKind, activities: Iterable[Any]) -> None:
    """An activity belongs to a programme only in the countries the programme covers."""
    if kind.country_path is None:
        return
    covered = set(programme.countries.values_list("pk", flat=True))
    model = model_of(kind)
    pks = [activity.pk for activity in activities]
    outside = (
        model._default_manager.filter(pk__in=pks)
        .exclude(**{f"{kind.country_path}__in": covered})
        .exists()
    )
    if outside:
        raise ValidationError(_("This activity is in a country the programme does not cover."))


@transaction.atomic
def activities_attach(
    *, actor: Actor, programme: Programme, kind: str, activities: Iterable[Any]
) -> None:
    require(actor, "programmes.change_programme_activities", programme)
    activity_kind = kind_of(kind)
    chosen = list(activities)
    _check_country(programme, activity_kind, chosen)
    getattr(programme, activity_kind.field).add(*chosen)


@transaction.atomic
def activities_detach(
    *, actor: Actor, programme: Programme, kind: str, activities: Iterable[Any]
) -> None:
    require(actor, "programmes.change_programme_activities", programme)
    getattr(programme, kind_of(kind).field).remove(*list(activities))


@transaction.atomic
def activities_choose(
    *, actor: Actor, programme: Programme, kind: str, shown: Iterable[Any], chosen: Iterable[Any]
) -> tuple[int, int]:
    """What a page's filtered multi-select means: of the activities `shown`, those `chosen`
    belong to the programme and the others do not. Returns how many were attached and detached."""
    activity_kind = kind_of(kind)
    shown_set, chosen_set = set(shown), set(chosen)
    if not chosen_set <= shown_set:
        raise ValidationError(_("Choose among the activities shown."))
    attached = set(getattr(programme, activity_kind.field).filter(pk__in=[a.pk for a in shown_set]))
    to_attach, to_detach = chosen_set - attached, (shown_set - chosen_set) & attached
    activities_attach(actor=actor, programme=programme, kind=kind, activities=to_attach)
    activities_detach(actor=actor, programme=programme, kind=kind, activities=to_detach)
    return len(to_attach), len(to_detach)
