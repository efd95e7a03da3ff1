"""A course exported as a package and imported elsewhere: the same content in both languages,
as a draft; hostile or broken packages refused whole, with clear errors, writing nothing."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from migralocal.core.tests.world import World
from migralocal.learning import authoring_services, course_package
from migralocal.learning.models import Course, Lesson
from migralocal.learning.tests.builders import make_course

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 64


def bilingual_course(world: World) -> Course:
    course = make_course(world.mexico, "finanzas")
    course.set_current_language("en")
    course.title = "Finance"
    course.summary = "A summary"
    course.save()
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    lesson.set_current_language("en")
    lesson.title = "Lesson one"
    lesson.body = "**Hello**"
    lesson.video_url = "https://video.example.org/v/1"
    lesson.attachment.save("guía de trabajo.pdf", ContentFile(PDF), save=False)
    lesson.save()
    return course


def without_slug(manifest: dict[str, Any]) -> dict[str, Any]:
    copy = json.loads(json.dumps(manifest))
    copy.pop("exported_at")
    copy["course"].pop("slug")
    return copy


def package(manifest: Any, files: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("course.json", json.dumps(manifest))
        for name, content in (files or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def valid_manifest(world: World) -> dict[str, Any]:
    manifest, _files = course_package.manifest_of(make_course(world.mexico, "base"))
    return manifest


def test_export_then_import_gives_the_same_course_as_a_draft(world: World) -> None:
    course = bilingual_course(world)
    data = course_package.course_export(course)
    read = course_package.read_package(data)
    imported = authoring_services.course_import_package(
        manifest=read.manifest, files=read.files, country=world.mexico, user=world.user("trainer")
    )
    assert imported.slug == "finanzas-2"
    assert not imported.is_published
    original, _f = course_package.manifest_of(course)
    again, files = course_package.manifest_of(imported)
    assert without_slug(again) == without_slug(original)
    assert original["course"]["texts"]["en"]["title"] == "Finance"
    assert len(files) == 1
    (stored,) = files.values()
    with stored.open("rb") as handle:
        assert handle.read() == PDF


def test_the_command_imports_a_package(world: World, tmp_path: Path) -> None:
    path = tmp_path / "curso.zip"
    path.write_bytes(course_package.course_export(make_course(world.mexico, "finanzas")))
    out = io.StringIO()
    call_command("import_course", str(path), stdout=out)
    assert "finanzas-2" in out.getvalue()
    assert Course.objects.filter(slug="finanzas-2", is_published=False).exists()


def test_the_command_refuses_an_invalid_package_and_writes_nothing(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "curso.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError):
        call_command("import_course", str(path), stderr=io.StringIO())
    assert not Course.objects.exists()


def refused(content: bytes) -> list[str]:
    with translation.override("es"), pytest.raises(ValidationError) as error:
        course_package.read_package(content)
    return error.value.messages


def test_a_file_that_is_not_a_zip_is_refused(world: World) -> None:
    assert "ZIP" in refused(b"%PDF-1.7 not a zip")[0]
    assert refused(b"PK\x03\x04 broken")


def test_unsafe_names_are_refused(world: World) -> None:
    manifest = valid_manifest(world)
    for name in ("../evil.py", "/etc/passwd", "files/../../x.pdf", "files\\x.pdf", "other.txt"):
        assert refused(package(manifest, {name: PDF})), name


def test_a_zip_bomb_is_refused(world: World) -> None:
    manifest = valid_manifest(world)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("course.json", json.dumps(manifest))
        archive.writestr("files/1-bomb.pdf", b"%PDF-" + b"\x00" * (30 * 1024 * 1024))
    messages = refused(buffer.getvalue())
    assert any("tamaño" in message or "size" in message for message in messages), messages


@override_settings(LEARNING_PACKAGE_MAX_MB=1)
def test_an_oversized_package_is_refused(world: World) -> None:
    content = package(valid_manifest(world), {"files/1-a.pdf": PDF + bytes(2 * 1024 * 1024)})
    assert "MB" in refused(content)[0]


def test_an_unknown_version_or_format_is_refused(world: World) -> None:
    manifest = valid_manifest(world)
    assert "99" in refused(package({**manifest, "version": 99}))[0]
    assert refused(package({**manifest, "format": "other"}))
    assert refused(package(["not", "an", "object"]))
    assert refused(package({}).replace(b"course.json", b"other.json"))


def test_a_missing_or_wrong_file_is_refused(world: World) -> None:
    manifest = valid_manifest(world)
    lesson = manifest["course"]["modules"][0]["lessons"][0]
    lesson["file"] = {"path": "files/1-guia.pdf", "name": "guia.pdf"}
    assert any("1-guia.pdf" in message for message in refused(package(manifest)))
    not_a_pdf = package(manifest, {"files/1-guia.pdf": b"MZ\x90\x00" + bytes(64)})
    assert refused(not_a_pdf)


def test_bad_content_is_listed_and_nothing_is_written(world: World) -> None:
    manifest = valid_manifest(world)
    lesson = manifest["course"]["modules"][0]["lessons"][0]
    lesson["video_url"] = "javascript:alert(1)"
    lesson["estimated_minutes"] = "many"
    lesson["texts"] = {"es": {"title": "x" * 300, "body": ""}, "xx": {"title": "y"}}
    question = manifest["course"]["modules"][0]["lessons"][-1]["quiz"]["questions"][0]
    for choice in question["choices"]:
        choice["correct"] = True
    manifest["course"]["enrolment"] = "everyone"
    before = Course.objects.count()
    messages = refused(package(manifest))
    assert len(messages) >= 4, messages
    assert Course.objects.count() == before


def test_an_import_that_fails_midway_leaves_nothing(world: World) -> None:
    manifest = valid_manifest(world)
    read = course_package.read_package(package(manifest))
    read.manifest["course"]["modules"][0]["lessons"][-1]["quiz"]["pass_mark"] = 0
    before = Course.objects.count()
    with pytest.raises(ValidationError):
        authoring_services.course_import_package(
            manifest=read.manifest, files=read.files, country=world.mexico, user=None
        )
    assert Course.objects.count() == before
