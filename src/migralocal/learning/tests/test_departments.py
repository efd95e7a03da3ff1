"""Trainings by agency: a registration records the participant's department or unit within their
organisation (registration page, check-in at the door or by the API, attendance import), and the
figures of an event and of a period split by department, gender and mode."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from migralocal.core.models import Organisation
from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.factories import OrganisationFactory
from migralocal.core.tests.world import World
from migralocal.learning import attendance_import, selectors, services
from migralocal.learning.models import Event, Registration
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db

CONTROL = "Agencia Metropolitana de Control"
INCLUSION = "Secretaría de Inclusión Social"


def register(event: Event, number: int, **fields: object) -> Registration:
    values: dict[str, object] = {
        "name": f"Persona {number}",
        "email": f"p{number}@example.org",
        "gender": "woman",
        "role": "municipal_official",
    }
    values.update(fields)
    return services.event_register(event=event, **values)  # type: ignore[arg-type]


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_person_gives_their_department_when_registering_on_the_page(world: World) -> None:
    event = make_event(world.honduras)
    page = Client().get(event.get_absolute_url()).content.decode()
    assert 'name="department"' in page
    Client().post(
        event.get_absolute_url(),
        {
            "name": "Ana",
            "email": "ana@example.org",
            "gender": "woman",
            "role": "municipal_official",
            "organisation": world.el_progreso_municipality.pk,
            "department": f"  {CONTROL} ",
        },
    )
    registration = event.registrations.get()
    assert (registration.department, registration.organisation) == (
        CONTROL,
        world.el_progreso_municipality,
    )


def test_checking_in_completes_or_corrects_the_department_and_an_empty_one_keeps_it(
    world: World,
) -> None:
    event = make_event(world.honduras)
    given = register(event, 1, department=CONTROL)
    missing = register(event, 2)
    services.registration_check_in(registration=given, mode="online")
    services.registration_check_in(registration=missing, mode="in_person", department=INCLUSION)
    given.refresh_from_db()
    missing.refresh_from_db()
    assert (given.department, given.attendance_mode) == (CONTROL, "online")
    assert (missing.department, missing.attendance_mode) == (INCLUSION, "in_person")


def test_the_trainer_records_the_department_at_the_door(world: World) -> None:
    event = make_event(world.honduras)
    registration = register(event, 1)
    client = signed_in(world, "trainer")
    attendance = reverse("learning:event_attendance", args=[event.slug])
    assert f'id="department-{registration.pk}"' in client.get(attendance).content.decode()
    client.post(
        attendance,
        {"registration": registration.pk, "mode": "in_person", "department": INCLUSION},
    )
    registration.refresh_from_db()
    assert (registration.department, registration.attendance_mode) == (INCLUSION, "in_person")
    assert INCLUSION in client.get(attendance).content.decode()


def test_the_api_check_in_takes_a_department(world: World) -> None:
    event = make_event(world.honduras)
    registration = register(event, 1)
    url = f"/api/v1/event-registrations/{registration.pk}/check-in/"
    body = (
        client_for(world, "trainer")
        .post(url, {"mode": "online", "department": CONTROL}, format="json")
        .json()
    )
    assert (body["department"], body["attendance_mode"]) == (CONTROL, "online")


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("asistencia.csv", text.encode("utf-8"))


def test_the_attendance_import_reads_an_optional_department_column(world: World) -> None:
    event = make_event(world.honduras)
    kept = register(event, 1, email="ana@example.org", department=CONTROL)
    corrected = register(event, 2, email="beto@example.org", department="Otra")
    table = attendance_import.read_table(
        upload(
            "Correo,Nombre,Género,Dependencia\n"
            "ana@example.org,Ana,mujer,\n"
            f"beto@example.org,Beto,hombre,{INCLUSION}\n"
            f"carla@example.org,Carla,mujer,{INCLUSION}\n"
            "dora@example.org,Dora,mujer,\n"
        )
    )
    result = attendance_import.validate_rows(event, table)
    assert result.is_valid
    assert services.attendance_import(event=event, rows=result.rows) == {"matched": 2, "created": 2}
    departments = dict(event.registrations.values_list("email", "department"))
    assert departments == {
        "ana@example.org": CONTROL,  # an empty cell keeps the registered department
        "beto@example.org": INCLUSION,
        "carla@example.org": INCLUSION,
        "dora@example.org": "",
    }
    kept.refresh_from_db()
    corrected.refresh_from_db()
    assert kept.attended_at and corrected.department == INCLUSION


def test_an_import_without_a_department_column_still_works_and_a_long_one_is_refused(
    world: World,
) -> None:
    event = make_event(world.honduras)
    plain = attendance_import.validate_rows(
        event, attendance_import.read_table(upload("email,name\nana@example.org,Ana\n"))
    )
    assert plain.is_valid and plain.rows[0]["department"] == ""
    long = attendance_import.read_table(
        upload(f"email,name,department\nana@example.org,Ana,{'x' * 201}\n")
    )
    with translation.override("en"):
        result = attendance_import.validate_rows(event, long)
    assert result.errors == [(2, "department", "At most 200 characters.")]


def attend(
    event: Event,
    number: int,
    organisation: Organisation,
    *,
    gender: str,
    mode: str,
    department: str,
) -> None:
    registration = register(
        event, number, gender=gender, department=department, organisation=organisation
    )
    services.registration_check_in(registration=registration, mode=mode)


@pytest.fixture
def quito_training(world: World) -> Event:
    quito = OrganisationFactory.create(
        name="Municipio de Quito",
        slug="municipio-de-quito",
        kind=Organisation.Kind.MUNICIPALITY,
        country=world.honduras,
    )
    event = make_event(world.honduras)
    # Control: 3 women online, 1 man in person. Inclusion: 1 woman, 1 man, in person.
    # Nobody's department given for one more woman online.
    for number, (gender, mode, department) in enumerate(
        [
            ("woman", "online", CONTROL),
            ("woman", "online", CONTROL),
            ("woman", "online", CONTROL),
            ("man", "in_person", CONTROL),
            ("woman", "in_person", INCLUSION),
            ("man", "in_person", INCLUSION),
            ("woman", "online", ""),
        ],
        start=1,
    ):
        attend(event, number, quito, gender=gender, mode=mode, department=department)
    register(event, 99, department=CONTROL)  # registered, never came
    return event


def test_figures_split_by_department_gender_and_mode(quito_training: Event) -> None:
    with translation.override("en"):
        figures = selectors.attendance_figures(quito_training.registrations.all())
    control = f"{CONTROL} (Municipio de Quito)"
    inclusion = f"{INCLUSION} (Municipio de Quito)"
    assert figures.breakdown("Department or unit").rows == [
        (control, 4, 57),
        (inclusion, 2, 29),
        ("Not stated", 1, 14),
    ]
    split = figures.departments
    assert split is not None
    assert split.genders[:2] == ["Woman", "Man"] and split.modes == ["Online", "In person"]
    assert [row.name for row in split.rows] == [control, inclusion, "Not stated"]
    assert (split.row(control).by_gender[:2], split.row(control).by_mode) == ([3, 1], [3, 1])
    assert (split.row(inclusion).by_gender[:2], split.row(inclusion).by_mode) == ([1, 1], [0, 2])


def test_the_period_report_shows_and_exports_the_department_split(
    world: World, quito_training: Event
) -> None:
    client = signed_in(world, "trainer")
    page = client.get(reverse("learning:event_report"))
    table = page.content.decode()
    assert 'data-table="departments"' in table
    assert "Dependencia o unidad, por género y modalidad" in table
    assert f"{CONTROL} (Municipio de Quito)" in table
    download = client.get(reverse("learning:event_report") + "?format=csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    control = f"{CONTROL} (Municipio de Quito)"
    assert ["Dependencia o unidad", control, "4", "57"] in rows
    assert ["Dependencia o unidad, por género", f"{control} · Mujer", "3", "75"] in rows
    assert ["Dependencia o unidad, por modalidad", f"{control} · Presencial", "1", "25"] in rows
    event_page = client.get(reverse("learning:event_figures", args=[quito_training.slug]))
    assert 'data-table="departments"' in event_page.content.decode()
