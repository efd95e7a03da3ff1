"""A programme as an IATI 2.03 activity file (docs/programmes.md#iati-activity-files).

The file is public transparency data: what the programme page shows, in the shape donors and
aggregators read. The writer has two parts: `activity_file` writes what the programme record
holds, and `add_results` writes a results framework given as plain dataclasses (`IatiResult`),
so that whatever keeps the framework only has to build those (`results_of`)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditlog.signals import accessed
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from lxml import etree

from migralocal.core import exports
from migralocal.core.models import Actor, Organisation
from migralocal.core.permissions import require
from migralocal.programmes.models import Programme

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# OECD DAC 5-digit purpose code (sector vocabulary 1): "Facilitation of orderly, safe, regular and
# responsible migration and mobility", the purpose of local migration governance.
SECTOR_VOCABULARY_DAC = "1"
SECTOR_MIGRATION = "15190"
# After its end date a programme is "finalisation" for this long (accounts and evaluations still
# open), then "closed": the record holds no date of financial closure to say it exactly.
FINALISATION_DAYS = 365

# Texts in several languages ({"es": …, "en": …}), or one text in the file's default language.
Texts = Mapping[str, str] | str
Value = int | Decimal | float | str


class ActivityStatus(enum.StrEnum):
    PIPELINE = "1"
    IMPLEMENTATION = "2"
    FINALISATION = "3"
    CLOSED = "4"


class DateType(enum.StrEnum):
    PLANNED_START = "1"
    ACTUAL_START = "2"
    PLANNED_END = "3"
    ACTUAL_END = "4"


class OrganisationRole(enum.StrEnum):
    FUNDING = "1"
    ACCOUNTABLE = "2"
    EXTENDING = "3"
    IMPLEMENTING = "4"


class ResultType(enum.StrEnum):
    OUTPUT = "1"
    OUTCOME = "2"
    IMPACT = "3"
    OTHER = "9"


class Measure(enum.StrEnum):
    UNIT = "1"
    PERCENTAGE = "2"
    NOMINAL = "3"
    ORDINAL = "4"
    QUALITATIVE = "5"


# IATI OrganisationType codes for the kinds of organisation the platform knows.
ORGANISATION_TYPES: dict[str, str] = {
    Organisation.Kind.NATIONAL_GOVERNMENT: "10",
    Organisation.Kind.MUNICIPALITY: "11",
    Organisation.Kind.CIVIL_SOCIETY: "22",
    Organisation.Kind.INTERNATIONAL: "40",
    Organisation.Kind.PRIVATE_SECTOR: "70",
    Organisation.Kind.ACADEMIC: "80",
}


# The results framework, as the writer takes it ------------------------------------------------


@dataclass(frozen=True)
class IatiBaseline:
    year: int
    value: Value | None = None
    comment: Texts = ""


@dataclass(frozen=True)
class IatiPeriod:
    """One reporting period of an indicator; `target` and `actual` are left out when None. For a
    qualitative indicator they are texts, written as comments."""

    start: dt.date
    end: dt.date
    target: Value | None = None
    actual: Value | None = None


@dataclass(frozen=True)
class IatiIndicator:
    title: Texts
    measure: Measure = Measure.UNIT
    ascending: bool = True
    baseline: IatiBaseline | None = None
    periods: Sequence[IatiPeriod] = ()
    description: Texts = ""


@dataclass(frozen=True)
class IatiResult:
    """An outcome or an output (IATI results are a flat list, each with its type)."""

    title: Texts
    indicators: Sequence[IatiIndicator] = ()
    type: ResultType = ResultType.OUTPUT
    description: Texts = ""


@dataclass(frozen=True)
class ReportingOrg:
    ref: str
    type: str
    name: Texts = ""

    @classmethod
    def from_settings(cls) -> ReportingOrg:
        return cls(
            ref=settings.IATI_REPORTING_ORG_REF,
            type=settings.IATI_REPORTING_ORG_TYPE,
            name=settings.IATI_REPORTING_ORG_NAME,
        )


# Writing -----------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text as XML can carry it, without surrounding spaces."""
    return exports.xml_text(text).strip()


def _language_order(language: str) -> tuple[int, str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return (codes.index(language) if language in codes else len(codes), language)


def _add_narratives(parent: etree._Element, texts: Texts) -> int:
    """One narrative per language (xml:lang), in the site's language order; how many."""
    if isinstance(texts, str):
        texts = {"": texts}
    written = 0
    for language in sorted(texts, key=_language_order):
        text = _clean(texts[language] or "")
        if not text:
            continue
        narrative = etree.SubElement(parent, "narrative")
        if language:
            narrative.set(XML_LANG, language)
        narrative.text = text
        written += 1
    return written


def _has_text(texts: Texts) -> bool:
    values = [texts] if isinstance(texts, str) else list(texts.values())
    return any(_clean(value or "") for value in values)


def _text_element(parent: etree._Element, tag: str, texts: Texts, **attributes: str) -> None:
    """`<tag><narrative>…</narrative></tag>`, left out when there is no text."""
    if _has_text(texts):
        _add_narratives(etree.SubElement(parent, tag, attributes), texts)


def _value(value: Value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _date(parent: etree._Element, tag: str, day: dt.date, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, tag, {**attributes, "iso-date": day.isoformat()})


def _measured(
    parent: etree._Element,
    tag: str,
    measure: Measure,
    value: Value | None,
    comment: Texts = "",
    **attributes: str,
) -> None:
    """A baseline, target or actual: its value, or for a qualitative indicator a text, written
    as its comment."""
    element = etree.SubElement(parent, tag, attributes)
    if measure == Measure.QUALITATIVE and isinstance(value, str):
        comment = comment or value
    elif value is not None:
        element.set("value", _value(value))
    _text_element(element, "comment", comment)


def _add_indicator(result: etree._Element, indicator: IatiIndicator) -> None:
    element = etree.SubElement(
        result,
        "indicator",
        measure=indicator.measure.value,
        ascending="true" if indicator.ascending else "false",
    )
    _add_narratives(etree.SubElement(element, "title"), indicator.title)
    _text_element(element, "description", indicator.description)
    baseline = indicator.baseline
    if baseline is not None:
        _measured(
            element,
            "baseline",
            indicator.measure,
            baseline.value,
            baseline.comment,
            year=str(baseline.year),
        )
    for period in indicator.periods:
        node = etree.SubElement(element, "period")
        _date(node, "period-start", period.start)
        _date(node, "period-end", period.end)
        if period.target is not None:
            _measured(node, "target", indicator.measure, period.target)
        if period.actual is not None:
            _measured(node, "actual", indicator.measure, period.actual)


def result_element(result: IatiResult) -> etree._Element:
    """One `result`: its title and description, each indicator with its baseline and periods."""
    element = etree.Element("result", type=result.type.value)
    _add_narratives(etree.SubElement(element, "title"), result.title)
    _text_element(element, "description", result.description)
    for indicator in result.indicators:
        _add_indicator(element, indicator)
    return element


def add_results(activity: etree._Element, results: Iterable[IatiResult]) -> None:
    """Append the results to an `iati-activity`, where the schema wants them: last. A result
    without indicators is left out (IATI requires at least one)."""
    for result in results:
        if result.indicators:
            activity.append(result_element(result))


def results_of(programme: Programme) -> list[IatiResult]:
    """The programme's results framework as IATI results: each output with its outcome's title
    as description, each indicator with its baseline and one period per target period (the whole
    programme when it has no target), target and actual as the results page computes them. The
    file is public, so counts are protected as on the public figures: a hidden count is left out.
    """
    from migralocal.programmes import results_selectors

    outcomes = results_selectors.framework_of(programme)
    indicators = [
        indicator
        for outcome in outcomes
        for output in outcome.outputs.all()
        for indicator in output.indicators.all()
    ]
    periods = {indicator.pk: _reporting_periods(programme, indicator) for indicator in indicators}
    figures = {
        period: {
            result.pk: result
            for result in results_selectors.results(
                programme, *period, suppressed=True, per_country=False
            ).indicators()
        }
        for period in sorted({period for some in periods.values() for period in some})
    }
    return [
        IatiResult(
            title=_translations(output, "title"),
            description=_translations(outcome, "title"),
            indicators=[
                _iati_indicator(indicator, periods[indicator.pk], figures)
                for indicator in output.indicators.all()
            ],
        )
        for outcome in outcomes
        for output in outcome.outputs.all()
        if output.indicators.all()
    ]


Span = tuple[dt.date, dt.date]


def _reporting_periods(programme: Programme, indicator: Any) -> list[Span]:
    spans = sorted({(target.starts_on, target.ends_on) for target in indicator.targets.all()})
    return spans or [(programme.starts_on, programme.ends_on)]


def _iati_indicator(
    indicator: Any, spans: list[Span], figures: dict[Span, dict[int, Any]]
) -> IatiIndicator:
    from migralocal.programmes.results import ResultIndicator

    baseline = None
    if indicator.baseline_year is not None:
        baseline = IatiBaseline(year=indicator.baseline_year, value=indicator.baseline_value)
    periods = []
    for span in spans:
        shown = figures[span][indicator.pk]
        actual = None if shown.actual_hidden else shown.actual
        periods.append(IatiPeriod(*span, target=shown.target, actual=actual))
    percent = indicator.unit == ResultIndicator.Unit.PERCENT
    return IatiIndicator(
        title=_translations(indicator, "title"),
        description=_translations(indicator, "definition"),
        measure=Measure.PERCENTAGE if percent else Measure.UNIT,
        ascending=indicator.ascending,
        baseline=baseline,
        periods=periods,
    )


def _translations(translated: Any, name: str) -> dict[str, str]:
    """A translated field in every language it is written in (no fallback between them)."""
    return {
        translation.language_code: getattr(translation, name) or ""
        for translation in translated.translations.all()
    }


def activity_status(programme: Programme, today: dt.date) -> ActivityStatus:
    """Pipeline before the start, implementation until the end, finalisation for
    `FINALISATION_DAYS` after it, closed afterwards."""
    if today < programme.starts_on:
        return ActivityStatus.PIPELINE
    if today <= programme.ends_on:
        return ActivityStatus.IMPLEMENTATION
    if (today - programme.ends_on).days <= FINALISATION_DAYS:
        return ActivityStatus.FINALISATION
    return ActivityStatus.CLOSED


def country_percentages(codes: Sequence[str]) -> list[tuple[str, Decimal]]:
    """Each country an equal share of 100 to two decimals, the odd cents to the first ones, so
    that the shares add up to exactly 100."""
    if not codes:
        return []
    cents, extra = divmod(10_000, len(codes))
    return [
        (code, (Decimal(cents + (1 if index < extra else 0)) / 100).quantize(Decimal("0.01")))
        for index, code in enumerate(codes)
    ]


def _participating_org(
    activity: etree._Element, role: OrganisationRole, name: Texts, org_type: str = ""
) -> None:
    attributes = {"role": role.value}
    if org_type:
        attributes["type"] = org_type
    _add_narratives(etree.SubElement(activity, "participating-org", attributes), name)


def _add_participating_orgs(
    activity: etree._Element, programme: Programme, reporting: ReportingOrg
) -> None:
    """Donors fund, implementers implement. Organisations hold no IATI identifier here, so no
    `ref`. A programme that names neither has the reporting organisation as accountable, since
    IATI wants at least one."""
    listed = 0
    for role, organisations in (
        (OrganisationRole.FUNDING, programme.donors.order_by("name")),
        (OrganisationRole.IMPLEMENTING, programme.implementers.order_by("name")),
    ):
        for organisation in organisations:
            _participating_org(
                activity, role, organisation.name, ORGANISATION_TYPES.get(organisation.kind, "")
            )
            listed += 1
    if not listed:
        attributes = {"role": OrganisationRole.ACCOUNTABLE.value, "ref": reporting.ref}
        if reporting.type:
            attributes["type"] = reporting.type
        _add_narratives(etree.SubElement(activity, "participating-org", attributes), reporting.name)


def _add_dates(activity: etree._Element, programme: Programme, today: dt.date) -> None:
    _date(activity, "activity-date", programme.starts_on, type=DateType.PLANNED_START.value)
    if programme.starts_on <= today:
        _date(activity, "activity-date", programme.starts_on, type=DateType.ACTUAL_START.value)
    _date(activity, "activity-date", programme.ends_on, type=DateType.PLANNED_END.value)
    if programme.ends_on < today:
        _date(activity, "activity-date", programme.ends_on, type=DateType.ACTUAL_END.value)


def _add_countries(activity: etree._Element, programme: Programme) -> None:
    countries = {country.code: country for country in programme.countries.all()}
    for code, percentage in country_percentages(sorted(countries)):
        element = etree.SubElement(
            activity, "recipient-country", code=code, percentage=_value(percentage)
        )
        names = {
            translation.language_code: translation.name
            for translation in countries[code].translations.all()
        }
        _add_narratives(element, names)


def _add_budget(activity: etree._Element, programme: Programme) -> None:
    """The programme's total, over its whole period: original (1), indicative (1)."""
    if programme.budget is None:
        return
    budget = etree.SubElement(activity, "budget", type="1", status="1")
    _date(budget, "period-start", programme.starts_on)
    _date(budget, "period-end", programme.ends_on)
    value = etree.SubElement(budget, "value", {"value-date": programme.starts_on.isoformat()})
    if programme.currency:
        value.set("currency", programme.currency)
    value.text = format(programme.budget.quantize(Decimal("0.01")), "f")


def iati_identifier(programme: Programme, reporting: ReportingOrg) -> str:
    """`{reporting org ref}-{programme slug}`: the slug is unique and stays the same, where a
    programme's code differs between languages and may repeat."""
    return f"{reporting.ref}-{programme.slug}"


def activity_element(
    programme: Programme,
    *,
    results: Iterable[IatiResult] = (),
    today: dt.date | None = None,
    reporting: ReportingOrg | None = None,
) -> etree._Element:
    """The `iati-activity` of a programme, its elements in the order the schema requires."""
    today = today or timezone.localdate()
    reporting = reporting or ReportingOrg.from_settings()
    prefetch_related_objects([programme], "translations", "countries__translations")
    attributes = {
        "last-updated-datetime": programme.updated_at.isoformat(timespec="seconds"),
        XML_LANG: settings.LANGUAGE_CODE,
    }
    if programme.currency:
        attributes["default-currency"] = programme.currency
    activity = etree.Element("iati-activity", attributes)
    etree.SubElement(activity, "iati-identifier").text = iati_identifier(programme, reporting)
    reporting_org = etree.SubElement(
        activity, "reporting-org", ref=reporting.ref, type=reporting.type
    )
    _add_narratives(reporting_org, reporting.name or reporting.ref)

    names = _translations(programme, "name")
    _add_narratives(etree.SubElement(activity, "title"), names)
    descriptions = _translations(programme, "description")
    # IATI wants a description: where the programme has none, its name stands in.
    general = etree.SubElement(activity, "description", type="1")
    _add_narratives(general, descriptions if _has_text(descriptions) else names)
    _add_participating_orgs(activity, programme, reporting)
    code = _translations(programme, "code").get(settings.LANGUAGE_CODE) or ""
    if _clean(code):
        # The programme's own code, as the reporting organisation's internal identifier (A1).
        other = etree.SubElement(activity, "other-identifier", ref=_clean(code), type="A1")
        owner = etree.SubElement(other, "owner-org", ref=reporting.ref)
        _add_narratives(owner, reporting.name or reporting.ref)
    etree.SubElement(activity, "activity-status", code=activity_status(programme, today).value)
    _add_dates(activity, programme, today)
    _add_countries(activity, programme)
    sector = etree.SubElement(
        activity, "sector", vocabulary=SECTOR_VOCABULARY_DAC, code=SECTOR_MIGRATION
    )
    sector.set("percentage", "100")
    _add_budget(activity, programme)
    add_results(activity, results)
    return activity


def activity_file(
    programme: Programme,
    *,
    results: Iterable[IatiResult] | None = None,
    today: dt.date | None = None,
    generated_at: dt.datetime | None = None,
    reporting: ReportingOrg | None = None,
) -> bytes:
    """The programme's `iati-activities` file (UTF-8, with its XML declaration), with `results`,
    or those `results_of` gives when None."""
    generated_at = generated_at or timezone.now()
    root = etree.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": generated_at.isoformat(timespec="seconds")},
    )
    root.append(
        activity_element(
            programme,
            results=results_of(programme) if results is None else results,
            today=today,
            reporting=reporting,
        )
    )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def record_private_read(programme: Programme) -> None:
    """A private programme's file leaves the platform: django-auditlog records it as an access
    (by the signed-in person; by no one from the command line)."""
    if not programme.is_public:
        accessed.send(sender=Programme, instance=programme)


def programme_iati_download(*, actor: Actor, programme: Programme) -> bytes:
    """The programme's IATI file for someone who may read the programme: anyone for a public
    one, its managers and the platform admins for a private one (whose download is audited)."""
    require(actor, "programmes.view_programme", programme)
    data = activity_file(programme)
    record_private_read(programme)
    return data
