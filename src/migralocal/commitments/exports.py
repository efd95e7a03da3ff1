"""CSV and XLSX exports of a filtered list: the same rows, translated headers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from migralocal.commitments.models import Commitment
from migralocal.core import exports as core_exports


def _joined(terms: Iterable[Any]) -> str:
    return "; ".join(str(term) for term in terms)


def columns() -> list[tuple[str, Callable[[Commitment], Any]]]:
    return [
        (_("Title"), lambda c: str(c)),
        (_("City or organisation"), lambda c: c.display_organisation),
        (_("Country"), lambda c: str(c.country)),
        (_("Kind"), lambda c: c.get_kind_display()),
        (_("Status"), lambda c: c.get_status_display()),
        (_("Verified"), lambda c: _("yes") if c.is_verified else _("no")),
        (_("Summary"), lambda c: c.safe_translation_getter("summary", any_language=True) or ""),
        (_("Themes"), lambda c: _joined(c.themes.all())),
        (_("Global Compact objectives"), lambda c: _joined(c.objectives.all())),
        (_("Sustainable Development Goals"), lambda c: _joined(c.sdgs.all())),
        (_("Start"), lambda c: c.start_date.isoformat() if c.start_date else ""),
        (_("End"), lambda c: c.end_date.isoformat() if c.end_date else ""),
        (_("Partners"), lambda c: "; ".join(c.partner_list())),
        (_("Funding sources"), lambda c: "; ".join(c.funding_list())),
        (_("Published"), lambda c: c.published_at.date().isoformat() if c.published_at else ""),
        (pgettext("web address", "Address"), lambda c: c.get_absolute_url()),
    ]


def rows(commitments: QuerySet[Commitment], site_url: str) -> Iterator[list[Any]]:
    chosen = columns()
    yield [header for header, _value in chosen]
    for commitment in commitments:
        row = [value(commitment) for _header, value in chosen]
        row[-1] = site_url.rstrip("/") + row[-1]
        yield row


def csv_lines(commitments: QuerySet[Commitment], site_url: str) -> Iterator[str]:
    return core_exports.csv_lines(rows(commitments, site_url))


def xlsx_bytes(commitments: QuerySet[Commitment], site_url: str) -> bytes:
    return core_exports.xlsx_bytes(rows(commitments, site_url), _("Commitments"))
