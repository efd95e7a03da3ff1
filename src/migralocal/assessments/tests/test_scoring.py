"""Scores computed by hand for the small framework (see helpers.SMALL_FRAMEWORK)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from migralocal.assessments.models import Answer, Framework
from migralocal.assessments.scoring import Results, score_answers, weighted_mean
from migralocal.assessments.tests.helpers import published_small_framework, question

pytestmark = pytest.mark.django_db


def results_for(framework: Framework, values: dict[str, dict[str, Any]]) -> Results:
    answers = {}
    for code, fields in values.items():
        q = question(framework, code)
        answers[q.pk] = Answer(question=q, **fields)
    return score_answers(framework, answers)


def close(value: Decimal | None, expected: float) -> bool:
    return value is not None and abs(float(value) - expected) < 0.01


def test_weights_and_partial_answers() -> None:
    framework = published_small_framework()
    results = results_for(
        framework,
        {
            "q1": {"choice": "partly"},  # 0.5, weight 2
            "q2": {"choice": "all"},  # 1, weight 1
            "q3": {"number": Decimal(5)},  # 5 of 10 → 0.5
            "q4": {"text": "no score"},
            "q5": {"choices": ["x", "z"]},  # 0.25 + 0.5
            "q6": {"date": datetime.date(2025, 1, 1)},
        },
    )
    unit, strategy = results.dimensions[0].indicators
    assert close(unit.score, (0.5 * 2 + 1 * 1) / 3 * 100)  # 66.67
    assert close(strategy.score, 50)
    assert close(results.dimensions[0].score, (66.667 * 1 + 50 * 3) / 4)  # 54.17
    assert close(results.dimensions[1].score, 75)
    assert close(results.overall, (54.1667 + 75) / 2)  # 64.58
    domains = {d.term.code: d.score for d in results.domains}
    assert close(domains["whole-of-government"], 66.667)
    assert close(domains["migrants-rights"], (50 * 3 + 75 * 1) / 4)  # 56.25
    assert [d.dimension.code for d in results.well_developed] == ["health"]
    assert [d.dimension.code for d in results.with_potential] == ["institutions"]


def test_not_applicable_is_left_out_not_counted_as_zero() -> None:
    framework = published_small_framework()
    results = results_for(
        framework,
        {"q1": {"choice": "partly"}, "q2": {"not_applicable": True}, "q3": {"number": 5}},
    )
    assert close(results.dimensions[0].indicators[0].score, 50)  # only q1 counts
    assert close(results.dimensions[0].score, (50 + 50 * 3) / 4)


def test_unanswered_scored_questions_count_zero() -> None:
    framework = published_small_framework()
    results = results_for(framework, {"q2": {"choice": "all"}})
    assert close(results.dimensions[0].indicators[0].score, 1 / 3 * 100)
    assert close(results.dimensions[1].score, 0)


def test_multiple_choice_is_capped_and_numbers_above_target_score_full() -> None:
    framework = published_small_framework()
    results = results_for(
        framework,
        {"q5": {"choices": ["x", "y", "z"]}, "q3": {"number": Decimal(40)}},
    )
    assert close(results.dimensions[1].score, 100)
    assert close(results.dimensions[0].indicators[1].score, 100)


def test_a_level_with_nothing_to_score_has_no_score() -> None:
    assert weighted_mean([(None, Decimal(1)), (Decimal(1), Decimal(0))]) is None
    assert weighted_mean([(Decimal("0.5"), Decimal(2)), (None, Decimal(5))]) == Decimal("0.5")
