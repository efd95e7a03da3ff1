"""Learning's demo (learning/data/demo.yaml): the four certification courses and capacity courses
with quizzes, learning paths, the regional community, a year of events with attendance, and
mentoring of 18 organisations. Every write is an upsert on a natural key, so loading twice changes
nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.demo import DEMO_DOMAIN, Writer, all_known, known, set_translations, upsert
from migralocal.core.models import Country, Membership, Organisation, TaxonomyTerm, User
from migralocal.core.roles import OrganisationRole
from migralocal.learning import agenda_demo, discussion_demo
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
from migralocal.learning.self_assessment_loader import self_assessment_questions
from migralocal.learning.series_demo import load_series

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"
COMMUNITY_COUNTRIES = ("MX", "CO", "SV", "US", "GT", "HN")
# A fixed repeating pattern, so that the demo's figures never change: 10 women, 9 men and
# 1 non-binary person in every 20.
GENDER_PATTERN = ["woman", "man"] * 9 + ["woman", "non_binary"]


def load_course(
    spec: Entry,
    every_course: Entry,
    country: Country,
    position: int,
    areas: dict[str, TaxonomyTerm],
) -> Course:
    course = upsert(
        Course,
        {"slug": spec.text("slug")},
        {
            "country": country,
            "is_published": True,
            "certification_module": spec.optional_integer("module"),
            "position": position,
        },
    )
    set_translations(course, spec.texts_of("title", "summary"))
    if spec.has("area"):
        area = known(areas, spec, "area", "the capacity areas")
        if set(course.capacity_areas.all()) != {area}:
            course.capacity_areas.set([area])
    module = upsert(CourseModule, {"course": course, "position": 1}, {})
    set_translations(module, {"title": every_course.texts("module_title")})
    lesson = None
    for number, lesson_spec in enumerate(spec.entries("lessons"), start=1):
        lesson = upsert(
            Lesson,
            {"module": module, "position": number},
            {"estimated_minutes": lesson_spec.integer("minutes")},
        )
        set_translations(lesson, lesson_spec.texts_of("title", "body"))
    if lesson is None:
        raise spec.error("lessons", "must list at least one lesson")
    quiz = upsert(
        Quiz,
        {"lesson": lesson},
        {
            "pass_mark": every_course.integer("quiz_pass_mark"),
            "max_attempts": every_course.integer("quiz_attempts"),
        },
    )
    set_translations(quiz, {"title": every_course.texts("quiz_title")})
    for number, question_spec in enumerate(spec.entries("quiz"), start=1):
        question = upsert(
            Question,
            {"quiz": quiz, "position": number},
            {"kind": question_spec.choice("kind", Question.Kind.values)},
        )
        set_translations(question, question_spec.texts_of("text"))
        for choice_number, choice_spec in enumerate(question_spec.entries("choices"), start=1):
            choice = upsert(
                Choice,
                {"question": question, "position": choice_number},
                {"is_correct": choice_spec.flag("correct", default=False)},
            )
            set_translations(choice, choice_spec.texts_of("text"))
    return course


def load_courses(data: Entry) -> dict[str, Course]:
    areas = {term.code: term for term in TaxonomyTerm.objects.of(CAPACITY_AREAS)}
    countries = {c.code: c for c in Country.objects.all()}
    every_course = data.entry("every_course")
    courses = {}
    for position, spec in enumerate(data.entries("certification_courses"), start=1):
        courses[spec.text("slug")] = load_course(
            spec, every_course, countries["HN"], position, areas
        )
    for position, spec in enumerate(data.entries("capacity_courses"), start=10):
        courses[spec.text("slug")] = load_course(
            spec, every_course, countries["MX"], position, areas
        )
    for position, spec in enumerate(data.entries("paths"), start=1):
        path = upsert(LearningPath, {"slug": spec.text("slug")}, {"position": position})
        set_translations(path, spec.texts_of("title", "profile", "description"))
        wanted = set(all_known(areas, spec, "areas", "the capacity areas"))
        if set(path.target_areas.all()) != wanted:
            path.target_areas.set(wanted)
        for step, course in enumerate(all_known(courses, spec, "courses", "the courses above"), 1):
            upsert(PathStep, {"path": path, "course": course}, {"position": step})
    return courses


def community_organisations() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.CIVIL_SOCIETY, country__code__in=COMMUNITY_COUNTRIES
        ).order_by("country__code", "slug")
    )


def load_community(organisations: list[Organisation], community: Entry) -> None:
    populations = community.texts("populations_served")
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
    spec: Entry,
    *,
    countries: dict[str, Country],
    online_url: str,
    starts_at: dt.datetime | None = None,
    **placeholders: object,
) -> Event:
    """The event the spec describes; `starts_at` when the loader computes it, and the values of
    the placeholders its slug and texts use. A start written in the file is the local time of
    the event's place (its `time_zone`)."""
    if starts_at is None:
        starts_at = spec.moment("starts_at").replace(tzinfo=ZoneInfo(spec.text("time_zone")))
    event_format = spec.choice("format", Event.Format.values)
    event = upsert(
        Event,
        {"slug": spec.filled_text("slug", **placeholders)},
        {
            "kind": spec.choice("kind", Event.Kind.values),
            "format": event_format,
            "country": known(countries, spec, "country", "the demo countries"),
            "starts_at": starts_at,
            "ends_at": starts_at + dt.timedelta(hours=spec.integer("hours")),
            "time_zone": spec.text("time_zone"),
            "capacity": spec.optional_integer("capacity"),
            "venue": spec.optional_text("venue"),
            "online_url": online_url if event_format != Event.Format.IN_PERSON else "",
        },
    )
    set_translations(
        event,
        {
            "title": spec.filled_texts("title", **placeholders),
            "description": spec.filled_texts("description", **placeholders),
        },
    )
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
    department: str = "",
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
            "department": department,
            "country": organisation.country if organisation else event.country,
            "status": Registration.Status.CONFIRMED,
            "attended_at": event.starts_at,
            "attendance_mode": mode,
        },
    )


def load_events(organisations: list[Organisation], events: Entry) -> int:
    """21 virtual meetings, a virtual summit and an in-person summit: 406 attendees, plus a
    hybrid training in Quito with 110 online and 100 in-person officials of the Agencia
    Metropolitana de Control (51% women). Returns the community's attendees, without the
    officials."""
    countries = {c.code: c for c in Country.objects.all()}
    online_url = events.text("online_url")
    attendees = 0
    meetings = events.entry("monthly_meetings")
    for month in range(21):
        start = local_start(dt.date(2022 + (month + 2) // 12, 1 + (month + 2) % 12, 15), meetings)
        event = _event(
            meetings,
            countries=countries,
            online_url=online_url,
            starts_at=start,
            number=month + 1,
        )
        for seat in range(12):
            _attend(event, month * 12 + seat, organisations, mode=Mode.ONLINE)
        attendees += 12
    summit = _event(events.entry("virtual_summit"), countries=countries, online_url=online_url)
    for seat in range(86):
        _attend(summit, 300 + seat, organisations, mode=Mode.ONLINE)
    in_person = _event(events.entry("in_person_summit"), countries=countries, online_url=online_url)
    for seat in range(68):
        _attend(in_person, 400 + seat, organisations, mode=Mode.IN_PERSON)
    attendees += 86 + 68
    training_spec = events.entry("officials_training")
    training = _event(training_spec, countries=countries, online_url=online_url)
    officials = _officials_of(training_spec)
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
            department=training_spec.optional_text("department"),
        )
    return attendees


def load_sign_ups(community: Entry) -> int:
    """Accounts of the community's first `sign_ups` event participants, made between January
    2021 and their first meeting, each acting for the organisation they attend for (so counted
    in its country): the sign-ups of the community's learning platform. Their registrations are
    linked to their accounts. A handful of queries whatever the count (bulk writes: demo rows
    need no audit trail). Returns how many people have an account."""
    count = community.integer("sign_ups")
    emails = [f"participante.{number:03d}@example.org" for number in range(count)]
    # Each participant's first attendance: when, and for which organisation.
    first_attendance: dict[str, tuple[dt.datetime, int]] = {}
    for email, starts_at, organisation_id in (
        Registration.objects.filter(email__in=emails, organisation__isnull=False)
        .order_by("-event__starts_at")
        .values_list("email", "event__starts_at", "organisation_id")
    ):
        first_attendance[email] = (starts_at, organisation_id)  # the earliest is written last
    missing = [email for email in emails if email not in first_attendance]
    if missing:
        raise community.error("sign_ups", f"is more than the participants ({missing[0]})")
    first_day = dt.datetime(2021, 1, 4, 10, tzinfo=dt.UTC)
    wanted = {
        # Every five days, and at least a week before their first meeting.
        email: min(
            first_day + dt.timedelta(days=5 * number),
            first_attendance[email][0] - dt.timedelta(days=7),
        )
        for number, email in enumerate(emails)
    }
    existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    changed = [user for email, user in existing.items() if user.date_joined != wanted[email]]
    for user in changed:
        user.date_joined = wanted[user.email]
    User.objects.bulk_update(changed, ["date_joined"])
    User.objects.bulk_create(
        User(
            email=email,
            first_name="Participante",
            last_name=email.split(".")[1].split("@")[0],
            date_joined=wanted[email],
            # No password: the demo's participants never sign in.
            password=make_password(None),
        )
        for email in emails
        if email not in existing
    )
    users = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    members = set(
        Membership.objects.filter(
            user_id__in=users.values(), role=OrganisationRole.ORGANISATION_MEMBER
        ).values_list("user_id", "organisation_id")
    )
    Membership.objects.bulk_create(
        Membership(
            user_id=users[email],
            organisation_id=first_attendance[email][1],
            role=OrganisationRole.ORGANISATION_MEMBER,
        )
        for email in emails
        if (users[email], first_attendance[email][1]) not in members
    )
    Registration.objects.filter(email__in=emails, user__isnull=True).update(
        user=Subquery(User.objects.filter(email=OuterRef("email")).values("pk")[:1])
    )
    return count


def _officials_of(spec: Entry) -> list[Organisation]:
    organisation = Organisation.objects.filter(slug=spec.text("organisation")).first()
    return [organisation] if organisation else []


def _gender_of_seat(seat: int, women: int, men: int) -> str:
    """Women and men by turns, then whoever is left: the same people on every load."""
    pairs = min(women, men)
    if seat < 2 * pairs:
        return "woman" if seat % 2 == 0 else "man"
    return "woman" if women > men else "man"


def load_department_trainings(events: Entry) -> int:
    """Trainings of one department of a municipality each: `attendees` officials attend in the
    event's format (online, or in person), `women` of them women and the others men. Seats of
    the n-th training are numbered from n thousand, so that nobody is counted twice."""
    countries = {c.code: c for c in Country.objects.all()}
    online_url = events.text("online_url")
    attendees = 0
    for position, spec in enumerate(events.entries("department_trainings"), start=1):
        event = _event(spec, countries=countries, online_url=online_url)
        if event.format == Event.Format.HYBRID:
            raise spec.error("format", "must be online or in_person: attendees take its mode")
        mode = Mode.ONLINE if event.format == Event.Format.ONLINE else Mode.IN_PERSON
        count, women = spec.integer("attendees"), spec.integer("women")
        if not 0 <= women <= count:
            raise spec.error("women", f"must be between 0 and {count}")
        officials = _officials_of(spec)
        for seat in range(count):
            _attend(
                event,
                position * 1000 + seat,
                officials,
                mode=mode,
                role=ParticipantRole.MUNICIPAL_OFFICIAL,
                prefix="funcionario",
                gender=_gender_of_seat(seat, women, count - women),
                department=spec.text("department"),
            )
        attendees += count
    return attendees


def local_start(day: dt.date, spec: Entry) -> dt.datetime:
    """The event's `local_time` on `day`, in the time zone of the event's place."""
    try:
        at = dt.time.fromisoformat(spec.text("local_time"))
    except ValueError as error:
        raise spec.error("local_time", 'must be a 24-hour time in quotes, like "09:00"') from error
    return dt.datetime.combine(day, at, tzinfo=ZoneInfo(spec.text("time_zone")))


def _kept_start(slug: str, default: dt.datetime) -> dt.datetime:
    """Loading the demo again leaves an event where it was, so that nothing changes."""
    found = Event.objects.filter(slug=slug).values_list("starts_at", flat=True).first()
    return found or default


def load_this_years_events(
    organisations: list[Organisation], events: Entry, now: dt.datetime
) -> int:
    """The history above ends in 2023; the demo also needs a workshop held this year (so that
    this year's results are not empty) and one still open for registration."""
    countries = {c.code: c for c in Country.objects.all()}
    online_url = events.text("online_url")
    local = timezone.get_current_timezone()
    year_began = dt.datetime(timezone.localdate(now).year, 1, 1, tzinfo=local)
    year = year_began.year
    held = events.entry("workshop_this_year")
    held_on = max(now - dt.timedelta(days=45), year_began).astimezone(
        ZoneInfo(held.text("time_zone"))
    )
    # On the first morning of a year the local start may still be ahead: it was held, so end now.
    held_at = min(
        local_start(held_on.date(), held), now - dt.timedelta(hours=held.integer("hours"))
    )
    workshop = _event(
        held,
        countries=countries,
        online_url=online_url,
        starts_at=_kept_start(held.filled_text("slug", year=year), held_at),
        year=year,
    )
    for seat in range(36):
        _attend(
            workshop,
            600 + seat,
            organisations,
            mode=Mode.ONLINE if seat % 3 else Mode.IN_PERSON,
            role=ParticipantRole.MUNICIPAL_OFFICIAL if seat < 14 else ParticipantRole.CIVIL_SOCIETY,
        )
    open_spec = events.entry("upcoming_workshop")
    upcoming = _event(
        open_spec,
        countries=countries,
        online_url=online_url,
        starts_at=_kept_start(
            open_spec.filled_text("slug", year=year),
            local_start((now + dt.timedelta(days=30)).date(), open_spec),
        ),
        year=year,
    )
    closes_days_before = open_spec.optional_integer("registration_closes_days_before")
    if closes_days_before is not None:
        upcoming.registration_closes_at = upcoming.starts_at - dt.timedelta(days=closes_days_before)
        upcoming.save(update_fields=["registration_closes_at"])
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


def load_mentoring(organisations: list[Organisation], mentoring: Entry) -> int:
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
                "outcome": mentoring.text("outcome") if finished else "",
            },
        )
        if set(engagement.areas.all()) != set(chosen):
            engagement.areas.set(chosen)
        for area in chosen:
            upsert(
                MentoringGoal,
                {"engagement": engagement, "area": area},
                {
                    "description": mentoring.filled_text("goal", area=area),
                    "is_achieved": finished,
                },
            )
        for session in range(3):
            upsert(
                MentoringSession,
                {"engagement": engagement, "held_on": started + dt.timedelta(days=30 * session)},
                {"duration_minutes": 60, "notes": mentoring.text("session_notes")},
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
    data = read_data_file(DEMO_FILE)
    courses = load_courses(data)
    organisations = community_organisations()
    load_community(organisations, data.entry("community"))
    attendees = load_events(organisations, data.entry("events"))
    attendees += load_this_years_events(organisations, data.entry("events"), timezone.now())
    agenda_demo.load()
    load_series()
    by_department = load_department_trainings(data.entry("events"))
    signed_up = load_sign_ups(data.entry("community"))
    mentored = load_mentoring(organisations, data.entry("mentoring"))
    load_learners(courses)
    discussion_demo.load(stdout)
    stdout.write(
        f"Learning: {len(courses)} courses, {len(data.entries('paths'))} paths, "
        f"{len(self_assessment_questions())} self-assessment statements, "
        f"{len(organisations)} community members, {attendees} community event attendees, "
        f"{by_department} officials at their departments' trainings, "
        f"{signed_up} participants with an account, "
        f"{mentored} organisations mentored.\n"
    )
