"""Learning's demo: the four certification courses and capacity courses with quizzes, learning
paths, the regional community, a year of events with attendance, and mentoring of 18
organisations. Every write is an upsert on a natural key, so loading twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from migralocal.core.demo import DEMO_DOMAIN, Writer, set_translations, upsert
from migralocal.core.models import Country, Organisation, TaxonomyTerm, User
from migralocal.learning.demo_data import CAPACITY_COURSES, CERTIFICATION_COURSES, PATHS
from migralocal.learning.models import (
    CAPACITY_AREAS,
    Choice,
    CommunityProfile,
    Course,
    CourseModule,
    Enrolment,
    Event,
    LearningPath,
    Lesson,
    MentoringEngagement,
    MentoringGoal,
    MentoringSession,
    Mode,
    ParticipantRole,
    PathStep,
    Question,
    Quiz,
    Registration,
)
from migralocal.learning.self_assessment_data import QUESTIONS

COMMUNITY_COUNTRIES = ("MX", "CO", "SV", "US", "GT", "HN")
UTC = dt.UTC
# A fixed repeating pattern, so that the demo's figures never change: 10 women, 9 men and
# 1 non-binary person in every 20.
GENDER_PATTERN = ["woman", "man"] * 9 + ["woman", "non_binary"]


def load_course(
    spec: dict, country: Country, position: int, areas: dict[str, TaxonomyTerm]
) -> Course:
    course = upsert(
        Course,
        {"slug": spec["slug"]},
        {
            "country": country,
            "is_published": True,
            "certification_module": spec.get("module"),
            "position": position,
        },
    )
    set_translations(course, {"title": spec["title"], "summary": spec["summary"]})
    if "area" in spec and set(course.capacity_areas.all()) != {areas[spec["area"]]}:
        course.capacity_areas.set([areas[spec["area"]]])
    module = upsert(CourseModule, {"course": course, "position": 1}, {})
    set_translations(module, {"title": {"es": "Contenidos", "en": "Contents"}})
    lesson = None
    for number, lesson_spec in enumerate(spec["lessons"], start=1):
        lesson = upsert(
            Lesson,
            {"module": module, "position": number},
            {"estimated_minutes": lesson_spec["minutes"]},
        )
        set_translations(lesson, {"title": lesson_spec["title"], "body": lesson_spec["body"]})
    if lesson is None:
        raise ValueError(f"The demo course {spec['slug']} has no lessons.")
    quiz = upsert(Quiz, {"lesson": lesson}, {"pass_mark": 70, "max_attempts": 3})
    set_translations(quiz, {"title": {"es": "Evaluación", "en": "Quiz"}})
    for number, question_spec in enumerate(spec["quiz"], start=1):
        question = upsert(
            Question, {"quiz": quiz, "position": number}, {"kind": question_spec["kind"]}
        )
        set_translations(question, {"text": question_spec["text"]})
        for choice_number, choice_spec in enumerate(question_spec["choices"], start=1):
            choice = upsert(
                Choice,
                {"question": question, "position": choice_number},
                {"is_correct": choice_spec["correct"]},
            )
            set_translations(choice, {"text": choice_spec["text"]})
    return course


def load_courses() -> dict[str, Course]:
    areas = {term.code: term for term in TaxonomyTerm.objects.of(CAPACITY_AREAS)}
    countries = {c.code: c for c in Country.objects.all()}
    courses = {}
    for position, spec in enumerate(CERTIFICATION_COURSES, start=1):
        courses[spec["slug"]] = load_course(spec, countries["HN"], position, areas)
    for position, spec in enumerate(CAPACITY_COURSES, start=10):
        courses[spec["slug"]] = load_course(spec, countries["MX"], position, areas)
    for position, spec in enumerate(PATHS, start=1):
        path = upsert(LearningPath, {"slug": spec["slug"]}, {"position": position})
        set_translations(
            path,
            {
                "title": spec["title"],
                "profile": spec["profile"],
                "description": spec["description"],
            },
        )
        wanted = {areas[code] for code in spec["areas"]}
        if set(path.target_areas.all()) != wanted:
            path.target_areas.set(wanted)
        for step, slug in enumerate(spec["courses"], start=1):
            upsert(PathStep, {"path": path, "course": courses[slug]}, {"position": step})
    return courses


def community_organisations() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.CIVIL_SOCIETY, country__code__in=COMMUNITY_COUNTRIES
        ).order_by("country__code", "slug")
    )


def load_community(organisations: list[Organisation]) -> None:
    populations = {
        "es": "Personas en tránsito, retornadas y solicitantes de asilo",
        "en": "People in transit, returnees and asylum seekers",
    }
    for index, organisation in enumerate(organisations):
        profile = upsert(
            CommunityProfile,
            {"organisation": organisation},
            {
                "joined_on": dt.date(2021 + index % 3, 1 + index % 12, 1 + index % 27),
                "contact_name": "",
                "contact_email": organisation.email
                or f"contacto@{organisation.slug[:40]}.example.org",
            },
        )
        set_translations(profile, {"populations_served": populations})


def _event(
    slug: str,
    *,
    kind: str,
    format: str,
    country: Country,
    starts_at: dt.datetime,
    hours: int,
    zone: str,
    title: dict[str, str],
    description: dict[str, str],
    capacity: int | None = None,
    venue: str = "",
) -> Event:
    event = upsert(
        Event,
        {"slug": slug},
        {
            "kind": kind,
            "format": format,
            "country": country,
            "starts_at": starts_at,
            "ends_at": starts_at + dt.timedelta(hours=hours),
            "time_zone": zone,
            "capacity": capacity,
            "venue": venue,
            "online_url": "https://meet.example.org/migralocal" if format != "in_person" else "",
        },
    )
    set_translations(event, {"title": title, "description": description})
    return event


def _attend(
    event: Event,
    number: int,
    organisations: list[Organisation],
    *,
    mode: str,
    role: str = ParticipantRole.CIVIL_SOCIETY,
    prefix: str = "participante",
    gender: str = "",
) -> None:
    organisation = organisations[number % len(organisations)] if organisations else None
    upsert(
        Registration,
        {"event": event, "email": f"{prefix}.{number:03d}@example.org"},
        {
            "name": f"{prefix.capitalize()} {number:03d}",
            "gender": gender or GENDER_PATTERN[number % len(GENDER_PATTERN)],
            "role": role,
            "organisation": organisation,
            "organisation_name": organisation.name if organisation else "",
            "country": organisation.country if organisation else event.country,
            "status": Registration.Status.CONFIRMED,
            "attended_at": event.starts_at,
            "attendance_mode": mode,
        },
    )


def load_events(organisations: list[Organisation]) -> int:
    """21 virtual meetings, a virtual summit and an in-person summit: 406 attendees, plus a
    hybrid training in Quito with 110 online and 100 in-person officials (51% women)."""
    countries = {c.code: c for c in Country.objects.all()}
    attendees = 0
    for month in range(21):
        start = dt.datetime(2022 + (month + 2) // 12, 1 + (month + 2) % 12, 15, 16, 0, tzinfo=UTC)
        event = _event(
            f"encuentro-virtual-{month + 1:02d}",
            kind=Event.Kind.VIRTUAL_MEETING,
            format=Event.Format.ONLINE,
            country=countries["MX"],
            starts_at=start,
            hours=2,
            zone="America/Mexico_City",
            title={
                "es": f"Encuentro virtual de la comunidad n.º {month + 1}",
                "en": f"Community virtual meeting no. {month + 1}",
            },
            description={
                "es": "Intercambio de prácticas entre organizaciones de la región.",
                "en": "Exchange of practice among the region's organisations.",
            },
        )
        for seat in range(12):
            _attend(event, month * 12 + seat, organisations, mode=Mode.ONLINE)
        attendees += 12
    summit = _event(
        "cumbre-virtual-2023",
        kind=Event.Kind.SUMMIT,
        format=Event.Format.ONLINE,
        country=countries["GT"],
        starts_at=dt.datetime(2023, 6, 20, 15, 0, tzinfo=UTC),
        hours=6,
        zone="America/Guatemala",
        title={"es": "Cumbre virtual de derechos humanos", "en": "Virtual human-rights summit"},
        description={
            "es": "Organizaciones de seis países debaten derechos y movilidad.",
            "en": "Organisations from six countries discuss rights and mobility.",
        },
    )
    for seat in range(86):
        _attend(summit, 300 + seat, organisations, mode=Mode.ONLINE)
    in_person = _event(
        "cumbre-presencial-costa-rica-2023",
        kind=Event.Kind.SUMMIT,
        format=Event.Format.IN_PERSON,
        country=countries["CR"],
        starts_at=dt.datetime(2023, 10, 10, 14, 0, tzinfo=UTC),
        hours=8,
        zone="America/Costa_Rica",
        title={"es": "Cumbre presencial en Costa Rica", "en": "In-person summit in Costa Rica"},
        description={
            "es": "Encuentro de cierre de la comunidad regional.",
            "en": "Closing gathering of the regional community.",
        },
        capacity=80,
        venue="San José",
    )
    for seat in range(68):
        _attend(in_person, 400 + seat, organisations, mode=Mode.IN_PERSON)
    attendees += 86 + 68
    quito = Organisation.objects.filter(
        slug="municipio-del-distrito-metropolitano-de-quito"
    ).first()
    training = _event(
        "capacitacion-agencia-metropolitana-de-control",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.HYBRID,
        country=countries["EC"],
        starts_at=dt.datetime(2023, 3, 7, 14, 0, tzinfo=UTC),
        hours=4,
        zone="America/Guayaquil",
        title={
            "es": "Movilidad humana para la agencia metropolitana de control",
            "en": "Human mobility for the metropolitan control agency",
        },
        description={
            "es": "Capacitación a personal municipal, en línea y presencial.",
            "en": "Training for municipal staff, online and in person.",
        },
        venue="Quito",
    )
    officials = [quito] if quito else []
    for seat in range(210):
        _attend(
            training,
            seat,
            officials,
            mode=Mode.ONLINE if seat < 110 else Mode.IN_PERSON,
            role=ParticipantRole.MUNICIPAL_OFFICIAL,
            prefix="funcionario",
            # 107 of 210 officials are women: the 51% the programme reported.
            gender="woman" if seat % 2 == 0 or seat in {1, 71} else "man",
        )
    return attendees


def _kept_start(slug: str, default: dt.datetime) -> dt.datetime:
    """Loading the demo again leaves an event where it was, so that nothing changes."""
    found = Event.objects.filter(slug=slug).values_list("starts_at", flat=True).first()
    return found or default


def load_this_years_events(organisations: list[Organisation], now: dt.datetime) -> int:
    """The history above ends in 2023; the demo also needs a workshop held this year (so that
    this year's results are not empty) and one still open for registration."""
    countries = {c.code: c for c in Country.objects.all()}
    local = timezone.get_current_timezone()
    year_began = dt.datetime(timezone.localdate(now).year, 1, 1, tzinfo=local)
    held_at = _kept_start(
        f"taller-gobernanza-local-{year_began.year}",
        max(now - dt.timedelta(days=45), year_began),
    )
    workshop = _event(
        f"taller-gobernanza-local-{year_began.year}",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.HYBRID,
        country=countries["HN"],
        starts_at=held_at,
        hours=3,
        zone="America/Tegucigalpa",
        title={
            "es": "Taller de gobernanza local de la migración",
            "en": "Workshop on local migration governance",
        },
        description={
            "es": "Personal municipal y organizaciones revisan su plan local de atención.",
            "en": "Municipal staff and organisations review their local support plan.",
        },
        venue="Tegucigalpa",
    )
    for seat in range(36):
        _attend(
            workshop,
            600 + seat,
            organisations,
            mode=Mode.ONLINE if seat % 3 else Mode.IN_PERSON,
            role=ParticipantRole.MUNICIPAL_OFFICIAL if seat < 14 else ParticipantRole.CIVIL_SOCIETY,
        )
    upcoming = _event(
        f"taller-personas-retornadas-{year_began.year}",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.IN_PERSON,
        country=countries["HN"],
        starts_at=_kept_start(
            f"taller-personas-retornadas-{year_began.year}", now + dt.timedelta(days=30)
        ),
        hours=4,
        zone="America/Tegucigalpa",
        title={
            "es": "Taller: servicios para personas retornadas",
            "en": "Workshop: services for returnees",
        },
        description={
            "es": "Cómo coordinar la recepción y la referencia de personas retornadas.",
            "en": "How to coordinate the reception and referral of returnees.",
        },
        capacity=40,
        venue="San Pedro Sula",
    )
    for seat in range(12):
        upsert(
            Registration,
            {"event": upcoming, "email": f"inscrita.{seat:03d}@example.org"},
            {
                "name": f"Inscrita {seat:03d}",
                "gender": GENDER_PATTERN[seat % len(GENDER_PATTERN)],
                "role": ParticipantRole.MUNICIPAL_OFFICIAL,
                "country": countries["HN"],
                "status": Registration.Status.CONFIRMED,
            },
        )
    return 36


def load_mentoring(organisations: list[Organisation]) -> int:
    mentor = User.objects.get(email=f"mentor@{DEMO_DOMAIN}")
    areas = list(TaxonomyTerm.objects.of(CAPACITY_AREAS).order_by("position"))
    mentored = organisations[::2][:18]
    for index, organisation in enumerate(mentored):
        chosen = (
            [areas[index % 4], areas[(index + 1) % 4]] if index % 3 == 0 else [areas[index % 4]]
        )
        started = dt.date(2022, 1 + index % 12, 10)
        finished = index < 12
        engagement = upsert(
            MentoringEngagement,
            {"mentor": mentor, "organisation": organisation, "started_on": started},
            {
                "status": MentoringEngagement.Status.COMPLETED
                if finished
                else MentoringEngagement.Status.ACTIVE,
                "ended_on": started + dt.timedelta(days=180) if finished else None,
                "outcome": "Plan de mejora adoptado por la junta directiva." if finished else "",
            },
        )
        if set(engagement.areas.all()) != set(chosen):
            engagement.areas.set(chosen)
        for area in chosen:
            upsert(
                MentoringGoal,
                {"engagement": engagement, "area": area},
                {"description": f"Plan de mejora: {area}", "is_achieved": finished},
            )
        for session in range(3):
            upsert(
                MentoringSession,
                {"engagement": engagement, "held_on": started + dt.timedelta(days=30 * session)},
                {"duration_minutes": 60, "notes": "Revisión de avances y próximos pasos."},
            )
    return len(mentored)


def load_learners(courses: dict[str, Course]) -> None:
    """The demo member has started a course, so that 'my learning' shows progress."""
    member = User.objects.filter(email=f"member@{DEMO_DOMAIN}").first()
    if member is None:
        return
    organisation = Organisation.objects.filter(memberships__user=member).first()
    upsert(
        Enrolment,
        {"user": member, "course": courses["transformacion-digital-para-osc"]},
        {"organisation": organisation},
    )


@transaction.atomic
def load(stdout: Writer) -> None:
    courses = load_courses()
    organisations = community_organisations()
    load_community(organisations)
    attendees = load_events(organisations)
    attendees += load_this_years_events(organisations, timezone.now())
    mentored = load_mentoring(organisations)
    load_learners(courses)
    stdout.write(
        f"Learning: {len(courses)} courses, {len(PATHS)} paths, {len(QUESTIONS)} self-assessment "
        f"statements, {len(organisations)} community members, {attendees} community event "
        f"attendees, {mentored} organisations mentored.\n"
    )
