"""From a reader's query (GET parameters) to the scope of a report, within what they may see."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from migralocal.core.models import AdministrativeArea, Country
from migralocal.programmes.models import Programme
from migralocal.reports import selectors
from migralocal.reports.forms import ReportForm
from migralocal.reports.selectors import DateRange, ReportScope

PARAMETERS = ("programme", "country", "municipality", "year", "quarter", "start", "end")


@dataclass(frozen=True)
class Query:
    form: ReportForm
    scope: ReportScope | None

    def parameters(self) -> dict[str, str]:
        """The query as plain strings, to rebuild it later (a background export)."""
        data = self.form.data
        return {name: str(data.get(name) or "") for name in PARAMETERS}


def read_query(
    data: Mapping[str, Any],
    countries: QuerySet[Country],
    *,
    programmes: QuerySet[Programme],
    municipalities: QuerySet[AdministrativeArea] | None = None,
) -> Query:
    """Validate the query against the countries and programmes the reader may see; this year by
    default. With `municipalities`, the reader may see those places only: one of them must be
    chosen (the first until they choose). A programme narrows the countries to its own; a
    programme the reader may not see is refused as one that does not exist."""
    years = selectors.report_years()
    values = QueryDict(mutable=True)
    for name in PARAMETERS:
        if data.get(name):
            values[name] = str(data.get(name))
    values.setdefault("year", str(years[0]))
    slug = values.get("programme", "")
    programme = programmes.filter(slug=slug).first() if slug else None
    if programme is not None:
        countries = countries.filter(pk__in=programme.countries.values("pk"))
    first = (
        municipalities.filter(country__in=countries).first() if municipalities is not None else None
    )
    if first is not None:
        values.setdefault("country", first.country.code)
        values.setdefault("municipality", first.code)
    country_code = values.get("country", "")
    chosen_country = countries.filter(code=country_code).first() if country_code else None
    choices = selectors.municipalities_of(chosen_country)
    if municipalities is not None:
        choices = choices.filter(pk__in=municipalities.values("pk"))
    form = ReportForm(
        values,
        countries=countries,
        municipalities=choices,
        years=years,
        programmes=programmes,
        programme_chosen=programme is not None,
        municipality_required=municipalities is not None,
    )
    if not form.is_valid():
        return Query(form, None)
    cleaned = form.cleaned_data
    scope = selectors.scope_from(
        country=cleaned.get("country"),
        municipality=cleaned.get("municipality"),
        period=form.period(),
        programme=cleaned.get("programme"),
    )
    return Query(form, scope)


def protected_by_year_or_quarter(query: Query) -> Query:
    """The query as a protected reader may have it: protected figures come for a year or a
    quarter only. Rounding protects overlapping scopes, but ranges of days that differ by one
    day would, taken together, tell on which day a count moved, and so who came when."""
    if query.scope is None or not isinstance(query.scope.period, DateRange):
        return query
    query.form.add_error(
        "start",
        _(
            "Ranges of days are for readers of full figures. Protected figures are given for a "
            "year or a quarter: choose one of those."
        ),
    )
    return Query(query.form, None)
