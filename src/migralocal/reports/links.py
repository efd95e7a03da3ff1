"""Where each figure leads: the list behind it, when such a page exists and the reader may open
it. Links carry the report's country where the list page filters by country."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from migralocal.core.models import Actor
from migralocal.reports.selectors import ReportScope


def _with(url_name: str, **query: Any) -> str:
    wanted = {name: value for name, value in query.items() if value not in (None, "")}
    url = reverse(url_name)
    return f"{url}?{urlencode(wanted)}" if wanted else url


def _country(scope: ReportScope) -> Any:
    return None if scope.is_region else scope.countries[0]


def link_for(key: str, scope: ReportScope, user: Actor, *, public: bool) -> str:
    """The address of the list behind indicator `key`, or "" when there is none to open."""
    country = _country(scope)
    code = country.code if country is not None else None
    pk = country.pk if country is not None else None
    public_links = {
        "hubs_active": _with("directory:search", country=pk),
        "commitments": _with("commitments:list", country=code),
        "certification": reverse("assessments:certified_list"),
    }
    if public:
        return public_links.get(key, "")
    staff_links: dict[str, tuple[str, str]] = {
        "people_trained": ("learning.view_event_reports", reverse("learning:event_report")),
        "officials_trained": ("learning.view_event_reports", reverse("learning:event_report")),
        "events_by_kind": ("learning.view_event_reports", reverse("learning:event_report")),
        "organisations_mentored": (
            "learning.view_mentoring_figures",
            reverse("learning:mentoring_figures"),
        ),
        "certification": ("assessments.browse_assessments", reverse("assessments:assessment_list")),
        "actions": ("assessments.browse_assessments", reverse("assessments:assessment_list")),
    }
    if pk is not None:
        municipality = scope.municipality.pk if scope.municipality is not None else None
        area = _with(
            "consultations:area_dashboard",
            country=pk,
            municipality=municipality,
            year=scope.period.year,
        )
        staff_links["consultations"] = ("consultations.view_area_dashboard", area)
        staff_links["referrals"] = ("consultations.view_area_dashboard", area)
    if key in staff_links:
        permission, url = staff_links[key]
        return url if user.has_perm(permission) else ""
    return public_links.get(key, "")
