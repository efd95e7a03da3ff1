"""A course as a zip package, to move it from one installation to another.

The package holds `course.json` (the manifest: the course, its modules, lessons, quizzes and
questions in every language) and the lessons' files under `files/`. The format is documented in
docs/course-package.md. Reading checks everything first (a broken or oversized archive, a zip
bomb, unsafe or unexpected names, missing files, an unknown version, every text and number) and
returns the manifest only when all of it is valid; `authoring_services.course_import_package`
then writes it, all or nothing.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.core import json_limits
from migralocal.core.uploads import MB, check_archive, check_upload
from migralocal.learning import authoring_services
from migralocal.learning.authoring_services import ChoiceInput
from migralocal.learning.models import Course, Lesson, Question

FORMAT = "migralocal-course"
VERSION = 1
MANIFEST = "course.json"
FILES = "files/"
MANIFEST_MAX_BYTES = 20 * MB
# A file in the package: `files/` and a plain name, nothing that could climb out of a folder.
SAFE_FILE_NAME = re.compile(r"^files/[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
MAX_MODULES = 100
MAX_LESSONS = 200
MAX_QUESTIONS = 100


def max_package_mb() -> int:
    return int(getattr(settings, "LEARNING_PACKAGE_MAX_MB", 50))


@dataclass(frozen=True)
class Package:
    manifest: dict[str, Any]
    files: dict[str, bytes]

    @property
    def title(self) -> str:
        texts = self.manifest["course"]["texts"]
        return str(next(iter(texts.values()))["title"])


# Writing


def _texts(record: Any, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {
        translation.language_code: {name: getattr(translation, name) or "" for name in fields}
        for translation in sorted(record.translations.all(), key=lambda t: t.language_code)
    }


def manifest_of(course: Course) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest of `course`, and the files it names (package path → stored file)."""
    files: dict[str, Any] = {}
    modules = []
    for module in course.modules.order_by("position", "pk").prefetch_related("translations"):
        lessons = []
        for lesson in module.lessons.order_by("position", "pk").prefetch_related("translations"):
            lessons.append(_lesson_manifest(lesson, files))
        modules.append({"texts": _texts(module, ("title",)), "lessons": lessons})
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "course": {
            "slug": course.slug,
            "country": course.country.code,
            "enrolment": course.enrolment,
            "texts": _texts(course, ("title", "summary")),
            "modules": modules,
        },
    }
    return manifest, files


def _lesson_manifest(lesson: Lesson, files: dict[str, Any]) -> dict[str, Any]:
    attached = None
    if lesson.attachment:
        stored = PurePosixPath(str(lesson.attachment.name)).name
        name = re.sub(r"[^A-Za-z0-9._-]", "-", stored).lstrip("._-")[:100] or "file"
        path = f"{FILES}{len(files) + 1}-{name}"
        files[path] = lesson.attachment
        attached = {"path": path, "name": name}
    quiz = getattr(lesson, "quiz", None)
    quiz_data = None
    if quiz is not None:
        questions = []
        for question in quiz.questions.order_by("position", "pk").prefetch_related(
            "translations", "choices__translations"
        ):
            choices = [
                {"correct": choice.is_correct, "texts": _texts(choice, ("text",))}
                for choice in sorted(question.choices.all(), key=lambda c: (c.position, c.pk))
            ]
            questions.append(
                {"kind": question.kind, "texts": _texts(question, ("text",)), "choices": choices}
            )
        quiz_data = {
            "texts": _texts(quiz, ("title",)),
            "pass_mark": quiz.pass_mark,
            "max_attempts": quiz.max_attempts,
            "questions": questions,
        }
    return {
        "texts": _texts(lesson, ("title", "body")),
        "estimated_minutes": lesson.estimated_minutes,
        "video_url": lesson.video_url,
        "file": attached,
        "quiz": quiz_data,
    }


def course_export(course: Course) -> bytes:
    """The package of `course`: its manifest and its lessons' files, as zip bytes."""
    manifest, files = manifest_of(course)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json_dumps(manifest))
        for path, stored in files.items():
            with stored.open("rb") as handle:
                archive.writestr(path, handle.read())
    return buffer.getvalue()


def json_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# Reading


class _Problems:
    """Problems found while reading, each said where it is."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}" if where else message)

    def check(self, where: str, check: Any, *args: Any) -> Any:
        try:
            return check(*args)
        except ValidationError as error:
            for message in error.messages:
                self.add(where, message)
            return None


def read_package(upload: IO[bytes] | bytes) -> Package:
    """The validated package in `upload`, or ValidationError listing every problem."""
    content = _content(upload)
    archive_names = _check_archive(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if archive.getinfo(MANIFEST).file_size > MANIFEST_MAX_BYTES:
            raise ValidationError(_("The package's course.json is too large."), code="manifest")
        try:
            manifest = json_limits.loads(archive.read(MANIFEST))
        except (ValueError, UnicodeDecodeError) as error:
            raise ValidationError(
                _("The package's course.json is not valid JSON."), code="manifest"
            ) from error
        _check_header(manifest)
        problems = _Problems()
        referenced = _check_course(manifest.get("course"), problems)
        files: dict[str, bytes] = {}
        for path, name in referenced.items():
            if path not in archive_names:
                problems.add(path, _("This file is named in course.json but missing."))
                continue
            data = archive.read(path)
            upload_file = SimpleUploadedFile(name, data)
            if problems.check(
                path, check_upload, upload_file, authoring_services.LESSON_FILE_EXTENSIONS
            ):
                files[path] = data
    if problems.messages:
        raise ValidationError(problems.messages, code="invalid")
    return Package(manifest=manifest, files=files)


def _content(upload: IO[bytes] | bytes) -> bytes:
    limit = max_package_mb() * MB
    if isinstance(upload, bytes):
        content = upload
    else:
        upload.seek(0)
        content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("The package is larger than %(size)s MB.") % {"size": max_package_mb()},
            code="too_large",
        )
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError(_("This is not a course package (a ZIP file)."), code="bad_zip")
    return content


def _check_archive(content: bytes) -> set[str]:
    try:
        check_archive(content)
    except ValidationError as error:
        if error.code == "zip_bomb":
            raise ValidationError(
                _("The package would expand to more than the allowed size; it is refused."),
                code="zip_bomb",
            ) from error
        raise ValidationError(_("The package is not a valid ZIP file."), code="bad_zip") from error
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = [info.filename for info in archive.infolist()]
    unsafe = [name for name in names if name != MANIFEST and not SAFE_FILE_NAME.match(name)]
    if unsafe:
        raise ValidationError(
            _("The package holds files with unsafe or unexpected names: %(names)s.")
            % {"names": ", ".join(sorted(unsafe)[:5])},
            code="unsafe_name",
        )
    if len(set(names)) != len(names):
        raise ValidationError(_("The package holds a file twice."), code="duplicate")
    if MANIFEST not in names:
        raise ValidationError(_("The package has no course.json."), code="manifest")
    return set(names)


def _check_header(manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError(_("This is not a MigraLocal course package."), code="format")
    if manifest.get("version") != VERSION:
        raise ValidationError(
            _("This package's format version (%(version)s) is not one this site reads (%(ours)s).")
            % {"version": str(manifest.get("version"))[:20], "ours": VERSION},
            code="version",
        )


def _list(value: Any, where: str, problems: _Problems, limit: int) -> list[Any]:
    if not isinstance(value, list):
        problems.add(where, _("A list is expected here."))
        return []
    if len(value) > limit:
        problems.add(where, _("At most %(limit)d are allowed.") % {"limit": limit})
        return []
    return value


def _dict(value: Any, where: str, problems: _Problems) -> dict[str, Any]:
    if not isinstance(value, dict):
        problems.add(where, _("An object is expected here."))
        return {}
    return value


def _integer(value: Any, where: str, problems: _Problems) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add(where, _("A whole number is expected here."))
        return None
    return value


def _texts_of(kind: str, data: Mapping[str, Any], where: str, problems: _Problems) -> None:
    texts = data.get("texts")
    if not isinstance(texts, dict) or not all(
        isinstance(values, dict) and all(isinstance(v, str) for v in values.values())
        for values in texts.values()
    ):
        problems.add(where, _("Texts are expected here, by language."))
        return
    problems.check(where, authoring_services.clean_texts, kind, texts)


def _check_course(course: Any, problems: _Problems) -> dict[str, str]:
    """Check the course part of the manifest; returns the files it names (path → name)."""
    course = _dict(course, "course", problems)
    if not course:
        return {}
    slug = course.get("slug")
    if not isinstance(slug, str) or not re.fullmatch(r"[-a-zA-Z0-9_]{1,110}", slug):
        problems.add("course.slug", _("A short name of letters, digits and hyphens is expected."))
    if course.get("enrolment") not in Course.Enrolment.values:
        problems.add("course.enrolment", _("Unknown enrolment rule."))
    _texts_of("course", course, "course", problems)
    referenced: dict[str, str] = {}
    modules = _list(course.get("modules"), "course.modules", problems, MAX_MODULES)
    for module_number, module in enumerate(modules, start=1):
        where = f"module {module_number}"
        module = _dict(module, where, problems)
        _texts_of("module", module, where, problems)
        lessons = _list(module.get("lessons"), where, problems, MAX_LESSONS)
        for lesson_number, lesson in enumerate(lessons, start=1):
            _check_lesson(
                _dict(lesson, f"{where}, lesson {lesson_number}", problems),
                f"{where}, lesson {lesson_number}",
                problems,
                referenced,
            )
    return referenced


def _check_lesson(
    lesson: dict[str, Any], where: str, problems: _Problems, referenced: dict[str, str]
) -> None:
    if not lesson:
        return
    _texts_of("lesson", lesson, where, problems)
    minutes = _integer(lesson.get("estimated_minutes"), where, problems)
    if minutes is not None:
        problems.check(where, authoring_services.check_minutes, minutes)
    video_url = lesson.get("video_url", "")
    if not isinstance(video_url, str):
        problems.add(where, _("Enter a valid URL."))
    else:
        problems.check(where, authoring_services.check_video_url, video_url)
    attached = lesson.get("file")
    if attached is not None:
        attached = _dict(attached, where, problems)
        path, name = attached.get("path"), attached.get("name")
        if not (
            isinstance(path, str)
            and SAFE_FILE_NAME.match(path)
            and isinstance(name, str)
            and SAFE_FILE_NAME.match(f"{FILES}{name}")
        ):
            problems.add(where, _("The lesson's file has an unsafe or unexpected name."))
        else:
            referenced[path] = name
    quiz = lesson.get("quiz")
    if quiz is not None:
        _check_quiz(_dict(quiz, f"{where}, quiz", problems), f"{where}, quiz", problems)


def _check_quiz(quiz: dict[str, Any], where: str, problems: _Problems) -> None:
    if not quiz:
        return
    _texts_of("quiz", quiz, where, problems)
    pass_mark = _integer(quiz.get("pass_mark"), where, problems)
    attempts = _integer(quiz.get("max_attempts"), where, problems)
    if pass_mark is not None and attempts is not None:
        problems.check(where, authoring_services.check_quiz_rules, pass_mark, attempts)
    questions = _list(quiz.get("questions"), where, problems, MAX_QUESTIONS)
    for number, question in enumerate(questions, start=1):
        here = f"{where}, question {number}"
        question = _dict(question, here, problems)
        if not question:
            continue
        _texts_of("question", question, here, problems)
        if question.get("kind") not in Question.Kind.values:
            problems.add(here, _("Unknown kind of question."))
            continue
        choices = _list(question.get("choices"), here, problems, authoring_services.MAX_CHOICES)
        given = []
        for choice in choices:
            choice = _dict(choice, here, problems)
            texts = choice.get("texts")
            if not isinstance(choice.get("correct"), bool) or not isinstance(texts, dict):
                problems.add(here, _("Each answer needs its texts and whether it is correct."))
                continue
            given.append(ChoiceInput(texts, choice["correct"]))
        if len(given) == len(choices):
            problems.check(here, _check_choice_texts, question["kind"], given)


def _check_choice_texts(kind: str, given: list[ChoiceInput]) -> None:
    for choice in given:
        if not all(isinstance(values, dict) for values in choice.texts.values()):
            raise ValidationError(_("Texts are expected here, by language."))
    authoring_services.check_choices(kind, given)
