"""Self-assessment scores and the recommended path, against figures worked out by hand."""

from __future__ import annotations

import pytest

from migralocal.core.tests.world import World
from migralocal.learning import scoring, selectors, services
from migralocal.learning.models import SelfAssessmentQuestion
from migralocal.learning.tests.builders import make_course, make_path

AREAS = (
    "digital-transformation",
    "organisational-adaptability",
    "financial-sustainability",
    "racial-profiling-non-discrimination",
)


def test_area_score_is_mean_answer_as_share_of_four() -> None:
    # (1+2+1+0+1)/5 = 1.0 of 4 → 25%; (4+4+3+4+4)/5 = 3.8 → 95%; 2.5 of 4 = 62.5 → 63 (half up)
    assert scoring.area_scores({"a": [1, 2, 1, 0, 1], "b": [4, 4, 3, 4, 4], "c": [2, 3]}) == {
        "a": 25,
        "b": 95,
        "c": 63,
    }


def test_weakest_areas_are_those_below_sixty_weakest_first() -> None:
    assert scoring.weakest_areas({"a": 55, "b": 20, "c": 60, "d": 90}) == ["b", "a"]


def test_when_no_area_is_weak_the_lowest_one_is_chosen() -> None:
    assert scoring.weakest_areas({"a": 75, "b": 70, "c": 95}) == ["b"]


def test_path_covering_the_largest_gap_wins() -> None:
    scores = {"dt": 25, "oa": 50, "fs": 40, "nd": 90}
    # Weak: dt (gap 75), fs (60), oa (50). Path X targets dt+oa: 125; Y targets fs: 60.
    candidates = [
        scoring.PathCandidate("y", 0, frozenset({"fs"})),
        scoring.PathCandidate("x", 1, frozenset({"dt", "oa"})),
        scoring.PathCandidate("z", 2, frozenset({"nd"})),
    ]
    assert scoring.best_path(scores, candidates) == "x"


def test_ties_go_to_the_path_listed_first() -> None:
    scores = {"dt": 40, "fs": 40}
    candidates = [
        scoring.PathCandidate("second", 2, frozenset({"fs"})),
        scoring.PathCandidate("first", 1, frozenset({"dt"})),
    ]
    assert scoring.best_path(scores, candidates) == "first"


def test_quiz_score_rounds_down() -> None:
    assert scoring.quiz_score(2, 3) == 66
    assert scoring.quiz_score(0, 0) == 0


@pytest.mark.django_db
def test_twenty_statements_five_per_area_are_shipped() -> None:
    questions = SelfAssessmentQuestion.objects.select_related("area")
    assert questions.count() == 20
    for code in AREAS:
        assert questions.filter(area__code=code).count() == 5


@pytest.mark.django_db
def test_self_assessment_recommends_the_path_for_the_weakest_areas(world: World) -> None:
    finance_course = make_course(world.mexico, "finanzas")
    finance_course.capacity_areas.set([])
    make_path("digital", ["digital-transformation"], [make_course(world.mexico, "digital")], 1)
    finance = make_path("finanzas", ["financial-sustainability"], [finance_course], 2)
    answers = {}
    for question in SelfAssessmentQuestion.objects.select_related("area"):
        # digital 3 of 4 (75%), adaptability 4 (100%), finance 1 (25%), non-discrimination 2 (50%)
        answers[question.code] = {
            "digital-transformation": 3,
            "organisational-adaptability": 4,
            "financial-sustainability": 1,
            "racial-profiling-non-discrimination": 2,
        }[question.area.code]
    assessment = services.self_assessment_submit(
        organisation=world.mexican_cso, user=world.user("member"), answers=answers
    )
    assert assessment.scores == {
        "digital-transformation": 75,
        "organisational-adaptability": 100,
        "financial-sustainability": 25,
        "racial-profiling-non-discrimination": 50,
    }
    assert assessment.recommended_path == finance
    recommendation = selectors.recommendation_for(assessment)
    assert [term.code for term in recommendation.weak_areas] == [
        "financial-sustainability",
        "racial-profiling-non-discrimination",
    ]


@pytest.mark.django_db
def test_self_assessment_refuses_missing_or_out_of_range_answers(world: World) -> None:
    from django.core.exceptions import ValidationError

    codes = list(SelfAssessmentQuestion.objects.values_list("code", flat=True))
    with pytest.raises(ValidationError):
        services.self_assessment_submit(
            organisation=world.mexican_cso, user=None, answers={codes[0]: 2}
        )
    with pytest.raises(ValidationError):
        services.self_assessment_submit(
            organisation=world.mexican_cso, user=None, answers=dict.fromkeys(codes, 7)
        )
    assert not world.mexican_cso.capacity_self_assessments.exists()
