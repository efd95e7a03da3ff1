"""The recommendations of an engagement as a spreadsheet: one row each, in both languages,
with the government's response and where it was incorporated. Cells go through
core.exports, which keeps formulas out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from migralocal.advisory.models import Recommendation


def headers() -> list[str]:
    return [
        _("Instrument"),
        _("Round"),
        _("No."),
        _("Priority"),
        _("Themes"),
        _("Recommendation (Spanish)"),
        _("Recommendation (English)"),
        _("Response"),
        _("Response note"),
        _("Incorporated in"),
        _("Draft that shows it"),
        _("Link that shows it"),
        _("Answered on"),
    ]


def _text(recommendation: Recommendation, language: str) -> str:
    return str(
        recommendation.safe_translation_getter("text", language_code=language, default="") or ""
    )


def rows(
    recommendations: QuerySet[Recommendation] | Iterable[Recommendation],
) -> Iterator[list[Any]]:
    for recommendation in recommendations:
        review_round = recommendation.review_round
        instrument = review_round.instrument
        yield [
            instrument.acronym or str(instrument),
            review_round.number,
            recommendation.code,
            recommendation.get_priority_display(),
            "; ".join(str(theme) for theme in recommendation.themes.all()),
            _text(recommendation, "es"),
            _text(recommendation, "en"),
            recommendation.get_response_display(),
            recommendation.response_note,
            recommendation.evidence_section,
            str(recommendation.evidence_version or ""),
            recommendation.evidence_link,
            recommendation.responded_at.date() if recommendation.responded_at else "",
        ]


def summary_pdf(engagement: Any) -> bytes:
    """The engagement for the government, in the reader's language: its instruments and where
    each stands, the figures, and every recommendation sent with the response and where it was
    incorporated. Recommendations of a round not yet sent are left out: they are still drafts."""
    from weasyprint import HTML  # imported here: it loads system libraries that pages don't need

    from migralocal.advisory import selectors

    sent = [
        recommendation
        for recommendation in selectors.recommendations_of(engagement)
        if recommendation.review_round.is_sent
    ]
    html = render_to_string(
        "advisory/summary_pdf.html",
        {
            "engagement": engagement,
            "instruments": selectors.instruments_of(engagement),
            "figures": selectors.figures_of(engagement),
            "recommendations": sent,
        },
    )
    return bytes(HTML(string=html).write_pdf())
