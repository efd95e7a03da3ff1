"""The arithmetic of quizzes and self-assessments, kept apart from the database to check easily."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Answers to self-assessment statements run from 0 (not at all) to 4 (fully in place).
MAX_ANSWER = 4
# An area scoring below this share of the maximum is one to strengthen.
WEAK_AREA_THRESHOLD = 60


def quiz_score(correct_answers: int, questions: int) -> int:
    """Whole percentage of questions answered right, rounded down so a pass is never rounded up."""
    if questions == 0:
        return 0
    return correct_answers * 100 // questions


def area_scores(answers_by_area: Mapping[str, Iterable[int]]) -> dict[str, int]:
    """Each area's mean answer as a whole percentage of the maximum (rounded half up)."""
    scores = {}
    for area, answers in answers_by_area.items():
        values = list(answers)
        if values:
            scores[area] = (200 * sum(values) + MAX_ANSWER * len(values)) // (
                2 * MAX_ANSWER * len(values)
            )
    return scores


def weakest_areas(scores: Mapping[str, int]) -> list[str]:
    """Areas below the threshold, weakest first; if none is, the single weakest area."""
    ordered = sorted(scores, key=lambda area: (scores[area], area))
    weak = [area for area in ordered if scores[area] < WEAK_AREA_THRESHOLD]
    return weak or ordered[:1]


@dataclass(frozen=True)
class PathCandidate:
    key: str
    position: int
    target_areas: frozenset[str]


def best_path(scores: Mapping[str, int], candidates: Iterable[PathCandidate]) -> str | None:
    """The path whose target areas carry the largest gap (100 - score) among the weak areas.

    Ties go to the path listed first (its position), so the result never depends on chance.
    """
    weak = set(weakest_areas(scores))
    best: tuple[int, int, str] | None = None
    for candidate in candidates:
        gap = sum(100 - scores[area] for area in candidate.target_areas & weak)
        if gap == 0:
            continue
        ranking = (-gap, candidate.position, candidate.key)
        if best is None or ranking < best:
            best = ranking
    return best[2] if best else None
