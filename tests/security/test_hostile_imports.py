"""Every importer, fed malformed, truncated, oversized or disguised files, answers with its own
clean error and writes nothing (property-based, with hypothesis)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from migralocal.assessments import services as assessment_services
from migralocal.assessments.framework_format import FrameworkFormatError
from migralocal.assessments.management.commands.load_framework import (
    DEFAULT_FRAMEWORK,
    read_framework_file,
)
from migralocal.consultations import services as consultation_services
from migralocal.consultations.models import SubmissionImport
from migralocal.core.tests.files import xlsx_bytes, zip_bomb_xlsx, zip_bytes
from migralocal.core.tests.world import World
from migralocal.directory.hsds import importing, reading
from migralocal.directory.tests.helpers import world_hubs
from migralocal.learning import attendance_import
from migralocal.learning.forms import AttendanceImportForm
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0" / "examples"
# No shrinking: a failing file is reported as found (shrinking large inputs takes minutes).
HOSTILE = settings(
    max_examples=30,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def row_counts(*app_labels: str) -> dict[str, int]:
    """Rows of every table of these apps: what a partial write would change."""
    return {
        model._meta.label: model._default_manager.count()
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    }


def _huge_dimension_xlsx() -> bytes:
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["email", "name"], ["a@b.org", "A"]])))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/"):
                data = data.replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"')
            target.writestr(name, data)
    return buffer.getvalue()


def hostile_files(*samples: bytes) -> st.SearchStrategy[bytes]:
    """Random bytes, valid samples cut anywhere, other encodings, deep nesting, disguised zips."""
    truncated = st.sampled_from(samples).flatmap(
        lambda sample: st.integers(0, len(sample)).map(lambda cut: sample[:cut])
    )
    reencoded = st.sampled_from(samples).flatmap(
        lambda sample: st.sampled_from(["utf-16", "utf-32", "cp1252", "latin-1"]).map(
            lambda encoding: sample.decode("utf-8", "replace").encode(encoding, "replace")
        )
    )
    nested = st.integers(50, 20_000).flatmap(
        lambda depth: st.sampled_from(
            [b"[" * depth, b'{"a":' * depth, b"- " * depth, b"[" * depth + b"]" * depth]
        )
    )
    flipped = st.tuples(st.sampled_from(samples), st.binary(min_size=1, max_size=64)).flatmap(
        lambda pair: st.integers(0, len(pair[0])).map(
            lambda at: pair[0][:at] + pair[1] + pair[0][at + len(pair[1]) :]
        )
    )
    return st.one_of(
        st.binary(max_size=4096),
        truncated,
        flipped,
        reencoded,
        nested,
        st.binary(max_size=512).map(lambda noise: zip_bytes({"data.bin": noise})),
        st.just(zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<oops"})),
        st.just(zip_bomb_xlsx(inflated_mb=5)),
        st.just(_huge_dimension_xlsx()),
        st.just(b"\x00" * 100_000),
        st.just(samples[0] * (256 * 1024 // len(samples[0]))),  # oversized: the records repeated
    )


def _expect_clean(action: Callable[[], Any], *errors: type[BaseException]) -> Any:
    """Run an importer step; its own error types are fine, anything else fails the test."""
    try:
        return action()
    except errors:
        return None


# Directory: HSDS JSON and tabular packages

HSDS_SAMPLES = [
    (EXAMPLES / name).read_bytes()
    for name in ("service_full.json", "organization_full.json", "service_list.json")
]


@HOSTILE
@given(content=hostile_files(*HSDS_SAMPLES))
def test_hsds_json_import_fails_cleanly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    before = row_counts("directory", "core")
    items = _expect_clean(lambda: reading.read_items(path), reading.InputError)
    if items is None:
        assert row_counts("directory", "core") == before
        return
    result = importing.import_items(items, language="en")
    if not result.written:
        assert result.problems
        assert row_counts("directory", "core") == before


@HOSTILE
@given(content=hostile_files((EXAMPLES / "csv" / "services.csv").read_bytes()))
def test_hsds_tabular_import_fails_cleanly(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "package"
    if not folder.exists():
        shutil.copytree(EXAMPLES / "csv", folder)
    (folder / "services.csv").write_bytes(content)
    before = row_counts("directory", "core")
    items = _expect_clean(lambda: reading.read_items(folder), reading.InputError)
    if items is None:
        assert row_counts("directory", "core") == before
        return
    result = importing.import_items(items, language="en")
    if not result.written:
        assert result.problems
        assert row_counts("directory", "core") == before


# Consultations: Kobo / ODK exports (CSV or JSON), validated then confirmed

KOBO_CSV = (
    b"date;channel;topics;gender;age_band;meta/instanceID\n"
    b"2026-03-01;in_person;documents health;female;18-29;"
    b"uuid:00000000-0000-4000-8000-000000000001\n"
)
KOBO_JSON = json.dumps(
    [{"date": "2026-03-01", "channel": "phone", "topics": "health", "meta/instanceID": "uuid:1"}]
).encode()


def test_submission_import_fails_cleanly(world: World, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    hub, _other = world_hubs(world)
    staff = world.user("hub_staff")

    @HOSTILE
    @given(
        content=hostile_files(KOBO_CSV, KOBO_JSON),
        name=st.sampled_from(["envios.csv", "envios.json"]),
    )
    def check(content: bytes, name: str) -> None:
        before = row_counts("consultations")
        upload = consultation_services.submission_upload_create(
            hub=hub, user=staff, file=SimpleUploadedFile(name, content)
        )
        upload = consultation_services.submission_upload_validate(upload=upload)
        assert upload.status in (
            SubmissionImport.Status.INVALID,
            SubmissionImport.Status.VALIDATED,
        )
        if upload.status == SubmissionImport.Status.INVALID:
            assert upload.errors and all(error["message"] for error in upload.errors)
        after = row_counts("consultations")
        after.pop("consultations.SubmissionImport")
        before.pop("consultations.SubmissionImport")
        assert after == before

    check()


# Learning: attendance lists (CSV or XLSX), as the page reads them

ATTENDANCE_CSV = (
    "email;name;gender;mode;joined_at\nana@example.org;Ana;woman;online;2026-03-05 14:30\n"
)


def test_attendance_import_fails_cleanly(world: World) -> None:
    event = make_event(world.honduras, slug="taller-hostil")
    samples = (
        ATTENDANCE_CSV.encode(),
        xlsx_bytes([["email", "name"], ["ana@example.org", "Ana"]]),
    )

    @HOSTILE
    @given(
        content=hostile_files(*samples),
        name=st.sampled_from(["asistencia.csv", "asistencia.xlsx", "asistencia.txt"]),
    )
    def check(content: bytes, name: str) -> None:
        before = row_counts("learning")
        form = AttendanceImportForm(data={}, files={"file": SimpleUploadedFile(name, content)})
        if form.is_valid():
            table = _expect_clean(
                lambda: attendance_import.read_table(form.cleaned_data["file"]), ValidationError
            )
            if table is not None:
                result = attendance_import.validate_rows(event, table)
                assert result.is_valid or result.errors
        else:
            assert form.errors["file"]
        assert row_counts("learning") == before

    check()


# Assessments: framework files (YAML)


@HOSTILE
@given(content=hostile_files(DEFAULT_FRAMEWORK.read_bytes()))
def test_framework_load_fails_cleanly_or_loads_everything(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "framework.yaml"
    path.write_bytes(content)
    before = row_counts("assessments")
    data = _expect_clean(lambda: read_framework_file(path), CommandError)
    loaded = _expect_clean(
        lambda: assessment_services.framework_load(data=data), FrameworkFormatError
    )
    if loaded is None:
        assert row_counts("assessments") == before
    else:  # a cut that still leaves a whole, valid framework is loaded whole
        framework, _created = loaded
        assert framework.dimensions.count() == len(yaml.safe_load(content)["dimensions"])
