"""Hidden and unpublished entries never appear in lists, search, feeds or exports; flags hide."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from migralocal.commitments import services
from migralocal.commitments.models import ModerationState
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.tests.world import World

ATOM = "{http://www.w3.org/2005/Atom}"
State = ModerationState


def feed_titles(client: Client, query: str = "") -> list[str]:
    response = client.get(reverse("commitments:feed") + query)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314  (our own output)
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") or "" for entry in root.iter(f"{ATOM}entry")]


def csv_text(client: Client, query: str = "") -> str:
    response = client.get(reverse("commitments:export_csv") + query)
    return b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]


def xlsx_titles(client: Client, query: str = "") -> list[str]:
    response = client.get(reverse("commitments:export_xlsx") + query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(
    "state",
    [State.AWAITING_CONFIRMATION, State.CHANGES_REQUESTED, State.REJECTED, "hidden"],
)
def test_unpublished_and_hidden_entries_stay_out_of_every_public_output(
    state: str, build: CommitmentBuilder, client: Client
) -> None:
    shown = build.verified(title="Compromiso visible")
    if state == "hidden":
        secret = build.hidden(title="Compromiso oculto")
    else:
        secret = build.in_state(state, title="Compromiso oculto")
    for query in ("", "?text=Compromiso", "?text=oculto", "?country=HN&objective=gcm-16"):
        listing = client.get(reverse("commitments:list") + query).content.decode()
        assert "Compromiso oculto" not in listing
        assert not any("Compromiso oculto" in title for title in feed_titles(client, query))
        assert "Compromiso oculto" not in csv_text(client, query)
        assert "Compromiso oculto" not in xlsx_titles(client, query)
    assert "Compromiso visible" in client.get(reverse("commitments:list")).content.decode()
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url()).status_code == 200


def test_three_open_flags_hide_an_entry_until_a_reviewer_decides(
    world: World, build: CommitmentBuilder, client: Client
) -> None:
    commitment = build.verified(title="Compromiso discutido")
    for number in range(services.FLAGS_TO_HIDE):
        response = client.post(
            reverse("commitments:flag", args=[commitment.slug]),
            {"reason": "inaccurate", "comment": "Ya terminó."},
            REMOTE_ADDR=f"192.0.2.{number + 1}",
        )
        assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.is_hidden
    assert client.get(commitment.get_absolute_url()).status_code == 404
    assert "Compromiso discutido" not in csv_text(client)
    client.force_login(world.user("reviewer"))
    queue = client.get(reverse("commitments:queue")).content.decode()
    assert "Compromiso discutido" in queue
    services.commitment_dismiss_flags(commitment=commitment, reviewer=world.user("reviewer"))
    commitment.refresh_from_db()
    assert commitment.is_public and commitment.is_verified
    assert not commitment.flags.filter(is_open=True).exists()
    assert commitment.decisions.filter(action="hidden_by_flags").exists()


def test_one_address_cannot_hide_an_entry_by_flagging_it_repeatedly(
    build: CommitmentBuilder, client: Client
) -> None:
    commitment = build.verified()
    url = reverse("commitments:flag", args=[commitment.slug])
    statuses = [
        client.post(url, {"reason": "spam"}, REMOTE_ADDR="192.0.2.50").status_code
        for _ in range(services.FLAGS_TO_HIDE)
    ]
    assert statuses == [302, 429, 429]
    commitment.refresh_from_db()
    assert not commitment.is_hidden


def test_filters_select_the_right_entries(world: World, build: CommitmentBuilder) -> None:
    client = Client()
    build.verified(title="Escuelas interculturales", objectives=("gcm-17",), themes=("education",))
    build.pending(
        title="Ventanilla salvadoreña",
        organisation=world.san_salvador_municipality,
        kind="practice",
        status="planned",
    )

    def titles(query: str) -> list[str]:
        return feed_titles(client, query)

    assert titles("?objective=gcm-17") == ["Escuelas interculturales (verificado)"]
    assert titles("?theme=education&verification=verified") == [
        "Escuelas interculturales (verificado)"
    ]
    assert titles("?country=SV") == ["Ventanilla salvadoreña (no verificado)"]
    assert titles("?kind=practice&status=planned") == ["Ventanilla salvadoreña (no verificado)"]
    assert titles("?verification=not_verified") == ["Ventanilla salvadoreña (no verificado)"]
    assert titles("?text=interculturales") == ["Escuelas interculturales (verificado)"]
    assert titles("?text=san+salvador") == ["Ventanilla salvadoreña (no verificado)"]
    assert titles("?sdg=sdg-13") == []


def test_feed_is_valid_atom_with_links_dates_and_the_filtered_list_as_its_page(
    build: CommitmentBuilder, client: Client
) -> None:
    commitment = build.verified(title="Compromiso en el feed")
    response = client.get(reverse("commitments:feed") + "?country=HN&page=3")
    root = ET.fromstring(response.content)  # noqa: S314
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}published")
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith(commitment.get_absolute_url())
    assert "Un resumen breve" in (entry.findtext(f"{ATOM}summary") or "")
    alternate = root.find(f"{ATOM}link[@rel='alternate']")
    assert alternate is not None and alternate.get("href", "").endswith("/commitments/?country=HN")


def test_list_offers_feed_and_exports_for_the_same_filters(client: Client, world: World) -> None:
    page = client.get(reverse("commitments:list") + "?country=HN&kind=practice").content.decode()
    assert 'href="/es/commitments/feed/?country=HN&amp;kind=practice"' in page
    assert 'href="/es/commitments/export.csv?country=HN&amp;kind=practice"' in page
    assert 'type="application/atom+xml"' in page


def test_csv_and_xlsx_exports_have_translated_headers(
    build: CommitmentBuilder, client: Client
) -> None:
    build.verified(title='=HYPERLINK("http://evil")')
    text = csv_text(client)
    assert text.splitlines()[0].startswith("Título,Ciudad u organización,País")
    assert "'=HYPERLINK" in text
    response = client.get("/en/commitments/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("Title", "City or organisation", "Country")
