"""Registrations from a KoboToolbox or ODK export of the programme's own XLSForm: the form as a
download, every problem by sheet, row and column, a preview, an all-or-nothing write, and never
the same submission twice."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from migralocal.assistance import grievance_services as gs
from migralocal.assistance.grievance_forms import digest_of
from migralocal.assistance.grievances import RegistrationSubmission
from migralocal.assistance.models import Household, Member
from migralocal.assistance.tests.builders import CONSENT, make_programme, no_two_factor
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

UUID_A = "6f1c2d3e-0000-4000-8000-00000000000a"
UUID_B = "6f1c2d3e-0000-4000-8000-00000000000b"
HOUSEHOLDS = [
    ["municipality", "population_group", "consent", "_uuid", "_index"],
    ["HN-YO-1804", "migrant", "yes", UUID_A, 1],
    ["El Progreso", "refugee", "yes", UUID_B, 2],
]
MEMBERS = [
    [
        "members/given_names",
        "members/family_names",
        "members/sex",
        "members/date_of_birth",
        "members/document_number",
        "members/phone",
        "_parent_index",
        "_index",
    ],
    ["Yolanda", "Zelaya Ruiz", "female", dt.date(1985, 4, 2), "0801198500001", "", 1, 1],
    ["Kevin", "Zelaya", "male", dt.date(2012, 8, 30), "", "", 1, 2],
    ["Ana", "Paz", "female", "", "", "+504 9988 1122", 2, 3],
]


def export(households=HOUSEHOLDS, members=MEMBERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Registro COVID"
    for row in households:
        sheet.append(row)
    repeat = workbook.create_sheet("members")
    for row in members:
        repeat.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check(programme, content: bytes, filename: str = "export.xlsx", members=None):
    return gs.submissions_check(
        actor=None,
        programme=programme,
        content=content,
        filename=filename,
        members_content=members,
    )


def test_the_programmes_xlsform_is_offered_as_a_download(world: World, tmp_path: Path) -> None:
    programme = make_programme(world)
    client = Client()
    client.force_login(world.user("hub_staff"))
    response = client.get(reverse("assistance:xlsform", kwargs={"slug": programme.slug}))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    survey = [row[:2] for row in workbook["survey"].iter_rows(values_only=True)]
    assert ("begin_repeat", "members") in survey and ("select_one sex", "sex") in survey
    choices = [row[:2] for row in workbook["choices"].iter_rows(values_only=True)]
    assert ("municipality", "HN-YO-1804") in choices
    assert ("population_group", "host") in choices
    assert "migralocal_cash_covid_el_progreso" in [
        row[1] for row in workbook["settings"].iter_rows(values_only=True)
    ]
    # It converts to an XForm that ODK Collect and KoboCollect open.
    path = tmp_path / "registration.xlsx"
    path.write_bytes(response.content)
    converted = convert(xlsform=str(path), validate=False, pretty_print=False)
    assert "<h:html" in converted.xform and "jr:template" in converted.xform
    assert not [warning for warning in converted.warnings if "error" in warning.lower()]


def test_an_export_is_checked_then_imported_once(world: World) -> None:
    programme = make_programme(world)
    result = check(programme, export())
    assert result.is_valid, result.problems
    assert len(result.households) == 2 and result.submissions == 2
    assert [m.given_names for m in result.households[0].members] == ["Yolanda", "Kevin"]
    assert not Household.objects.exists()

    households = gs.submissions_import(
        actor=world.user("hub_staff"),
        programme=programme,
        content=export(),
        filename="export.xlsx",
        consent_purpose=CONSENT,
    )
    assert {h.household_ref for h in households} == {UUID_A, UUID_B}
    head = Member.objects.get(person_ref=f"{UUID_A}-1")
    assert head.is_head and head.date_of_birth == dt.date(1985, 4, 2)
    assert RegistrationSubmission.objects.filter(programme=programme).count() == 2

    again = check(programme, export())
    assert not again.is_valid
    assert {(p.row, p.column) for p in again.problems} == {(2, "_uuid"), (3, "_uuid")}
    with pytest.raises(ValidationError):
        gs.submissions_import(
            actor=None,
            programme=programme,
            content=export(),
            filename="export.xlsx",
            consent_purpose=CONSENT,
        )
    assert Household.objects.count() == 2


def test_every_problem_is_reported_by_sheet_row_and_column_and_nothing_written(
    world: World,
) -> None:
    programme = make_programme(world)
    households = [
        HOUSEHOLDS[0],
        ["HN-XX-0000", "migrant", "yes", UUID_A, 1],
        ["El Progreso", "refugee", "no", UUID_B, 2],
        ["El Progreso", "refugee", "yes", "", 3],
    ]
    members = [
        MEMBERS[0],
        ["", "Zelaya", "female", "", "", "", 1, 1],
        ["Kevin", "Zelaya", "robot", "1990-13-45", "", "", 1, 2],
        ["Luis", "Mejía", "male", "", "", "", 9, 3],
    ]
    result = check(programme, export(households, members))
    found = {(p.sheet, p.row, p.column) for p in result.problems}
    assert ("envíos", 3, "consent") in found
    assert ("envíos", 4, "_uuid") in found
    assert ("miembros", 4, "_parent_index") in found
    assert not result.is_valid

    # The orphan and the refused submissions fixed, the rows' own checks speak.
    result = check(programme, export(households[:2], members[:3]))
    found = {(p.sheet, p.row, p.column) for p in result.problems}
    assert ("envíos", 2, "municipality") in found
    assert ("miembros", 2, "given_names") in found
    assert ("miembros", 3, "sex") in found
    assert ("miembros", 3, "date_of_birth") in found
    assert not Household.objects.exists()

    for bad, name in ((b"not a workbook", "export.xlsx"), (b"\xff\xfe\x00", "export.csv")):
        result = check(programme, bad, name, members=b"x")
        assert result.problems and not result.is_valid
    assert check(programme, b"a,b\n1,2\n", "export.csv").problems  # no members file
    no_members_sheet = Workbook()
    buffer = io.BytesIO()
    no_members_sheet.save(buffer)
    assert check(programme, buffer.getvalue()).problems


def test_an_odk_central_csv_pair_is_read_by_key_and_parent_key(world: World) -> None:
    programme = make_programme(world)
    households = (
        "municipality,population_group,consent,meta-instanceID,KEY\n"
        f"HN-YO-1804,host,yes,uuid:{UUID_A},uuid:{UUID_A}\n"
    ).encode()
    members = (
        "given_names,family_names,sex,date_of_birth,PARENT_KEY,KEY\n"
        f"Rosa,Elvir,female,1979-02-11,uuid:{UUID_A},uuid:{UUID_A}/members[1]\n"
    ).encode()
    result = check(programme, households, "registro.csv", members)
    assert result.is_valid, result.problems
    assert result.households[0].household_ref == UUID_A
    assert result.households[0].members[0].date_of_birth == dt.date(1979, 2, 11)


def test_the_import_page_checks_then_imports_the_same_files(world: World) -> None:
    programme = make_programme(world)
    url = reverse("assistance:kobo_import", kwargs={"slug": programme.slug})
    client = Client()
    client.force_login(world.user("hub_staff"))

    content = export()

    def upload() -> SimpleUploadedFile:
        return SimpleUploadedFile("export.xlsx", content)

    preview = client.post(url, {"file": upload(), "consent_purpose": CONSENT})
    assert preview.status_code == 200 and preview["Cache-Control"] == NO_STORE
    assert "Listo para importar" in preview.content.decode()
    assert not Household.objects.exists()
    unchecked = client.post(url, {"file": upload(), "consent_purpose": CONSENT, "confirm": "on"})
    assert unchecked.status_code == 200 and not Household.objects.exists()
    done = client.post(
        url,
        {
            "file": upload(),
            "consent_purpose": CONSENT,
            "confirm": "on",
            "checked": digest_of(content, None),
        },
    )
    assert done.status_code == 302 and Household.objects.count() == 2
    wrong_type = client.post(
        url, {"file": SimpleUploadedFile("export.pdf", b"%PDF-"), "consent_purpose": CONSENT}
    )
    assert wrong_type.status_code == 200 and "errorlist" in wrong_type.content.decode()

    admin = Client()
    admin.force_login(world.user("admin"))
    assert admin.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        gs.submissions_check(
            actor=no_two_factor(world.user("hub_staff")),
            programme=programme,
            content=export(),
            filename="export.xlsx",
        )
