"""Demo agenda and questionnaires: the in-person summit gets an agenda and a satisfaction survey
with answers; this year's held workshop gets a pre-test and a post-test with answers. Loading
twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from migralocal.learning import agenda_services
from migralocal.learning.models import Event, Questionnaire, Registration

SESSIONS = [
    # (share of the event where it starts, where it ends, Spanish title, English title, speakers)
    (0.0, 0.15, "Apertura y bienvenida", "Opening and welcome", [("Lucía Mendoza", "OIM")]),
    (
        0.15,
        0.5,
        "Panel: ciudades que acogen",
        "Panel: welcoming cities",
        [("Carlos Ruiz", "Alcaldía de Quito"), ("Ana Herrera", "Red de Ciudades")],
    ),
    (0.5, 0.85, "Talleres simultáneos", "Parallel workshops", []),
    (0.85, 1.0, "Conclusiones y cierre", "Conclusions and closing", [("Lucía Mendoza", "OIM")]),
]
SURVEY = [
    ("Contenido de las sesiones", "Content of the sessions"),
    ("Organización y logística", "Organisation and logistics"),
    ("Utilidad para su trabajo", "Usefulness for your work"),
]
TEST = [
    (
        "¿Qué instrumento orienta la gobernanza local de la migración?",
        "Which instrument guides local migration governance?",
        [("El Marco de Gobernanza de la Migración", True), ("Un reglamento de tránsito", False)],
    ),
    (
        "¿Quién debe poder usar un centro de información?",
        "Who should be able to use an information hub?",
        [("Cualquier persona migrante", True), ("Solo quien tenga documentos", False)],
    ),
    (
        "¿Qué se registra de una consulta?",
        "What is recorded of a consultation?",
        [("Datos sin identificar a la persona", True), ("Su documento de identidad", False)],
    ),
]


def _local(event: Event, share: float) -> dt.datetime:
    moment = event.starts_at + (event.ends_at - event.starts_at) * share
    return timezone.localtime(moment, event.zone).replace(tzinfo=None, second=0, microsecond=0)


def _agenda(event: Event) -> None:
    if event.agenda_sessions.exists():
        return
    for start, end, spanish, english, speakers in SESSIONS:
        people = [{"name": name, "affiliation": where} for name, where in speakers]
        session = agenda_services.agenda_session_save(
            event=event,
            language="es",
            title=spanish,
            local_start=_local(event, start),
            local_end=_local(event, end),
            speakers=people,
            room="Auditorio principal" if people else "Salas 1 a 4",
        )
        agenda_services.agenda_session_save(
            event=event,
            session=session,
            language="en",
            title=english,
            local_start=_local(event, start),
            local_end=_local(event, end),
            speakers=people,
            room=session.room,
        )


def _questions(questionnaire: Questionnaire) -> None:
    if questionnaire.questions.exists():
        return
    if not questionnaire.is_test:
        for spanish, english in SURVEY:
            question = agenda_services.questionnaire_question_add(
                questionnaire=questionnaire, language="es", text=spanish
            )
            question.set_current_language("en")
            question.text = english
            question.save()
        return
    for spanish, english, choices in TEST:
        question = agenda_services.questionnaire_question_add(
            questionnaire=questionnaire,
            language="es",
            text=spanish,
            choices=[text for text, _right in choices],
            correct=[n for n, (_text, right) in enumerate(choices, start=1) if right],
        )
        question.set_current_language("en")
        question.text = english
        question.save()


def _answer(questionnaire: Questionnaire, registration: Registration, seat: int) -> None:
    if questionnaire.responses.filter(registration=registration).exists():
        return
    questions = list(questionnaire.questions.prefetch_related("choices"))
    if questionnaire.is_test:
        # Before: about half right; after: most right.
        right_until = 1 + seat % 2 if questionnaire.kind == Questionnaire.Kind.PRE_TEST else 3
        right_until -= (
            1 if questionnaire.kind == Questionnaire.Kind.POST_TEST and seat % 5 == 0 else 0
        )
        answers: dict[str, object] = {
            str(question.pk): [
                next(c.pk for c in question.choices.all() if c.is_correct == (n < right_until))
            ]
            for n, question in enumerate(questions)
        }
        comment = ""
    else:
        answers = {str(question.pk): 3 + (seat + n) % 3 for n, question in enumerate(questions)}
        comment = "Muy útil; más tiempo para los talleres." if seat % 4 == 0 else ""
    agenda_services.questionnaire_answer(
        questionnaire=questionnaire, registration=registration, answers=answers, comment=comment
    )


def load() -> None:
    now = timezone.now()
    summit = (
        Event.objects.filter(kind=Event.Kind.SUMMIT, format=Event.Format.IN_PERSON)
        .order_by("starts_at")
        .first()
    )
    if summit is not None:
        _agenda(summit)
        survey = agenda_services.questionnaire_attach(event=summit, kind="satisfaction")
        _questions(survey)
        attended = summit.registrations.filter(attended_at__isnull=False).order_by("pk")
        for seat, registration in enumerate(attended[:24]):
            _answer(survey, registration, seat)
    workshop = (
        Event.objects.filter(kind=Event.Kind.WORKSHOP, starts_at__lte=now)
        .order_by("-starts_at")
        .first()
    )
    if workshop is not None:
        pre = agenda_services.questionnaire_attach(event=workshop, kind="pre_test")
        post = agenda_services.questionnaire_attach(event=workshop, kind="post_test")
        _questions(pre)
        _questions(post)
        attended = workshop.registrations.filter(attended_at__isnull=False).order_by("pk")
        for seat, registration in enumerate(attended[:20]):
            _answer(pre, registration, seat)
            _answer(post, registration, seat)
