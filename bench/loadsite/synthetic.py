"""A large synthetic installation for the load benchmark, written fast into PostgreSQL.

At scale 1: 500 municipalities (each an organisation with an assessment round), 2,000 hubs,
20,000 services, 1,000,000 consultations with topics and referrals, 50,000 learners enrolled in
courses, in four countries. `load(scale)` is idempotent and resumable: each part counts what is
already there and adds only the rest, the big tables in batches committed one by one, so an
interrupted load goes on where it stopped. Large tables go through PostgreSQL's COPY (psycopg 3),
the rest through bulk_create.
"""

from __future__ import annotations

import datetime as dt
import operator
import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

PREFIX = "synth"
MANAGER_EMAIL = "bench-manager@example.org"
MANAGER_PASSWORD = "bench-load-only-2026"  # noqa: S105  (a throw-away bench database)
COUNTRIES = (
    ("HN", "HND", "Honduras", Decimal("15.2"), Decimal("-86.6")),
    ("SV", "SLV", "El Salvador", Decimal("13.8"), Decimal("-88.9")),
    ("GT", "GTM", "Guatemala", Decimal("15.6"), Decimal("-90.3")),
    ("MX", "MEX", "México", Decimal("23.6"), Decimal("-102.5")),
)
WORDS_ES = ["trabajo", "atención", "documentos", "salud", "retorno", "asilo", "orientación"]
WORDS_EN = ["work", "care", "documents", "health", "return", "asylum", "guidance"]
BATCH = 20_000


@dataclass(frozen=True)
class Sizes:
    municipalities: int
    hubs: int
    services: int
    consultations: int
    learners: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        def part(full: int) -> int:
            return max(1, round(full * scale))

        return cls(part(500), part(2_000), part(20_000), part(1_000_000), part(50_000))


# ------------------------------------------------------------------ writing fast


def copy_rows(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Write model instances with COPY: every concrete column, values prepared by the fields
    themselves (defaults, auto_now), integer keys taken from the table's own sequence."""
    if not objects:
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    pk = meta.pk
    assert pk is not None  # noqa: S101
    with connection.cursor() as cursor:
        if isinstance(pk, models.AutoField | models.BigAutoField) and objects[0].pk is None:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(objects)],
            )
            for obj, (key,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = key
        columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
        table = connection.ops.quote_name(meta.db_table)
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        values = [value_of(field) for field in fields]
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([value(obj) for value in values])


# Fields whose Python value psycopg writes as it is; the others are prepared by the field.
PLAIN_FIELDS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DecimalField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
    "UUIDField",
}


def value_of(field: Any) -> Callable[[models.Model], Any]:
    """How to read one column's value from an instance, as fast as that column allows."""
    if field.get_internal_type() in PLAIN_FIELDS:
        return operator.attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


def in_batches(total: int, done: int, write: Callable[[int, int], None], label: str) -> None:
    """Call write(first, count) for what is missing, one committed batch at a time."""
    for first in range(done, total, BATCH):
        with transaction.atomic():
            write(first, min(BATCH, total - first))
        print(f"  {label}: {min(first + BATCH, total):,} / {total:,}", flush=True)


def translations_of(model: Any) -> Any:
    return model._parler_meta.root_model


# ------------------------------------------------------------------ the parts


def countries() -> list[Any]:
    from migralocal.core.models import Country

    found = []
    for code, iso3, name, latitude, longitude in COUNTRIES:
        # Every ISO country comes with the migrations, named, but without a centre: the bench
        # places its municipalities around one.
        country, created = Country.objects.get_or_create(code=code, defaults={"iso3": iso3})
        if country.latitude is None or country.longitude is None:
            country.latitude, country.longitude = latitude, longitude
        if created:
            for language in ("es", "en"):
                country.set_current_language(language)
                country.name = name
        country.save()
        found.append(country)
    return found


def municipalities(sizes: Sizes, rng: random.Random) -> None:
    from migralocal.core.models import AdministrativeArea, Organisation

    done = Organisation.objects.filter(slug__startswith=f"{PREFIX}-municipio-").count()
    if done >= sizes.municipalities:
        return
    places = countries()
    areas, organisations = [], []
    for i in range(done, sizes.municipalities):
        country = places[i % len(places)]
        assert country.latitude is not None and country.longitude is not None  # noqa: S101
        area = AdministrativeArea(
            country=country,
            level="municipality",
            code=f"{PREFIX}-{country.code}-{i}",
            name=f"Municipio {i}",
            latitude=country.latitude + Decimal(f"{rng.uniform(-1.5, 1.5):.6f}"),
            longitude=country.longitude + Decimal(f"{rng.uniform(-1.5, 1.5):.6f}"),
        )
        areas.append(area)
        organisations.append(
            Organisation(
                name=f"Municipalidad {i}",
                slug=f"{PREFIX}-municipio-{i}",
                kind=Organisation.Kind.MUNICIPALITY,
                country=country,
                municipality=area,
            )
        )
    with transaction.atomic():
        AdministrativeArea.objects.bulk_create(areas, batch_size=2000)
        for organisation, area in zip(organisations, areas, strict=True):
            organisation.municipality = area
        Organisation.objects.bulk_create(organisations, batch_size=2000)


def hubs(sizes: Sizes, rng: random.Random) -> None:
    from migralocal.core.models import Organisation
    from migralocal.directory.models import Hub
    from migralocal.directory.search import document_from, refresh_vectors

    done = Hub.objects.filter(slug__startswith=f"{PREFIX}-hub-").count()
    if done >= sizes.hubs:
        return
    operators = list(
        Organisation.objects.filter(slug__startswith=f"{PREFIX}-municipio-")
        .select_related("municipality")
        .order_by("pk")
    )
    translation = translations_of(Hub)
    today = timezone.localdate()
    with transaction.atomic():
        rows, texts = [], []
        for i in range(done, sizes.hubs):
            operator = operators[i % len(operators)]
            area = operator.municipality
            word = WORDS_ES[i % len(WORDS_ES)]
            name = f"Ventanilla {i} de {word}"
            hub = Hub(
                slug=f"{PREFIX}-hub-{i}",
                operator=operator,
                country_id=operator.country_id,
                municipality=area,
                kind=Hub.Kind.INFORMATION_HUB,
                latitude=area.latitude + Decimal(f"{rng.uniform(-0.05, 0.05):.6f}"),
                longitude=area.longitude + Decimal(f"{rng.uniform(-0.05, 0.05):.6f}"),
                languages=",es,en," if i % 3 == 0 else ",es,",
                phone="+504 2647-0000",
                assured_date=today - dt.timedelta(days=rng.randrange(400)),
                search_document=document_from([name, f"Desk {i}"]),
            )
            rows.append(hub)
            texts.append((hub, name, f"Desk {i} for {WORDS_EN[i % len(WORDS_EN)]}"))
        Hub.objects.bulk_create(rows, batch_size=2000)
        translation.objects.bulk_create(
            [
                translation(
                    master=hub,
                    language_code=language,
                    name=text,
                    opening_hours="Lunes a viernes, 8:00 a 16:00" if language == "es" else "",
                )
                for hub, name_es, name_en in texts
                for language, text in (("es", name_es), ("en", name_en))
            ],
            batch_size=4000,
        )
        refresh_vectors(Hub.objects.filter(slug__startswith=f"{PREFIX}-hub-"))


def services(sizes: Sizes, rng: random.Random) -> None:
    from migralocal.core.models import TaxonomyTerm
    from migralocal.directory.models import Attribute, Hub, Language, Service
    from migralocal.directory.search import document_from, refresh_vectors

    hub_rows = list(Hub.objects.filter(slug__startswith=f"{PREFIX}-hub-").order_by("pk"))
    done = Service.objects.filter(hub__in=hub_rows).count()
    if done >= sizes.services:
        return
    needs = list(TaxonomyTerm.objects.of("service-categories").values_list("pk", flat=True))
    translation = translations_of(Service)

    def write(first: int, count: int) -> None:
        rows, texts, languages, links = [], [], [], []
        for i in range(first, first + count):
            hub = hub_rows[i % len(hub_rows)]
            word_es, word_en = WORDS_ES[i % len(WORDS_ES)], WORDS_EN[i % len(WORDS_EN)]
            name_es, name_en = f"Servicio {i} de {word_es}", f"Service {i} for {word_en}"
            description = f"Atención gratuita sobre {word_es} para personas migrantes."
            service = Service(
                id=uuid.UUID(int=(0x5EB << 100) + i),
                hub=hub,
                country_id=hub.country_id,
                municipality_id=hub.municipality_id,
                latitude=hub.latitude,
                longitude=hub.longitude,
                status=Service.Status.ACTIVE,
                assured_date=hub.assured_date,
                search_document=document_from([name_es, name_en, description]),
            )
            rows.append(service)
            texts.append(
                translation(
                    master=service, language_code="es", name=name_es, description=description
                )
            )
            texts.append(translation(master=service, language_code="en", name=name_en))
            languages.append(Language(service=service, code="es", name="Español"))
            if needs:
                links.append(Attribute(service=service, taxonomy_term_id=rng.choice(needs)))
        Service.objects.bulk_create(rows)
        translation.objects.bulk_create(texts)
        Language.objects.bulk_create(languages)
        Attribute.objects.bulk_create(links)

    in_batches(sizes.services, done, write, "services")
    refresh_vectors(Service.objects.filter(hub__slug__startswith=f"{PREFIX}-hub-"))


def consultations(sizes: Sizes, rng: random.Random) -> None:
    from migralocal.consultations.models import Consultation, Referral
    from migralocal.core.models import Country, TaxonomyTerm
    from migralocal.directory.models import Hub, Service

    done = Consultation.objects.count()
    if done >= sizes.consultations:
        return
    hub_rows = list(
        Hub.objects.filter(slug__startswith=f"{PREFIX}-hub-").values_list(
            "pk", "country_id", "municipality_id"
        )
    )
    services_of: dict[int, list[Any]] = {}
    for service_id, hub_id in Service.objects.values_list("pk", "hub_id"):
        services_of.setdefault(hub_id, []).append(service_id)
    topics = list(TaxonomyTerm.objects.of("consultation-topics").values_list("pk", flat=True))
    situations = list(TaxonomyTerm.objects.of("migration-situations").values_list("pk", flat=True))
    nationalities = list(Country.objects.values_list("pk", flat=True))
    link = Consultation.topics.through
    today = timezone.localdate()
    first_day = today.replace(year=today.year - 1, month=1, day=1)
    span = (today - first_day).days + 1

    def write(_first: int, count: int) -> None:
        rows = []
        for _ in range(count):
            hub_id, country_id, municipality_id = rng.choice(hub_rows)
            day = first_day + dt.timedelta(days=rng.randrange(span))
            rows.append(
                Consultation(
                    hub_id=hub_id,
                    country_id=country_id,
                    municipality_id=municipality_id,
                    date=day,
                    month=day.replace(day=1),
                    channel=rng.choice(["in_person", "phone", "whatsapp", "online"]),
                    gender=rng.choice(["female", "male", "other", "not_stated"]),
                    age_band=rng.choice(["0-11", "12-17", "18-29", "30-44", "45-59", "60+"]),
                    nationality_id=rng.choice(nationalities),
                    migration_situation_id=rng.choice(situations) if situations else None,
                    disability=rng.choice(["yes", "no", "no", "no"]),
                    preferred_language="es",
                )
            )
        copy_rows(Consultation, rows)
        copy_rows(
            link,
            [
                link(consultation_id=row.pk, taxonomyterm_id=term)
                for row in rows
                for term in rng.sample(topics, rng.choice([1, 1, 2, 3]))
            ],
        )
        copy_rows(
            Referral,
            [
                Referral(
                    consultation_id=row.pk,
                    service_id=rng.choice(services_of[row.hub_id]),
                    status=rng.choice(["made", "accepted", "attended", "closed", "unreachable"]),
                    follow_up_on=row.date + dt.timedelta(days=7),
                )
                for row in rows
                if rng.random() < 0.35 and services_of.get(row.hub_id)
            ],
        )

    in_batches(sizes.consultations, done, write, "consultations")


def assessments(sizes: Sizes, rng: random.Random) -> None:
    """One round per municipality, at every stage of the cycle; certified ones get a seal."""
    from migralocal.assessments.models import Assessment, Certificate, Framework, Stage
    from migralocal.core.models import Organisation

    framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
    if framework is None:
        call_command("load_framework", "--default", "--publish", verbosity=0, stdout=StringIO())
        framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).get()
    waiting = Organisation.objects.filter(
        slug__startswith=f"{PREFIX}-municipio-", assessments__isnull=True
    ).order_by("pk")
    stages = [Stage.APPLIED, Stage.SELF_ASSESSMENT, Stage.SUBMITTED, Stage.VALIDATED]
    stages += [Stage.MONITORING, Stage.CERTIFIED, Stage.CERTIFIED]
    year = timezone.localdate().year
    with transaction.atomic():
        rounds = Assessment.objects.bulk_create(
            Assessment(
                organisation=organisation,
                country_id=organisation.country_id,
                framework=framework,
                year=year,
                stage=rng.choice(stages),
            )
            for organisation in waiting
        )
        Certificate.objects.bulk_create(
            Certificate(
                assessment=round_,
                number=f"{PREFIX.upper()}-{round_.pk}",
                verification_code=f"{PREFIX}{uuid.UUID(int=round_.pk).hex}",
                year=year,
                issued_on=dt.date(year, 1, 15),
                valid_until=dt.date(year + 1, 1, 15),
            )
            for round_ in rounds
            if round_.stage == Stage.CERTIFIED
        )


def learners(sizes: Sizes, rng: random.Random) -> None:
    from migralocal.core.models import User
    from migralocal.learning.models import Course, CourseModule, Enrolment, Lesson

    courses = list(Course.objects.filter(slug__startswith=f"{PREFIX}-curso-").order_by("pk"))
    if not courses:
        places = countries()
        for n in range(20):
            course = Course(slug=f"{PREFIX}-curso-{n}", country=places[n % 4], is_published=True)
            course.set_current_language("es")
            course.title = f"Curso {n}: {WORDS_ES[n % len(WORDS_ES)]}"
            course.save()
            module = CourseModule(course=course, position=1)
            module.set_current_language("es")
            module.title = "Módulo 1"
            module.save()
            for position in range(1, 4):
                lesson = Lesson(module=module, position=position)
                lesson.set_current_language("es")
                lesson.title = f"Lección {position}"
                lesson.save()
            courses.append(course)
    done = User.objects.filter(email__endswith=f"@{PREFIX}.example.org").count()

    def write(first: int, count: int) -> None:
        people = [
            User(email=f"learner-{i}@{PREFIX}.example.org", password="!", is_active=True)  # noqa: S106
            for i in range(first, first + count)
        ]
        copy_rows(User, people)
        copy_rows(
            Enrolment,
            [
                Enrolment(user_id=person.pk, course=course)
                for person in people
                for course in rng.sample(courses, rng.choice([1, 1, 2]))
            ],
        )

    in_batches(sizes.learners, done, write, "learners")


def manager() -> None:
    """A programme manager of every bench country, to open the country dashboards."""
    from migralocal.core.models import Country, ProgrammeAssignment, User
    from migralocal.core.roles import ProgrammeRole

    user = User.objects.filter(email=MANAGER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=MANAGER_EMAIL, password=MANAGER_PASSWORD)
    assignment, _ = ProgrammeAssignment.objects.get_or_create(
        user=user, role=ProgrammeRole.PROGRAMME_MANAGER
    )
    assignment.countries.set(Country.objects.filter(code__in=[c[0] for c in COUNTRIES]))


PROGRAMME_SLUG = f"{PREFIX}-programme"
# What the bench programme's indicators count: one of each kind of figure the reports compute.
PROGRAMME_MEASURES = (
    "people_trained",
    "people_trained/gender/woman",
    "officials_trained",
    "organisations_mentored",
    "hubs_active",
    "consultations",
    "referrals/share",
    "certification/headline",
    "commitments",
)


def programme() -> None:
    """A five-year programme over six countries (the bench's and two more) that owns every hub,
    event, course and assessment round of the bench, with a results framework of computed
    indicators and yearly targets: the results page's worst case."""
    from migralocal.assessments.models import Assessment
    from migralocal.core.models import Country, User
    from migralocal.directory.models import Hub
    from migralocal.learning.models import Course, Event
    from migralocal.programmes import results_services, services
    from migralocal.programmes.models import Programme

    if Programme.objects.filter(slug=PROGRAMME_SLUG).exists():
        return
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        email=f"admin@{PREFIX}.example.org", password=MANAGER_PASSWORD
    )
    this_year = timezone.localdate().year
    codes = [code for code, *_rest in COUNTRIES] + ["CO", "CR"]
    created = services.programme_create(
        actor=admin,
        slug=PROGRAMME_SLUG,
        fields=services.ProgrammeFields(
            names={"es": "Programa de carga", "en": "Load programme"},
            codes={"es": "PC", "en": "LP"},
            descriptions={},
            starts_on=dt.date(this_year - 4, 1, 1),
            ends_on=dt.date(this_year, 12, 31),
            countries=list(Country.objects.filter(code__in=codes)),
        ),
        managers=list(User.objects.filter(email=MANAGER_EMAIL)),
    )
    owned = {
        "hubs": Hub.objects.filter(slug__startswith=f"{PREFIX}-"),
        "events": Event.objects.all(),
        "courses": Course.objects.all(),
        "assessments": Assessment.objects.all(),
    }
    for kind, rows in owned.items():
        getattr(created, kind).add(*rows.values_list("pk", flat=True))
    outcome = results_services.outcome_create(
        actor=admin, programme=created, titles={"es": "Resultado", "en": "Outcome"}
    )
    output = results_services.output_create(
        actor=admin, outcome=outcome, titles={"es": "Producto", "en": "Output"}
    )
    for measure in PROGRAMME_MEASURES:
        indicator = results_services.indicator_create(
            actor=admin,
            output=output,
            fields=results_services.IndicatorFields(
                titles={"es": measure, "en": measure},
                definitions={},
                measure=measure,
                unit="percent" if "/" in measure and "share" in measure else "number",
            ),
        )
        for year in range(this_year - 4, this_year + 1):
            results_services.target_create(
                actor=admin,
                indicator=indicator,
                starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31),
                value=Decimal(100),
            )


PARTS: list[tuple[str, Callable[[Sizes, random.Random], None]]] = [
    ("municipalities", municipalities),
    ("hubs", hubs),
    ("services", services),
    ("consultations", consultations),
    ("assessments", assessments),
    ("learners", learners),
    ("programme manager", lambda _sizes, _rng: manager()),
    ("five-year programme", lambda _sizes, _rng: programme()),
]


def load(scale: float) -> dict[str, float]:
    """Fill the database up to `scale`; returns the seconds each part took."""
    sizes = Sizes.at(scale)
    took: dict[str, float] = {}
    for name, part in PARTS:
        began = time.perf_counter()
        part(sizes, random.Random(f"{name}-{scale}"))
        took[name] = time.perf_counter() - began
        print(f"  {name}: {took[name]:.1f} s", flush=True)
    with connection.cursor() as cursor:
        # What autovacuum does on a live database soon after rows arrive: statistics for the
        # planner, and the visibility map that lets the reports count from an index alone
        # (consultations/models.py) instead of visiting every row.
        cursor.execute("VACUUM (ANALYZE)")
    return took


def counts() -> Iterable[tuple[str, int]]:
    from migralocal.assessments.models import Assessment
    from migralocal.consultations.models import Consultation
    from migralocal.core.models import User
    from migralocal.directory.models import Hub, Service

    yield "hubs", Hub.objects.count()
    yield "services", Service.objects.count()
    yield "consultations", Consultation.objects.count()
    yield (
        "municipalities with a round",
        Assessment.objects.values("organisation").distinct().count(),
    )
    yield "learners", User.objects.filter(email__endswith=f"@{PREFIX}.example.org").count()
