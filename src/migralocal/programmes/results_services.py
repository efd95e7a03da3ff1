"""Writes of a programme's results framework. Only the programme's managers and the platform
admins keep it (`programmes.change_programme_results`); every write checks that first, validates
everything before it writes anything, and runs in a transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from migralocal.core.models import Actor, Country, User
from migralocal.core.permissions import require
from migralocal.core.uploads import SIGNATURES, check_upload
from migralocal.programmes.models import Programme
from migralocal.programmes.results import ManualActual, Outcome, Output, ResultIndicator, Target
from migralocal.programmes.results_selectors import measure_catalogue, measure_of

PERMISSION = "programmes.change_programme_results"
LANGUAGES = ("es", "en")
# Baselines and targets are written from this year on, and a baseline may come from earlier.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


def _require(actor: Actor, programme: Programme) -> None:
    require(actor, PERMISSION, programme)


def _set_texts(instance: Any, texts: dict[str, dict[str, str]]) -> None:
    """Give a parler model its texts; a title is needed in one language at least."""
    titles = {language: text.strip() for language, text in texts["title"].items() if text}
    if not any(titles.values()):
        raise ValidationError({"title": _("Give a title, in Spanish or in English.")})
    for language in LANGUAGES:
        values = {
            name: (by_language.get(language) or "").strip() for name, by_language in texts.items()
        }
        if not values["title"]:
            continue
        instance.set_current_language(language)
        for name, value in values.items():
            setattr(instance, name, value)
    instance.full_clean(exclude=["programme", "outcome", "output"])
    instance.save()


def _next_position(rows: models.QuerySet[Any]) -> int:
    last = rows.aggregate(last=models.Max("position"))["last"]
    return int(last or 0) + 1


# Outcomes and outputs -------------------------------------------------------------------------


@transaction.atomic
def outcome_create(
    *, actor: Actor, programme: Programme, titles: dict[str, str], position: int | None = None
) -> Outcome:
    _require(actor, programme)
    outcome = Outcome(
        programme=programme,
        position=position or _next_position(Outcome.objects.filter(programme=programme)),
    )
    _set_texts(outcome, {"title": titles})
    return outcome


@transaction.atomic
def outcome_update(
    *, actor: Actor, outcome: Outcome, titles: dict[str, str], position: int | None = None
) -> Outcome:
    _require(actor, outcome.programme)
    if position:
        outcome.position = position
    _set_texts(outcome, {"title": titles})
    return outcome


@transaction.atomic
def outcome_delete(*, actor: Actor, outcome: Outcome) -> None:
    """An outcome goes with its outputs, their indicators, targets and reported actuals."""
    _require(actor, outcome.programme)
    outcome.delete()


@transaction.atomic
def output_create(
    *, actor: Actor, outcome: Outcome, titles: dict[str, str], position: int | None = None
) -> Output:
    _require(actor, outcome.programme)
    output = Output(
        outcome=outcome,
        position=position or _next_position(Output.objects.filter(outcome=outcome)),
    )
    _set_texts(output, {"title": titles})
    return output


@transaction.atomic
def output_update(
    *, actor: Actor, output: Output, titles: dict[str, str], position: int | None = None
) -> Output:
    _require(actor, output.outcome.programme)
    if position:
        output.position = position
    _set_texts(output, {"title": titles})
    return output


@transaction.atomic
def output_delete(*, actor: Actor, output: Output) -> None:
    _require(actor, output.outcome.programme)
    output.delete()


# Indicators -----------------------------------------------------------------------------------


@dataclass
class IndicatorFields:
    """What an indicator says: texts per language, and for a computed one the catalogue's code
    of what it counts ("people_trained/gender/woman", "certification/headline")."""

    titles: dict[str, str]
    definitions: dict[str, str]
    source: str = ResultIndicator.Source.COMPUTED
    measure: str = ""
    unit: str = ResultIndicator.Unit.NUMBER
    ascending: bool = True
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    disaggregations: str = ""
    position: int | None = None


def _measure_parts(fields: IndicatorFields) -> tuple[str, str, str]:
    """The catalogue entry a computed indicator names, checked against its unit."""
    if fields.source != ResultIndicator.Source.COMPUTED:
        return "", "", ""
    key, series, category = ([*fields.measure.split("/"), "", ""])[:3]
    measure = measure_of(measure_catalogue(), key, series, category)
    if measure is None:
        raise ValidationError(
            {"measure": _("Choose what the platform counts among the reports' indicators.")}
        )
    if fields.unit == ResultIndicator.Unit.PERCENT and not measure.percent:
        raise ValidationError(
            {"unit": _("This figure is a count: a percentage needs a category or a headline.")}
        )
    if fields.unit == ResultIndicator.Unit.NUMBER and not measure.number:
        raise ValidationError({"unit": _("This figure is a percentage.")})
    return key, series, category


def _check_indicator(fields: IndicatorFields) -> None:
    if fields.source not in ResultIndicator.Source.values:
        raise ValidationError({"source": _("Choose where the actual comes from.")})
    if fields.unit not in ResultIndicator.Unit.values:
        raise ValidationError({"unit": _("Choose a unit.")})
    if (
        fields.baseline_year is not None
        and not EARLIEST_YEAR <= fields.baseline_year <= LATEST_YEAR
    ):
        raise ValidationError({"baseline_year": _("Give a year such as 2022.")})
    if (fields.baseline_value is None) != (fields.baseline_year is None):
        raise ValidationError({"baseline_year": _("A baseline needs both its value and its year.")})


def _apply_indicator(indicator: ResultIndicator, fields: IndicatorFields) -> ResultIndicator:
    _check_indicator(fields)
    key, series, category = _measure_parts(fields)
    indicator.source = fields.source
    indicator.measure_key, indicator.measure_series, indicator.measure_category = (
        key,
        series,
        category,
    )
    indicator.unit = fields.unit
    indicator.ascending = fields.ascending
    indicator.baseline_value = fields.baseline_value
    indicator.baseline_year = fields.baseline_year
    indicator.disaggregations = (
        fields.disaggregations.strip() if fields.source == ResultIndicator.Source.MANUAL else ""
    )
    if fields.position:
        indicator.position = fields.position
    _set_texts(indicator, {"title": fields.titles, "definition": fields.definitions})
    return indicator


@transaction.atomic
def indicator_create(*, actor: Actor, output: Output, fields: IndicatorFields) -> ResultIndicator:
    _require(actor, output.outcome.programme)
    indicator = ResultIndicator(
        output=output,
        position=_next_position(ResultIndicator.objects.filter(output=output)),
    )
    return _apply_indicator(indicator, fields)


@transaction.atomic
def indicator_update(
    *, actor: Actor, indicator: ResultIndicator, fields: IndicatorFields
) -> ResultIndicator:
    _require(actor, indicator.output.outcome.programme)
    return _apply_indicator(indicator, fields)


@transaction.atomic
def indicator_delete(*, actor: Actor, indicator: ResultIndicator) -> None:
    _require(actor, indicator.output.outcome.programme)
    indicator.delete()


# Targets and reported actuals -----------------------------------------------------------------


def programme_of(indicator: ResultIndicator) -> Programme:
    return indicator.output.outcome.programme


def _check_period_and_place(
    indicator: ResultIndicator,
    starts_on: dt.date,
    ends_on: dt.date,
    country: Country | None,
    value: Decimal,
) -> None:
    programme = programme_of(indicator)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A period ends after it starts.")})
    if starts_on < programme.starts_on or ends_on > programme.ends_on:
        raise ValidationError(
            {
                "starts_on": _("The period must lie within the programme's, %(start)s to %(end)s.")
                % {"start": programme.starts_on.isoformat(), "end": programme.ends_on.isoformat()}
            }
        )
    if country is not None and not programme.countries.filter(pk=country.pk).exists():
        raise ValidationError({"country": _("Choose one of the programme's countries.")})
    if value < 0:
        raise ValidationError({"value": _("Give a number of zero or more.")})
    if indicator.is_percent and value > 100:
        raise ValidationError({"value": _("A percentage is at most 100.")})


@transaction.atomic
def target_create(
    *,
    actor: Actor,
    indicator: ResultIndicator,
    starts_on: dt.date,
    ends_on: dt.date,
    value: Decimal,
    country: Country | None = None,
) -> Target:
    """A target over a period within the programme's, in one of its countries or in all."""
    _require(actor, programme_of(indicator))
    _check_period_and_place(indicator, starts_on, ends_on, country, value)
    return Target.objects.create(
        indicator=indicator, starts_on=starts_on, ends_on=ends_on, country=country, value=value
    )


@transaction.atomic
def target_delete(*, actor: Actor, target: Target) -> None:
    _require(actor, programme_of(target.indicator))
    target.delete()


@transaction.atomic
def actual_create(
    *,
    actor: Actor,
    indicator: ResultIndicator,
    starts_on: dt.date,
    ends_on: dt.date,
    value: Decimal,
    source: str,
    country: Country | None = None,
    evidence_url: str = "",
    evidence_file: UploadedFile | None = None,
) -> ManualActual:
    """A figure reported by hand, for an indicator the platform does not count, with its
    source: who counted it and how."""
    _require(actor, programme_of(indicator))
    if indicator.is_computed:
        raise ValidationError(_("The platform counts this indicator: its actual is not typed."))
    if not source.strip():
        raise ValidationError({"source": _("Say where the figure comes from.")})
    _check_period_and_place(indicator, starts_on, ends_on, country, value)
    actual = ManualActual(
        indicator=indicator,
        starts_on=starts_on,
        ends_on=ends_on,
        country=country,
        value=value,
        source=source.strip(),
        evidence_url=evidence_url,
        entered_by=actor if isinstance(actor, User) else None,
    )
    if evidence_file is not None:
        try:
            check_upload(evidence_file, tuple(SIGNATURES))
        except ValidationError as error:
            raise ValidationError({"evidence_file": error.messages}) from error
        actual.evidence_file = evidence_file
    actual.full_clean(exclude=["entered_by", "evidence_file"])
    actual.save()
    return actual


@transaction.atomic
def actual_delete(*, actor: Actor, actual: ManualActual) -> None:
    _require(actor, programme_of(actual.indicator))
    actual.delete()
