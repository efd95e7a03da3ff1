"""The cash assistance pages, per role: who sees programmes and households, who reads names
(each reading logged), the import page's check then import, and the duplicate review."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from migralocal.assistance.forms import digest_of
from migralocal.assistance.models import CashProgramme, DuplicatePair, Member
from migralocal.assistance.tests.builders import make_programme, member, no_two_factor, register
from migralocal.assistance.tests.test_import import GOOD
from migralocal.core.models import AccessLog
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("hub_staff", 200),
        ("focal_point", 200),
        ("other_hub_staff", 404),
        ("programme_manager", 403),
        ("reviewer", 403),
        ("no_role", 403),
    ],
)
def test_the_programme_page_is_for_admins_and_the_operators_assistance_staff(
    world: World, role: str, status: int
) -> None:
    programme = make_programme(world)
    response = signed_in(world, role).get(programme.get_absolute_url())
    # Those with no assistance role anywhere are refused before the programme is looked up.
    if role in ("programme_manager", "reviewer", "no_role"):
        assert response.status_code in (403, 404)
    else:
        assert response.status_code == status


def test_the_list_shows_each_person_the_programmes_of_their_operators(world: World) -> None:
    make_programme(world)
    url = reverse("assistance:list")
    assert "covid-el-progreso" in signed_in(world, "hub_staff").get(url).content.decode()
    assert "covid-el-progreso" not in signed_in(world, "other_hub_staff").get(url).content.decode()
    assert Client().get(url).status_code == 302


def test_names_are_shown_to_staff_after_a_reason_and_the_reading_logged(world: World) -> None:
    programme = make_programme(world)
    household = register(world, programme, "H-1", member("P-1", "Yolanda", "Zelaya"))
    url = reverse("assistance:household", kwargs={"slug": programme.slug, "pk": household.pk})

    staff = signed_in(world, "hub_staff")
    before = staff.get(url).content.decode()
    after = staff.post(url, {"reason": "payment"}).content.decode()

    assert "Yolanda" not in before and "P-1" in before
    assert "Yolanda" in after
    assert staff.get(url)["Cache-Control"] == NO_STORE
    assert AccessLog.objects.filter(user=world.user("hub_staff")).count() == 1
    admin = signed_in(world, "admin")
    assert "Yolanda" not in admin.get(url).content.decode()
    assert admin.post(url, {"reason": "payment"}).status_code == 403
    assert signed_in(world, "other_hub_staff").get(url).status_code == 404


def test_the_import_page_checks_then_imports_the_same_file(world: World) -> None:
    programme = make_programme(world)
    url = reverse("assistance:import", kwargs={"slug": programme.slug})
    staff = signed_in(world, "hub_staff")

    def upload() -> SimpleUploadedFile:
        return SimpleUploadedFile("r.csv", GOOD.encode(), content_type="text/csv")

    preview = staff.post(url, {"file": upload(), "consent_purpose": "Pagos"})
    assert "2 hogares, 3 personas" in preview.content.decode()
    assert not Member.objects.exists()
    wrong = staff.post(
        url, {"file": upload(), "consent_purpose": "Pagos", "confirm": "on", "checked": "x"}
    )
    assert wrong.status_code == 200 and not Member.objects.exists()

    staff.post(
        url,
        {
            "file": upload(),
            "consent_purpose": "Pagos",
            "confirm": "on",
            "checked": digest_of(GOOD.encode()),
        },
    )
    assert Member.objects.count() == 3
    assert signed_in(world, "admin").get(url).status_code == 403
    # Without two-factor authentication the programme's manager is sent to set it up first.
    no_two_factor(world.user("focal_point"))
    refused = signed_in(world, "focal_point").get(url)
    assert refused.status_code == 302
    assert refused["Location"] == "/es/accounts/2fa/totp/activate/"


def test_the_review_queue_merges_the_same_person(world: World) -> None:
    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Ana", "Pérez López"))
    register(world, programme, "H-2", member("P-2", "Ana", "Perez", phone="99887766"))
    url = reverse("assistance:duplicates", kwargs={"slug": programme.slug})
    staff = signed_in(world, "hub_staff")

    staff.post(url)
    page = staff.get(url).content.decode()
    pair = DuplicatePair.objects.get()
    assert "P-2" in page and "falta el segundo apellido" in page

    decide = reverse("assistance:decide", kwargs={"slug": programme.slug, "pk": pair.pk})
    assert (
        signed_in(world, "admin").post(decide, {f"p{pair.pk}-decision": "same"}).status_code == 403
    )
    staff.post(decide, {f"p{pair.pk}-decision": "same"})

    assert Member.objects.get(person_ref="P-2").merged_into == Member.objects.get(person_ref="P-1")
    assert "No hay posibles duplicados por revisar." in staff.get(url).content.decode()


def programme_post(world: World, **changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Transferencias El Progreso",
        "operator": world.el_progreso_municipality.pk,
        "country": world.honduras.pk,
        "municipalities": [world.el_progreso.pk],
        "currency": "HNL",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "budget": "50000",
        "population_groups": ["refugee", "host"],
        "transfer_basis": "size_band",
        "size_bands": "1-3: 60\n4+: 90,50",
        "cycles": "3",
        "criteria": "dependants | Dependants | 3\nfemale_head | Female-headed household | 2",
    }
    data.update(changes)
    return data


def test_admins_create_a_programme_with_its_rules_written_one_a_line(world: World) -> None:
    make_programme(world)
    url = reverse("assistance:create")
    admin = signed_in(world, "admin")

    response = admin.post(url, {**programme_post(world), "slug": "el-progreso-2026"})

    assert response.status_code == 302
    programme = CashProgramme.objects.get(slug="el-progreso-2026")
    assert programme.size_bands[1] == {"min": 4, "max": None, "amount": "90.50"}
    assert programme.criteria[1]["code"] == "female_head"
    gap = admin.post(
        url, {**programme_post(world, size_bands="2-3: 60"), "slug": "otro"}
    ).content.decode()
    assert "Los tramos deben empezar en un integrante y no dejar huecos." in gap
    assert signed_in(world, "focal_point").get(url).status_code == 403


def test_the_assistance_manager_edits_the_programme_and_officers_do_not(world: World) -> None:
    programme = make_programme(world)
    url = reverse("assistance:edit", kwargs={"slug": programme.slug})
    manager = signed_in(world, "focal_point")

    assert "dependants | Dependants | 3" in manager.get(url).content.decode()
    manager.post(url, programme_post(world, cycles="6"))

    programme.refresh_from_db()
    assert programme.cycles == 6
    assert signed_in(world, "hub_staff").get(url).status_code == 403


def test_staff_register_a_household_on_the_form_head_first(world: World) -> None:
    programme = make_programme(world)
    url = reverse("assistance:household_create", kwargs={"slug": programme.slug})
    data = {
        "household_ref": "H-77",
        "municipality": world.el_progreso.pk,
        "population_group": "host",
        "consent_purpose": "Pagos",
        "consent_given": "on",
        "m-TOTAL_FORMS": "2",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "1",
        "m-MAX_NUM_FORMS": "20",
        "m-0-person_ref": "P-77",
        "m-0-given_names": "Rosa",
        "m-0-family_names": "Luna",
        "m-0-sex": "female",
        "m-1-person_ref": "P-78",
        "m-1-given_names": "Tito",
        "m-1-family_names": "Luna",
        "m-1-sex": "male",
        "m-1-date_of_birth": "2019-02-03",
    }

    response = signed_in(world, "hub_staff").post(url, data)

    assert response.status_code == 302
    head, child = Member.objects.order_by("pk")
    assert (head.is_head, head.given_names, child.is_head) == (True, "Rosa", False)
    assert signed_in(world, "other_hub_staff").get(url).status_code == 404
    without_consent = {**data, "consent_given": "", "household_ref": "H-78"}
    assert signed_in(world, "hub_staff").post(url, without_consent).status_code == 200
