"""The recommendations spreadsheet: the filters of the page choose its rows, both languages
and the government's response are in it, formulas are kept out, outsiders cannot have it."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from migralocal.advisory import services
from migralocal.advisory.tests.builders import make_engagement, make_instrument, make_round
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def _sheet(content: bytes) -> list[list[object]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_export_holds_the_filtered_recommendations_with_their_responses(
    world: World,
) -> None:
    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    adopted, waiting = make_round(world, instrument, recommendations=2).recommendations.all()
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=adopted,
        fields=services.ResponseFields(response="accepted", section="=Art. 9"),
    )
    client = Client()
    client.force_login(world.user("reviewer"))
    url = reverse("advisory:recommendations_export", args=[engagement.slug])

    everything = client.get(url)
    accepted_only = client.get(url, {"response": "accepted"})

    assert everything["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    rows = _sheet(everything.content)
    assert rows[0][:3] == ["Instrumento", "Ronda", "N.º"]
    assert [row[2] for row in rows[1:]] == ["1.1", "1.2"]
    filtered = _sheet(accepted_only.content)
    assert len(filtered) == 2
    _header, row = filtered
    assert row[0] == "PDM"
    assert row[5] == "Incluir a la población migrante (0)"
    assert row[6] == "Include (0)"
    assert row[7] == "Aceptada"
    assert row[9] == "'=Art. 9"  # a formula-looking text stays text
    assert waiting.code not in [r[2] for r in filtered[1:]]


def test_outsiders_cannot_download_the_recommendations(world: World) -> None:
    engagement = make_engagement(world)
    url = reverse("advisory:recommendations_export", args=[engagement.slug])
    for role in ("hub_staff", "member", "no_role"):
        client = Client()
        client.force_login(world.user(role))
        assert client.get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_the_summary_pdf_gives_the_government_the_sent_recommendations_and_responses(
    world: World,
) -> None:
    from pypdf import PdfReader

    engagement = make_engagement(world)
    instrument = make_instrument(world, engagement)
    sent = make_round(world, instrument, recommendations=1).recommendations.get()
    services.recommendation_respond(
        actor=world.user("focal_point"),
        recommendation=sent,
        fields=services.ResponseFields(response="accepted", section="Artículo 9"),
    )
    make_round(world, instrument, recommendations=1, sent=False)  # a draft round
    client = Client()
    client.force_login(world.user("focal_point"))

    response = client.get(reverse("advisory:summary_pdf", args=[engagement.slug]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Asesoría al plan de El Progreso" in text
    assert "Artículo 9" in text and "Aceptada" in text
    assert "Incluir a la población migrante (0)" in text
    assert "PDM 1.1" in text and "PDM 2.1" not in text  # the draft round stays out
    outsider = Client()
    outsider.force_login(world.user("hub_staff"))
    assert outsider.get(reverse("advisory:summary_pdf", args=[engagement.slug])).status_code == 404
