"""Events: time zones, capacity and waiting list, check-in, attendance import, figures."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from migralocal.core.tests.world import World
from migralocal.learning import attendance_import, selectors, services
from migralocal.learning.models import Registration
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db


def register(event: object, number: int, **fields: object) -> Registration:
    values = {"name": f"Persona {number}", "email": f"p{number}@example.org", "gender": "woman"}
    values.update(fields)  # type: ignore[arg-type]
    values.setdefault("role", "civil_society")
    return services.event_register(event=event, **values)  # type: ignore[arg-type]


def test_event_in_tegucigalpa_shows_local_time_and_the_viewers(world: World) -> None:
    # 20:00 UTC is 14:00 in Tegucigalpa (UTC-6, no daylight saving) and 21:00 in Madrid (CET).
    event = make_event(world.honduras)
    times = selectors.event_times(event, zoneinfo.ZoneInfo("Europe/Madrid"))
    assert (times.local_start.hour, times.local_start.utcoffset()) == (14, dt.timedelta(hours=-6))
    assert times.viewer_start.hour == 21
    assert not times.same_zone


def test_summer_time_in_the_viewers_zone_is_respected(world: World) -> None:
    event = make_event(world.honduras, starts_at=dt.datetime(2026, 7, 1, 20, 0, tzinfo=dt.UTC))
    times = selectors.event_times(event, zoneinfo.ZoneInfo("Europe/Madrid"))
    assert (times.local_start.hour, times.viewer_start.hour) == (14, 22)


def test_event_page_shows_both_times(client: object, world: World) -> None:
    event = make_event(world.honduras)
    client.cookies["migralocal_tz"] = "Europe/Madrid"  # type: ignore[attr-defined]
    page = client.get(event.get_absolute_url()).content.decode()  # type: ignore[attr-defined]
    assert "America/Tegucigalpa" in page
    assert "14:00" in page and "21:00" in page


def test_full_event_puts_people_on_the_waiting_list_and_promotes_them(world: World) -> None:
    event = make_event(world.honduras, capacity=1)
    first = register(event, 1)
    second = register(event, 2)
    assert (first.status, second.status) == ("confirmed", "waiting")
    services.registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_one_registration_per_email(world: World) -> None:
    event = make_event(world.honduras)
    register(event, 1)
    with pytest.raises(ValidationError):
        register(event, 1, email="P1@example.org")


def test_self_check_in_needs_the_right_code_and_a_registration(world: World) -> None:
    event = make_event(world.honduras)
    member = world.user("member")
    with pytest.raises(ValidationError):
        services.event_self_check_in(event=event, code=event.check_in_code, user=member)
    register(event, 1, email=member.email, user=member)
    with pytest.raises(PermissionDenied):
        services.event_self_check_in(event=event, code="wrong", user=member)
    registration = services.event_self_check_in(event=event, code=event.check_in_code, user=member)
    assert registration.attended_at is not None and registration.attendance_mode == "in_person"


def upload(text: str, name: str = "asistencia.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_import_reports_every_bad_row_and_column(world: World) -> None:
    event = make_event(world.honduras)
    table = attendance_import.read_table(
        upload(
            "Correo,Nombre,Género,Modalidad,País\n"
            "ana@example.org,Ana,mujer,presencial,Honduras\n"
            "no-es-correo,Beto,hombre,online,HN\n"
            "carla@example.org,,x,a caballo,Atlantis\n"
            "ana@example.org,Ana otra vez,mujer,online,HN\n"
        )
    )
    with translation.override("en"):
        result = attendance_import.validate_rows(event, table)
    assert not result.is_valid
    assert result.errors == [
        (3, "email", "Not a valid e-mail address."),
        (4, "name", "A name is required."),
        (4, "gender", "Use woman, man, non-binary or leave it empty."),
        (4, "mode", "Use online or in person."),
        (4, "country", "Unknown country."),
        (5, "email", "This e-mail address appears in an earlier row."),
    ]


def test_import_matches_registrations_and_adds_walk_ins(world: World) -> None:
    event = make_event(world.honduras)
    registered = register(event, 1, email="ana@example.org")
    table = attendance_import.read_table(
        upload(
            "email;name;gender;mode\nANA@example.org;Ana;woman;online\nbeto@example.org;Beto;m;\n"
        )
    )
    result = attendance_import.validate_rows(event, table)
    assert result.is_valid
    assert services.attendance_import(event=event, rows=result.rows) == {"matched": 1, "created": 1}
    registered.refresh_from_db()
    assert registered.attendance_mode == "online" and registered.attended_at
    walk_in = event.registrations.get(email="beto@example.org")
    assert (walk_in.gender, walk_in.attendance_mode) == ("man", "in_person")


def test_import_reads_xlsx(world: World) -> None:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Email", "Gender"])
    sheet.append(["Ana", "ana@example.org", "female"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = attendance_import.read_table(SimpleUploadedFile("list.xlsx", buffer.getvalue()))
    result = attendance_import.validate_rows(make_event(world.honduras), table)
    assert result.is_valid and result.rows[0]["gender"] == "woman"


def test_figures_are_disaggregated_with_shares(world: World) -> None:
    event = make_event(world.honduras)
    for number in range(4):
        registration = register(
            event,
            number,
            gender="woman" if number < 2 else "man",
            organisation=world.mexican_cso if number == 0 else None,
        )
        services.registration_check_in(
            registration=registration, mode="online" if number < 3 else "in_person"
        )
    register(event, 9)  # registered, never came
    with translation.override("en"):
        figures = selectors.attendance_figures(event.registrations.all())
    assert (figures.attendees, figures.registered) == (4, 5)
    assert figures.breakdown("Gender").rows == [("Man", 2, 50), ("Woman", 2, 50)]
    assert figures.breakdown("Mode").rows == [("Online", 3, 75), ("In person", 1, 25)]
    assert ("Colectivo Caminos", 1, 25) in figures.breakdown("Organisation").rows
    assert figures.breakdown("Country").rows[0] == ("Not stated", 3, 75)


def test_trainer_creates_an_event_in_local_time_of_its_place(world: World) -> None:
    from django.test import Client
    from django.urls import reverse

    from migralocal.learning.models import Event

    client = Client()
    client.force_login(world.user("trainer"))
    data = {
        "title": "Taller en Tegucigalpa",
        "slug": "taller-tgu",
        "kind": "workshop",
        "format": "in_person",
        "country": world.honduras.pk,
        "time_zone": "America/Tegucigalpa",
        "local_start": "2026-03-05T14:00",
        "local_end": "2026-03-05T13:00",
        "is_public": "on",
    }
    wrong = client.post(reverse("learning:event_create"), data)
    assert "Un evento debe terminar después de comenzar." in wrong.content.decode()
    client.post(reverse("learning:event_create"), {**data, "local_end": "2026-03-05T17:00"})
    event = Event.objects.get(slug="taller-tgu")
    assert event.starts_at == dt.datetime(2026, 3, 5, 20, 0, tzinfo=dt.UTC)
    # El Salvador is not one of the trainer's countries.
    refused = client.post(
        reverse("learning:event_create"),
        {**data, "slug": "otro", "country": world.el_salvador.pk, "local_end": "2026-03-05T17:00"},
    )
    assert refused.status_code in {200, 403}
    assert not Event.objects.filter(slug="otro").exists()
    member = Client()
    member.force_login(world.user("member"))
    assert member.get(reverse("learning:event_create")).status_code == 403
