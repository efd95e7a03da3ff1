"""What a valid HSDS import becomes stays valid on export: the JSON against the official schema,
the tabular form against the specification's own data package (types, required fields, foreign
keys), with a warning for each required value the directory does not hold."""

from __future__ import annotations

import csv
import io
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from frictionless import Package
from jsonschema import Draft7Validator, FormatChecker

from migralocal.core.tests.world import World
from migralocal.directory.hsds import exporting
from migralocal.directory.models import Address, Service
from migralocal.directory.tests.helpers import make_service, world_hubs
from migralocal.directory.tests.test_hsds import EXAMPLES, OFFICIAL, with_valid_coordinates

DATA_PACKAGE = OFFICIAL / "datapackage.json"
ALL_TABLES = {resource["path"] for resource in json.loads(DATA_PACKAGE.read_text())["resources"]}


def honduran_service() -> dict[str, Any]:
    """The official example, moved to a Honduran town: its address has an empty postal code and
    no region or second line, as most addresses there."""
    service = with_valid_coordinates(json.loads((EXAMPLES / "service_full.json").read_text()))
    service["id"] = str(uuid.uuid4())

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "address_1" in node:  # the same address may be nested under several parents
                node.update(
                    address_1="Barrio El Centro, frente al parque central",
                    city="El Progreso",
                    state_province="Yoro",
                    postal_code="",
                    country="HN",
                )
                node.pop("region", None)
                node.pop("address_2", None)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(service)
    return service


def official_validator() -> Draft7Validator:
    schema = json.loads((OFFICIAL / "schema" / "service_with_definitions.json").read_text())
    return Draft7Validator(schema, format_checker=FormatChecker())


def validate_tabular(folder: Path, tmp_path: Path) -> Any:
    """Validate an exported csv/ folder against the specification's datapackage.json, unchanged."""
    checked = tmp_path / "checked"
    shutil.copytree(folder, checked)
    shutil.copy(DATA_PACKAGE, checked / "datapackage.json")
    return Package(str(checked / "datapackage.json")).validate()


def errors_of(report: Any) -> list[str]:
    return [
        f"{task.name}: {error.type}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ]


@pytest.fixture
def imported_honduran_directory(world: World, tmp_path: Path) -> dict[str, Any]:
    own, other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación para el retorno", "en": "Return guidance"})
    make_service(hub=other, name={"es": "Atención psicosocial"}, languages=["es", "en"])
    service = honduran_service()
    path = tmp_path / "honduras.json"
    path.write_text(json.dumps(service))
    call_command("import_hsds", str(path), language="es", stdout=io.StringIO())
    return service


@pytest.mark.django_db
def test_an_address_without_postal_code_region_or_second_line_round_trips_valid(
    imported_honduran_directory: dict[str, Any], tmp_path: Path
) -> None:
    address = Address.objects.get(city="El Progreso")
    assert (address.postal_code, address.region, address.address_2) == ("", "", "")

    call_command("export_hsds", str(tmp_path / "out"), stdout=io.StringIO(), stderr=io.StringIO())

    exported = json.loads((tmp_path / "out" / "services.json").read_text())
    validator = official_validator()
    for service in exported:
        assert list(validator.iter_errors(service)) == [], service["id"]
    ours = next(s for s in exported if s["id"] == imported_honduran_directory["id"])
    exported_address = ours["service_at_locations"][0]["location"]["addresses"][0]
    assert exported_address["postal_code"] == ""
    assert "region" not in exported_address and "address_2" not in exported_address


@pytest.mark.django_db
def test_the_tabular_export_validates_against_the_specifications_data_package(
    imported_honduran_directory: dict[str, Any], tmp_path: Path
) -> None:
    result = exporting.export_directory(tmp_path / "out", "es")
    folder = tmp_path / "out" / "csv"

    assert {path.name for path in folder.glob("*.csv")} == ALL_TABLES
    assert len(ALL_TABLES) == 21
    with (folder / "programs.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["id", "organization_id", "name", "alternate_name",
                                            "description"]  # fmt: skip
        assert list(handle) == []
    report = validate_tabular(folder, tmp_path)
    assert report.valid, errors_of(report)
    assert result.services == 3
    # The Honduran address has no postal code; a test world organisation has no description.
    assert [(w.filename, w.column, w.rows) for w in result.warnings] == [
        ("organizations.csv", "description", 1),
        ("addresses.csv", "postal_code", 1),
    ]


@pytest.mark.django_db
def test_the_validation_really_checks_foreign_keys(
    imported_honduran_directory: dict[str, Any], tmp_path: Path
) -> None:
    """A service pointing at a programme the package does not hold is caught: the check would
    not be worth much if the programs table could not even be looked up."""
    exporting.export_directory(tmp_path / "out", "es")
    services_csv = tmp_path / "out" / "csv" / "services.csv"
    rows = list(csv.DictReader(services_csv.open(encoding="utf-8")))
    rows[0]["program_id"] = str(uuid.uuid4())
    with services_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    report = validate_tabular(tmp_path / "out" / "csv", tmp_path)

    assert not report.valid
    assert {error.type for task in report.tasks for error in task.errors} == {"foreign-key"}


@pytest.mark.django_db
def test_a_missing_required_value_is_written_as_documented_and_reported(
    imported_honduran_directory: dict[str, Any], tmp_path: Path
) -> None:
    err = io.StringIO()
    call_command("export_hsds", str(tmp_path / "out"), stdout=io.StringIO(), stderr=err)

    addresses = list(csv.DictReader((tmp_path / "out" / "csv" / "addresses.csv").open()))
    assert [row["postal_code"] for row in addresses] == ["N/A"]
    readme = (tmp_path / "out" / "README.txt").read_text()  # in the export's language
    assert "addresses.csv, postal_code: 1 fila no tiene valor" in readme
    assert "«N/A»" in readme
    assert "addresses.csv, postal_code" in err.getvalue()


@pytest.mark.django_db
def test_the_placeholder_imports_back_as_an_empty_postal_code(
    imported_honduran_directory: dict[str, Any], tmp_path: Path
) -> None:
    call_command("export_hsds", str(tmp_path / "out"), stdout=io.StringIO(), stderr=io.StringIO())
    services = Service.objects.count()

    call_command("import_hsds", str(tmp_path / "out" / "csv"), stdout=io.StringIO())

    assert Service.objects.count() == services
    assert Address.objects.get(city="El Progreso").postal_code == ""


@pytest.mark.django_db
def test_a_tabular_directory_with_empty_postal_codes_imports(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    locations = (folder / "locations.csv").read_text().replace(",100,101,", ",15.4,-87.8,")
    (folder / "locations.csv").write_text(locations)
    rows = list(csv.DictReader((folder / "addresses.csv").open(encoding="utf-8")))
    for row in rows:
        row.update(postal_code="", region="", address_2="")
    with (folder / "addresses.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    call_command("import_hsds", str(folder), language="en", stdout=io.StringIO())

    assert Address.objects.get().postal_code == ""


@pytest.mark.django_db
def test_the_download_carries_the_readme_with_its_warnings(
    imported_honduran_directory: dict[str, Any], client: Any
) -> None:
    import zipfile

    response = client.get("/es/directory/export/hsds.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {f"csv/{name}" for name in ALL_TABLES} <= set(archive.namelist())
    assert "addresses.csv, postal_code" in archive.read("README.txt").decode()
