"""HSDS 3.0 import and export, against the official schema and examples."""

from __future__ import annotations

import copy
import io
import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from jsonschema import Draft7Validator, FormatChecker

from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.world import World
from migralocal.directory.hsds import importing, reading
from migralocal.directory.models import Location, Phone, Service
from migralocal.directory.tests.helpers import make_service, world_hubs

OFFICIAL = Path(__file__).resolve().parents[4] / "tests" / "data" / "hsds-3.0"
EXAMPLES = OFFICIAL / "examples"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
# HSDS objects and fields MigraLocal does not model (see hsds/kinds.py); the rest must survive.
NOT_MODELLED = {"funding", "program", "program_id", "metadata", "programs"}
NOT_MODELLED_IN = {"organization": {"organization_identifiers"}}


def official_schema() -> dict[str, Any]:
    return json.loads((OFFICIAL / "schema" / "service_with_definitions.json").read_text())


def with_valid_coordinates(document: Any) -> Any:
    """The official example places its location at latitude 100; move it somewhere real."""
    fixed = copy.deepcopy(document)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("latitude") == 100:
                node["latitude"], node["longitude"] = 51.5072, -0.1276
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(fixed)
    return fixed


def assert_kept(original: Any, exported: Any, path: str = "service", kind: str = "") -> None:
    """Every field of `original` that we model is in `exported` with the same value."""
    if isinstance(original, dict):
        assert isinstance(exported, dict), path
        for key, value in original.items():
            if key in NOT_MODELLED or key in NOT_MODELLED_IN.get(kind, set()):
                continue
            assert key in exported, f"{path}.{key} was lost"
            assert_kept(value, exported[key], f"{path}.{key}", key)
    elif isinstance(original, list):
        assert isinstance(exported, list), path
        if original and isinstance(original[0], dict) and "id" in original[0]:
            by_id = {item["id"]: item for item in exported}
            for item in original:
                assert item["id"] in by_id, f"{path}[{item['id']}] was lost"
                assert_kept(item, by_id[item["id"]], f"{path}[{item['id']}]", kind)
        else:
            assert original == exported, path
    else:
        assert original == exported, f"{path}: {original!r} became {exported!r}"


@pytest.fixture
def official_service(tmp_path: Path) -> Path:
    path = tmp_path / "service_full.json"
    path.write_text(
        json.dumps(with_valid_coordinates(json.loads((EXAMPLES / "service_full.json").read_text())))
    )
    return path


@pytest.mark.django_db
def test_official_example_with_latitude_100_is_refused_with_a_clear_message() -> None:
    items = reading.read_items(EXAMPLES / "service_full.json")
    result = importing.import_items(items, language="en")
    assert not result.written
    messages = [str(problem) for problem in result.problems]
    assert messages == [
        f"location {LOCATION_ID}, latitude: 100 está fuera del rango posible, de -90 a 90."
    ]
    assert not Service.objects.exists() and not Location.objects.exists()


@pytest.mark.django_db
def test_import_command_reports_each_problem_and_writes_nothing() -> None:
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_hsds", str(EXAMPLES / "service_full.json"), language="en", stderr=errors
        )
    assert f"location {LOCATION_ID}, latitude" in errors.getvalue()
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_schema_problems_name_the_object_and_field(tmp_path: Path) -> None:
    document = with_valid_coordinates(json.loads((EXAMPLES / "service_full.json").read_text()))
    document["status"] = "open"
    document["phones"][0].pop("number")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    result = importing.import_items(reading.read_items(path), language="en")
    messages = [str(problem) for problem in result.problems]
    assert any(
        m.startswith(f"service {SERVICE_ID}, status: 'open' is not one of") for m in messages
    )
    assert any("phone 1554f2e2" in m and "'number' is a required property" in m for m in messages)
    assert not result.written and not Service.objects.exists()


@pytest.mark.django_db
def test_skip_invalid_imports_the_rest_and_lists_what_it_skipped(tmp_path: Path) -> None:
    good = with_valid_coordinates(json.loads((EXAMPLES / "service_full.json").read_text()))
    bad = json.loads((EXAMPLES / "service_full.json").read_text())
    bad["id"] = "0c0ffee0-0000-4000-8000-000000000001"
    path = tmp_path / "two.json"
    path.write_text(json.dumps([bad, good]))
    output = io.StringIO()
    call_command(
        "import_hsds",
        str(path),
        language="en",
        skip_invalid=True,
        stdout=output,
        stderr=io.StringIO(),
    )
    assert "Skipped service 0c0ffee0-0000-4000-8000-000000000001" in output.getvalue()
    assert list(Service.objects.values_list("pk", flat=True).order_by("pk")) == [
        uuid.UUID(SERVICE_ID)
    ]


@pytest.mark.django_db
def test_reimporting_updates_and_never_duplicates(official_service: Path) -> None:
    call_command("import_hsds", str(official_service), language="en", stdout=io.StringIO())
    document = json.loads(official_service.read_text())
    document["name"] = "Community Counselling (renamed)"
    official_service.write_text(json.dumps(document))
    call_command("import_hsds", str(official_service), language="en", stdout=io.StringIO())
    assert Service.objects.count() == 1
    assert Phone.objects.count() == 1  # one phone id listed under five parents is one phone
    service = Service.objects.get()
    assert service.safe_translation_getter("name", language_code="en") == (
        "Community Counselling (renamed)"
    )


@pytest.mark.django_db
def test_round_trip_of_the_official_example_keeps_every_modelled_field(
    official_service: Path, tmp_path: Path
) -> None:
    call_command("import_hsds", str(official_service), language="en", stdout=io.StringIO())
    call_command("export_hsds", str(tmp_path / "out"), language="en", stdout=io.StringIO())
    exported = json.loads((tmp_path / "out" / "services.json").read_text())
    assert len(exported) == 1
    assert_kept(json.loads(official_service.read_text()), exported[0])


@pytest.mark.django_db
def test_official_tabular_package_imports_once_coordinates_are_valid(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", folder)
    (folder / "locations.csv").chmod(0o644)
    text = (folder / "locations.csv").read_text().replace(",100,101,", ",51.5,-0.12,")
    (folder / "locations.csv").write_text(text)
    call_command("import_hsds", str(folder), language="en", stdout=io.StringIO())
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.safe_translation_getter("name", language_code="en") == "Community Counselling"
    assert service.service_at_locations.get().location.addresses.get().city == "MyCity"


@pytest.mark.django_db
def test_official_tabular_package_reports_the_row_of_a_bad_latitude() -> None:
    result = importing.import_items(reading.read_items(EXAMPLES / "csv"), language="en")
    assert [str(p) for p in result.problems] == [
        f"location {LOCATION_ID} (locations.csv, fila 2), latitude: "
        "100 está fuera del rango posible, de -90 a 90."
    ]


@pytest.mark.django_db
def test_every_exported_service_is_valid_against_the_official_schema(
    world: World, official_service: Path, tmp_path: Path
) -> None:
    own, other = world_hubs(world)
    need = TaxonomyTerm.objects.get(taxonomy__code="service-categories", code="anti-trafficking")
    make_service(hub=own, name={"es": "Atención a sobrevivientes de trata"}, needs=[need])
    make_service(hub=other, name={"es": "Orientación", "en": "Guidance"}, languages=["es", "en"])
    call_command("import_hsds", str(official_service), language="en", stdout=io.StringIO())
    call_command("export_hsds", str(tmp_path / "out"), stdout=io.StringIO())
    exported = json.loads((tmp_path / "out" / "services.json").read_text())
    validator = Draft7Validator(official_schema(), format_checker=FormatChecker())
    assert len(exported) == 3
    for service in exported:
        assert list(validator.iter_errors(service)) == [], service["id"]
    ours = next(s for s in exported if s["name"] == "Atención a sobrevivientes de trata")
    assert ours["migralocal_hub"] == own.slug
    assert ours["attributes"][0]["taxonomy_term"]["code"] == "anti-trafficking"
    package = json.loads((tmp_path / "out" / "csv" / "datapackage.json").read_text())
    assert {resource["path"] for resource in package["resources"]} >= {
        "services.csv",
        "locations.csv",
        "service_at_location.csv",
    }


@pytest.mark.django_db
def test_our_export_imports_back_without_duplicates(world: World, tmp_path: Path) -> None:
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación laboral"})
    call_command("export_hsds", str(tmp_path / "out"), stdout=io.StringIO())
    before = (Service.objects.count(), Location.objects.count(), TaxonomyTerm.objects.count())
    call_command("import_hsds", str(tmp_path / "out" / "services.json"), stdout=io.StringIO())
    call_command("import_hsds", str(tmp_path / "out" / "csv"), stdout=io.StringIO())
    after = (Service.objects.count(), Location.objects.count(), TaxonomyTerm.objects.count())
    assert before == after


@pytest.mark.django_db
def test_export_download_from_the_directory_page(world: World) -> None:
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación laboral"})
    response = Client().get("/es/directory/export/hsds.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"services.json", "csv/services.csv", "csv/datapackage.json"} <= set(archive.namelist())
    services = json.loads(archive.read("services.json"))
    assert services[0]["name"] == "Orientación laboral"


@pytest.mark.django_db
@pytest.mark.parametrize("shape", ["tabular", "json"])
def test_an_input_without_services_is_refused_not_reported_as_done(
    tmp_path: Path, shape: str
) -> None:
    if shape == "tabular":
        path = tmp_path / "csv"
        path.mkdir()
        header = (EXAMPLES / "csv" / "services.csv").read_text().splitlines()[0]
        (path / "services.csv").write_text(header + "\n")
    else:
        path = tmp_path / "services.json"
        path.write_text("[]")
    with pytest.raises(CommandError, match="no contiene servicios para importar"):
        call_command("import_hsds", str(path), language="en", stdout=io.StringIO())
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_a_text_beyond_its_maximum_length_is_a_problem_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    document = with_valid_coordinates(json.loads((EXAMPLES / "service_full.json").read_text()))
    document["description"] = "Asesoría. " * 600  # 6,000 characters; descriptions hold 5,000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document))
    result = importing.import_items(reading.read_items(path), language="es")
    messages = [str(problem) for problem in result.problems]
    [message] = messages
    assert message.startswith(f"service {SERVICE_ID}, description: Asegúrese")
    assert "5000" in message and "6000" in message
    assert not result.written and not Service.objects.exists()
