"""Scores of one assessment: per question, indicator, dimension, governance domain and overall.

A question scores between 0 and 1: yes 1, partly 0.5, no 0; a single choice the option's score; a
multiple choice the sum of the chosen options' scores, at most 1; a number the answer divided by
the question's target, at most 1. Unanswered scored questions count 0. "Not applicable" answers,
dates and free text are left out. Each level is the weighted mean of the level below (weights as
in the framework), on a scale of 0 to 100; a level with nothing to score has no score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from migralocal.assessments.models import Answer, Dimension, Framework, Indicator, Question

YES_NO_PARTLY_SCORES = {"yes": Decimal(1), "partly": Decimal("0.5"), "no": Decimal(0)}
HUNDRED = Decimal(100)


def question_score(question: Question, answer: Answer | None) -> Decimal | None:
    """The question's score from 0 to 1, or None when it does not count."""
    if not question.is_scored or (answer is not None and answer.not_applicable):
        return None
    if answer is None:
        return Decimal(0)
    kind = question.kind
    if kind == Question.Kind.YES_NO_PARTLY:
        return YES_NO_PARTLY_SCORES.get(answer.choice, Decimal(0))
    option_scores = {option.code: option.score for option in question.options.all()}
    if kind == Question.Kind.SINGLE_CHOICE:
        return option_scores.get(answer.choice, Decimal(0))
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return min(
            Decimal(1), sum((option_scores.get(c, Decimal(0)) for c in answer.choices), Decimal(0))
        )
    if answer.number is None or question.target is None:
        return Decimal(0)
    return max(Decimal(0), min(Decimal(1), answer.number / question.target))


def weighted_mean(pairs: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    counted = [(score, weight) for score, weight in pairs if score is not None and weight > 0]
    total_weight = sum((weight for _score, weight in counted), Decimal(0))
    if not total_weight:
        return None
    return sum((score * weight for score, weight in counted), Decimal(0)) / total_weight


def rounded(score: Decimal | None) -> float | None:
    return None if score is None else float(round(score, 1))


@dataclass
class IndicatorResult:
    indicator: Indicator
    score: Decimal | None


@dataclass
class DimensionResult:
    dimension: Dimension
    score: Decimal | None
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def display(self) -> float | None:
        return rounded(self.score)


@dataclass
class DomainResult:
    term: Any
    score: Decimal | None

    @property
    def display(self) -> float | None:
        return rounded(self.score)


@dataclass
class Results:
    framework: Framework
    overall: Decimal | None
    dimensions: list[DimensionResult]
    domains: list[DomainResult]

    @property
    def overall_display(self) -> float | None:
        return rounded(self.overall)

    @property
    def well_developed(self) -> list[DimensionResult]:
        threshold = self.framework.well_developed_threshold
        return [d for d in self.dimensions if d.score is not None and d.score >= threshold]

    @property
    def with_potential(self) -> list[DimensionResult]:
        """Areas below the threshold, lowest first: where strengthening matters most."""
        threshold = self.framework.well_developed_threshold
        below = [d for d in self.dimensions if d.score is not None and d.score < threshold]
        return sorted(below, key=lambda d: (d.score, d.dimension.position))

    def indicator_scores(self) -> dict[int, Decimal | None]:
        return {r.indicator.pk: r.score for d in self.dimensions for r in d.indicators}

    def dimension_scores_by_code(self) -> dict[str, Decimal | None]:
        return {d.dimension.code: d.score for d in self.dimensions}


def framework_structure(framework: Framework) -> list[Dimension]:
    return list(
        framework.dimensions.prefetch_related(
            "translations",
            "indicators__translations",
            "indicators__migof_domain__translations",
            "indicators__questions__options",
        )
    )


def assessment_results(assessment: Any, structure: list[Dimension] | None = None) -> Results:
    """Score `assessment` over its framework with the answers stored now. `structure`, the
    framework's `framework_structure`, is read once by whoever scores many rounds of it."""
    answers = {answer.question_id: answer for answer in assessment.answers.all()}
    return score_answers(assessment.framework, answers, structure)


def score_answers(
    framework: Framework, answers: dict[int, Answer], structure: list[Dimension] | None = None
) -> Results:
    dimensions: list[DimensionResult] = []
    by_domain: dict[Any, list[tuple[Decimal | None, Decimal]]] = defaultdict(list)
    for dimension in structure if structure is not None else framework_structure(framework):
        indicator_results = []
        for indicator in dimension.indicators.all():
            score = weighted_mean(
                (question_score(question, answers.get(question.pk)), question.weight)
                for question in indicator.questions.all()
            )
            score = None if score is None else score * HUNDRED
            indicator_results.append(IndicatorResult(indicator, score))
            if indicator.migof_domain is not None:
                by_domain[indicator.migof_domain].append((score, indicator.weight))
        dimension_score = weighted_mean(
            (result.score, result.indicator.weight) for result in indicator_results
        )
        dimensions.append(DimensionResult(dimension, dimension_score, indicator_results))
    domains = [
        DomainResult(term, weighted_mean(pairs))
        for term, pairs in sorted(by_domain.items(), key=lambda item: item[0].position)
    ]
    overall = weighted_mean((d.score, d.dimension.weight) for d in dimensions)
    return Results(framework, overall, dimensions, domains)
