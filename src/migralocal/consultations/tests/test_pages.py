"""The recording form, the referral autocomplete, follow-ups and dashboards, as staff use them."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from migralocal.consultations.models import Consultation, IdentityRecord, Referral
from migralocal.consultations.suppression import TOTAL, cell_identity, rounded_count
from migralocal.consultations.tests.helpers import counts_shown, headline_count, record, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world) -> Client:
    client = Client()
    client.force_login(world.user("hub_staff"))
    return client


def form_data(hub, **changes) -> dict:
    data = {
        "hub": hub.pk,
        "date": timezone.localdate().isoformat(),
        "channel": "whatsapp",
        "topics": [topic("documents").pk, topic("health").pk],
        "gender": "female",
        "age_band": "18-29",
        "disability": "no",
        "preferred_language": "es",
        "action": "another",
    }
    data.update(changes)
    return data


def test_the_form_defaults_to_today_the_users_hub_and_last_channel(world, hubs, staff) -> None:
    own, _other = hubs
    record(own, world.user("hub_staff"), channel="phone")
    form = staff.get("/es/consultations/record/").context["form"]
    assert form["date"].value() == timezone.localdate()
    assert form["hub"].value() == own.pk
    assert form["channel"].value() == "phone"
    assert next(choice[1] for choice in form.fields["topics"].choices) == "Migración laboral"


def test_the_form_says_who_sees_identifying_details_with_and_without_sharing(hubs, staff) -> None:
    html = staff.get("/es/consultations/record/").content.decode()
    assert "solo los ve el personal de este centro" not in html
    assert "Los ve el personal de este centro" in html
    assert "ve el nombre y el contacto solo si ella lo acepta" in html


def test_save_and_record_another_keeps_the_defaults(hubs, staff) -> None:
    own, _other = hubs
    yesterday = timezone.localdate() - timedelta(days=1)
    response = staff.post("/es/consultations/record/", form_data(own, date=yesterday.isoformat()))
    assert response.status_code == 302
    assert "channel=whatsapp" in response.url and yesterday.isoformat() in response.url
    form = staff.get(response.url).context["form"]
    assert form["channel"].value() == "whatsapp"
    assert str(form["date"].value()) == yesterday.isoformat()
    consultation = Consultation.objects.get()
    assert {term.code for term in consultation.topics.all()} == {"documents", "health"}


def test_save_goes_to_the_consultation(hubs, staff) -> None:
    response = staff.post("/es/consultations/record/", form_data(hubs[0], action="save"))
    assert response.url == Consultation.objects.get().get_absolute_url()


def test_the_form_reports_a_missing_topic_beside_the_field(hubs, staff) -> None:
    response = staff.post("/es/consultations/record/", form_data(hubs[0], topics=[]))
    assert response.status_code == 200
    assert "Elija al menos un tema." in response.content.decode()
    assert not Consultation.objects.exists()


def test_identifying_details_without_consent_are_refused(hubs, staff) -> None:
    response = staff.post("/es/consultations/record/", form_data(hubs[0], name="Ana Pérez"))
    assert response.status_code == 200
    assert response.context["form"].errors["consent_purpose"]
    assert not Consultation.objects.exists()


def test_identifying_details_with_consent_are_kept(hubs, staff) -> None:
    staff.post(
        "/es/consultations/record/",
        form_data(hubs[0], name="Ana Pérez", consent_purpose="Llamar para seguimiento"),
    )
    assert IdentityRecord.objects.get().name == "Ana Pérez"


def test_referral_autocomplete_finds_services_of_the_hubs_country(hubs, listings, staff) -> None:
    own, _other = hubs
    found = staff.get("/es/consultations/services/search/", {"hub": own.pk, "q": "orient"})
    assert "Orientación laboral" in found.content.decode()
    other_country = staff.get("/es/consultations/services/search/", {"hub": own.pk, "q": "asesor"})
    assert "Asesoría legal" not in other_country.content.decode()
    chosen = staff.get(f"/es/consultations/services/{listings[0].pk}/chosen/")
    assert f'value="{listings[0].pk}"' in chosen.content.decode()


def test_referral_autocomplete_refuses_another_hub(hubs, staff) -> None:
    assert (
        staff.get("/es/consultations/services/search/", {"hub": hubs[1].pk, "q": "as"}).status_code
        == 403
    )


def test_a_recorded_referral_appears_in_the_follow_ups_and_can_be_marked_attended(
    hubs, listings, staff
) -> None:
    own, _other = hubs
    staff.post("/es/consultations/record/", form_data(own, referrals=[listings[0].pk]))
    referral = Referral.objects.get()
    page = staff.get(f"/es/consultations/hubs/{own.slug}/follow-ups/")
    assert [item for item, _form in page.context["due_forms"]] == [referral]
    response = staff.post(
        f"/es/consultations/referrals/{referral.pk}/",
        {
            f"r{referral.pk}-status": "attended",
            f"r{referral.pk}-notes": "",
            "next": page.request["PATH_INFO"],
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "attended"
    assert staff.get(f"/es/consultations/hubs/{own.slug}/follow-ups/").context["due_forms"] == []


def test_overdue_follow_ups_are_listed_apart(world, hubs, listings, staff) -> None:
    own, _other = hubs
    old = record(
        own,
        world.user("hub_staff"),
        on=timezone.localdate() - timedelta(days=20),
        referrals=(listings[0],),
    )
    page = staff.get(f"/es/consultations/hubs/{own.slug}/follow-ups/")
    assert [item for item, _form in page.context["overdue_forms"]] == [old.referrals.get()]


def test_the_hub_dashboard_shows_the_hubs_exact_figures(world, hubs, listings, staff) -> None:
    own, _other = hubs
    for _n in range(3):
        record(own, world.user("hub_staff"), referrals=(listings[0],))
    page = staff.get(f"/es/consultations/hubs/{own.slug}/dashboard/")
    board = page.context["board"]
    assert not board.suppressed
    assert str(board.consultations) == "3"
    assert "<svg" in page.content.decode()


def test_downloads_of_the_hub_dashboard_are_protected(world, hubs, staff) -> None:
    own, _other = hubs
    for _n in range(3):
        record(own, world.user("hub_staff"))
    year = timezone.localdate().year
    response = staff.get(
        f"/es/consultations/hubs/{own.slug}/dashboard/", {"year": year, "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Figura", "Categoría", "Cantidad"]
    assert all(row[2] in {"<5", ""} or int(row[2]) % 5 == 0 for row in rows[1:])
    xlsx = staff.get(
        f"/es/consultations/hubs/{own.slug}/dashboard/", {"year": year, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]]
    assert "<5" in values and 3 not in values and "3" not in values


def test_the_area_dashboard_protects_and_downloads(world, hubs) -> None:
    own, _other = hubs
    for _n in range(12):
        record(own, world.user("hub_staff"))
    client = Client()
    client.force_login(world.user("programme_manager"))
    year = timezone.localdate().year
    page = client.get("/es/consultations/dashboard/", {"country": world.honduras.pk, "year": year})
    html = page.content.decode()
    # Twelve consultations, published rounded to a multiple of 5 as the keyed hash decides.
    consultations = rounded_count(12, cell_identity("consultations.consultations", TOTAL))
    assert consultations in {10, 15}
    assert headline_count(html, "consultas") == str(consultations)
    counts = counts_shown(html)
    assert str(consultations) in counts and "0" in counts
    assert all(count == "<5" or int(count) % 5 == 0 for count in counts)
    download = client.get(
        "/es/consultations/dashboard/",
        {"country": world.honduras.pk, "year": year, "format": "csv"},
    )
    assert download["Content-Disposition"].endswith('.csv"')


def test_a_reviewer_cannot_open_the_area_dashboard_for_another_country(world, hubs) -> None:
    client = Client()
    client.force_login(world.user("reviewer"))
    page = client.get(
        "/es/consultations/dashboard/", {"country": world.el_salvador.pk, "year": 2026}
    )
    assert not page.context["figures"]
    assert page.context["form"].errors["country"]


def test_a_malformed_hub_in_the_address_falls_back_to_the_users_hub(hubs, staff) -> None:
    assert (
        staff.get("/es/consultations/record/?hub=abc").context["form"]["hub"].value() == hubs[0].pk
    )
    assert staff.get("/es/consultations/services/search/?hub=abc&q=or").status_code == 404
