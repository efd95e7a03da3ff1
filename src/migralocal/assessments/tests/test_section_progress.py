"""Each section of the self-assessment shows its progress and leads on to the next section."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.assessments import selectors, services
from migralocal.assessments.models import Assessment, Stage
from migralocal.assessments.tests.helpers import answer_all, published_small_framework, question
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def open_round(world: World) -> Assessment:
    return Assessment.objects.create(
        organisation=world.el_progreso_municipality,
        country=world.honduras,
        framework=published_small_framework(),
        year=2026,
        stage=Stage.SELF_ASSESSMENT,
    )


def answer(round_: Assessment, world: World, code: str, **values: object) -> None:
    services.answer_save(
        assessment=round_,
        question=question(round_.framework, code),
        user=world.user("focal_point"),
        expected_version=0,
        **values,  # type: ignore[arg-type]
    )


def by_code(progress: list[selectors.SectionProgress]) -> dict[str, selectors.SectionProgress]:
    return {one.dimension.code: one for one in progress}


def test_progress_counts_answers_and_the_evidence_still_missing(world: World) -> None:
    round_ = open_round(world)
    answer(round_, world, "q1", choice="partly")  # requires evidence, none attached
    answer(round_, world, "q2", choice="all")
    sections = by_code(selectors.section_progress(round_))
    institutions, health = sections["institutions"], sections["health"]
    assert (institutions.questions, institutions.done) == (4, 1)
    assert (institutions.unanswered, institutions.without_evidence) == (2, 1)
    assert (health.questions, health.unanswered, health.done) == (2, 2, 0)
    assert not institutions.is_complete and institutions.percent == 25
    # The same rule decides what submission still lacks.
    unanswered, without_evidence = services.missing_for_submission(round_)
    assert len(unanswered) == 4 and [q.code for q in without_evidence] == ["q1"]


def test_the_next_section_is_the_next_one_still_incomplete(world: World) -> None:
    round_ = open_round(world)
    progress = selectors.section_progress(round_)
    institutions, health = progress[0].dimension, progress[1].dimension
    assert selectors.next_section(progress).dimension == institutions  # type: ignore[union-attr]
    assert selectors.next_section(progress, institutions).dimension == health  # type: ignore[union-attr]
    assert selectors.next_section(progress, health).dimension == institutions  # type: ignore[union-attr]
    answer_all(round_, world.user("focal_point"))
    done = selectors.section_progress(round_)
    assert all(one.is_complete for one in done)
    assert selectors.next_section(done, institutions).dimension == health  # type: ignore[union-attr]
    assert selectors.next_section(done, health) is None


def test_the_section_page_shows_its_progress_and_links_the_next_section(world: World) -> None:
    round_ = open_round(world)
    answer(round_, world, "q2", choice="all")
    client = Client()
    client.force_login(world.user("focal_point"))
    page = client.get(reverse("assessments:section", args=[round_.pk, "institutions"]))
    html = page.content.decode()
    assert "1 de 4 preguntas completas en esta sección" in html
    assert '<progress id="section-progress-bar" max="4" value="1">' in html
    assert "3 preguntas sin respuesta" in html
    next_url = reverse("assessments:section", args=[round_.pk, "health"])
    assert f'rel="next" href="{next_url}"' in html
    assert "0 de 2 completas" in html
    last = client.get(next_url).content.decode()
    # From the last section, the way on is back to the first one still incomplete.
    assert f'href="{reverse("assessments:section", args=[round_.pk, "institutions"])}"' in last
