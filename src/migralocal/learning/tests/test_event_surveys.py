"""Pre/post tests and satisfaction surveys: the organisers attach and write them, registrants
answer once (from the page or their e-mail link), and results are aggregated for organisers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World
from migralocal.learning import agenda_services, services
from migralocal.learning.models import Event, Questionnaire, QuestionnaireResponse, Registration
from migralocal.learning.selectors.agenda import pre_post_results, survey_results
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 3, 10, 15, 0, tzinfo=dt.UTC)  # past: post-tests are open
HOSTILE = '<script>alert("x")</script>'


def workshop(world: World) -> Event:
    return make_event(world.honduras, "taller", starts_at=START)


def register(event: Event, number: int, **fields: Any) -> Registration:
    values: dict[str, Any] = {
        "name": f"Persona {number}",
        "email": f"p{number}@example.org",
        "gender": "woman",
        "role": "civil_society",
        "now": START - dt.timedelta(days=1),
    }
    values.update(fields)
    return services.event_register(event=event, **values)


def make_test(event: Event, kind: str) -> Questionnaire:
    test = agenda_services.questionnaire_attach(event=event, kind=kind)
    for number in (1, 2):
        agenda_services.questionnaire_question_add(
            questionnaire=test,
            language="es",
            text=f"Pregunta {number}",
            choices=["Sí", "No"],
            correct=[1],
        )
    return test


def answers(test: Questionnaire, right: int) -> dict[str, list[int]]:
    """`right` questions answered correctly, the rest wrongly."""
    chosen = {}
    for position, question in enumerate(test.questions.all()):
        correct = position < right
        choice = question.choices.get(is_correct=correct)
        chosen[str(question.pk)] = [choice.pk]
    return chosen


def make_survey(event: Event) -> Questionnaire:
    survey = agenda_services.questionnaire_attach(event=event, kind="satisfaction")
    for text in ("Contenido", "Organización"):
        agenda_services.questionnaire_question_add(questionnaire=survey, language="es", text=text)
    return survey


def test_a_test_is_scored_and_answered_once(world: World) -> None:
    event = workshop(world)
    pre = make_test(event, "pre_test")
    person = register(event, 1)
    response = agenda_services.questionnaire_answer(
        questionnaire=pre, registration=person, answers=answers(pre, 1)
    )
    assert response.score == 50
    with pytest.raises(ValidationError, match="ya respondió"):
        agenda_services.questionnaire_answer(
            questionnaire=pre, registration=person, answers=answers(pre, 2)
        )


def test_test_questions_need_two_answers_and_a_correct_one(world: World) -> None:
    test = agenda_services.questionnaire_attach(event=workshop(world), kind="pre_test")
    with pytest.raises(ValidationError):
        agenda_services.questionnaire_question_add(
            questionnaire=test, language="es", text="¿?", choices=["Solo una"], correct=[1]
        )
    with pytest.raises(ValidationError):
        agenda_services.questionnaire_question_add(
            questionnaire=test, language="es", text="¿?", choices=["A", "B"], correct=[3]
        )


def test_questions_are_fixed_once_someone_answered(world: World) -> None:
    event = workshop(world)
    survey = make_survey(event)
    person = register(event, 1)
    agenda_services.questionnaire_answer(
        questionnaire=survey,
        registration=person,
        answers={str(q.pk): 4 for q in survey.questions.all()},
    )
    with pytest.raises(ValidationError):
        agenda_services.questionnaire_question_add(questionnaire=survey, language="es", text="¿?")


def test_cancelled_or_other_events_registrations_cannot_answer(world: World) -> None:
    event = workshop(world)
    survey = make_survey(event)
    cancelled = register(event, 1)
    services.registration_cancel(registration=cancelled)
    other = register(make_event(world.honduras, "otro", starts_at=START), 2)
    for registration in (cancelled, other):
        with pytest.raises(ValidationError, match="Solo las personas inscritas"):
            agenda_services.questionnaire_answer(
                questionnaire=survey, registration=registration, answers={}
            )


def test_a_post_test_waits_for_the_event_and_closes_the_pre_test(world: World) -> None:
    event = make_event(world.honduras, "futuro", starts_at=dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
    pre, post = make_test(event, "pre_test"), make_test(event, "post_test")
    person = register(event, 1, now=None)
    with pytest.raises(ValidationError, match="cuando empieza el evento"):
        agenda_services.questionnaire_answer(
            questionnaire=post, registration=person, answers=answers(post, 2)
        )
    later = dt.datetime(2031, 1, 2, tzinfo=dt.UTC)
    agenda_services.questionnaire_answer(
        questionnaire=post, registration=person, answers=answers(post, 2), now=later
    )
    with pytest.raises(ValidationError, match="prueba previa se cierra"):
        agenda_services.questionnaire_answer(
            questionnaire=pre, registration=person, answers=answers(pre, 0), now=later
        )


def test_each_registrants_gain_and_the_events_average_gain(world: World) -> None:
    event = workshop(world)
    pre, post = make_test(event, "pre_test"), make_test(event, "post_test")
    people = [register(event, number) for number in range(1, 4)]
    for person, (before, after) in zip(people, [(0, 2), (1, 2), (1, 1)], strict=True):
        agenda_services.questionnaire_answer(
            questionnaire=pre, registration=person, answers=answers(pre, before)
        )
        agenda_services.questionnaire_answer(
            questionnaire=post, registration=person, answers=answers(post, after)
        )
    results = pre_post_results(event, by_person=True)
    assert [(row.name, row.pre, row.post, row.gain) for row in results.rows] == [
        ("Persona 1", 0, 100, 100),
        ("Persona 2", 50, 100, 50),
        ("Persona 3", 50, 50, 0),
    ]
    assert results.pairs == 3 and results.average_gain == 50.0
    # Others than the organisers see no one's scores, and no average of so few people.
    hidden = pre_post_results(event, by_person=False)
    assert hidden.hidden and hidden.rows == [] and hidden.average_gain is None


def test_a_survey_is_shown_only_in_aggregate_and_only_from_five_answers(world: World) -> None:
    event = workshop(world)
    survey = make_survey(event)
    for number in range(1, 6):
        person = register(event, number)
        agenda_services.questionnaire_answer(
            questionnaire=survey,
            registration=person,
            answers={str(q.pk): number for q in survey.questions.all()},
            comment=HOSTILE if number == 1 else "",
        )
        results = survey_results(survey)
        if number < 5:
            assert results.hidden and results.ratings == [] and results.comments == []
    assert not results.hidden and results.answers == 5
    assert [(r.average, r.counts) for r in results.ratings] == [(3.0, [1, 1, 1, 1, 1])] * 2
    assert results.comments == [HOSTILE]


def test_a_survey_rating_must_be_one_to_five(world: World) -> None:
    event = workshop(world)
    survey = make_survey(event)
    with pytest.raises(ValidationError):
        agenda_services.questionnaire_answer(
            questionnaire=survey,
            registration=register(event, 1),
            answers={str(q.pk): 9 for q in survey.questions.all()},
        )


@pytest.mark.parametrize(
    ("role", "status"), [("trainer", 200), ("admin", 200), ("member", 403), ("mentor", 403)]
)
def test_who_writes_the_questionnaires(world: World, role: str, status: int) -> None:
    event = workshop(world)
    client = Client()
    client.force_login(world.user(role))
    url = reverse("learning:event_questionnaires", kwargs={"slug": event.slug})
    assert client.get(url).status_code == status
    client.post(url, {"action": "attach", "kind": "pre_test"})
    client.post(
        url,
        {
            "action": "add-pre_test",
            "pre_test-text": HOSTILE,
            "pre_test-choices": f"{HOSTILE}\nNo",
            "pre_test-correct": "1",
        },
    )
    made = Questionnaire.objects.filter(event=event, kind="pre_test").first()
    if status == 200:
        assert made is not None and made.questions.count() == 1
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "&lt;script&gt;" in page
    else:
        assert made is None


@pytest.mark.parametrize(
    ("role", "status"),
    [("trainer", 200), ("programme_manager", 200), ("member", 403), ("reviewer", 403)],
)
def test_who_reads_the_results(world: World, role: str, status: int) -> None:
    event = workshop(world)
    make_test(event, "pre_test")
    client = Client()
    client.force_login(world.user(role))
    url = reverse("learning:event_questionnaire_results", kwargs={"slug": event.slug})
    assert client.get(url).status_code == status


def test_a_registered_member_answers_from_the_event_page(world: World) -> None:
    event = workshop(world)
    survey = make_survey(event)
    member = world.user("member")
    registration = register(event, 1, email=member.email, user=member)
    client = Client()
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    url = reverse(
        "learning:event_questionnaire", kwargs={"slug": event.slug, "kind": "satisfaction"}
    )
    assert url in page
    data = {f"q{q.pk}": "5" for q in survey.questions.all()} | {"comment": HOSTILE}
    assert client.post(url, data).status_code == 302
    response = QuestionnaireResponse.objects.get(registration=registration)
    assert response.comment == HOSTILE
    assert url not in client.get(event.get_absolute_url()).content.decode()
    assert 'id="questionnaire-closed"' in client.get(url).content.decode()


def test_someone_not_registered_is_told_so(world: World) -> None:
    event = workshop(world)
    make_survey(event)
    client = Client()
    client.force_login(world.user("no_role"))
    url = reverse(
        "learning:event_questionnaire", kwargs={"slug": event.slug, "kind": "satisfaction"}
    )
    page = client.get(url).content.decode()
    assert 'id="questionnaire-closed"' in page
    assert client.post(url, {}).status_code == 200
    assert not QuestionnaireResponse.objects.exists()


def test_a_registrant_answers_by_the_link_in_their_email(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    event = workshop(world)
    pre = make_test(event, "pre_test")
    person = register(event, 1)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.questionnaire_invite(questionnaire=pre, site_url="https://m.example")
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/questionnaires/" in line)
    path = link.removeprefix("https://m.example")
    client = Client()
    data = {f"q{k}": v for k, v in answers(pre, 2).items()}
    assert client.post(path, data).status_code == 302
    assert QuestionnaireResponse.objects.get(registration=person).score == 100
    forged = reverse(
        "learning:event_questionnaire_by_link",
        kwargs={"slug": event.slug, "kind": "pre_test", "token": "1:forged"},
    )
    assert client.get(forged).status_code == 404
