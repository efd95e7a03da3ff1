"""`manage.py backup` and `manage.py restore`: an archive of every table and uploaded file that
rebuilds an empty installation, on SQLite and on PostgreSQL, and refuses what is damaged."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from migralocal.consultations.models import Consent, Consultation, IdentityRecord
from migralocal.core import backup, services
from migralocal.core.models import ApiToken, Country, User
from migralocal.core.tests.databases import copy_of_test_database, extra_connection

TARGET = "restore_target"


@contextmanager
def override_left_out(left_out: dict[str, str]) -> Iterator[None]:
    """Write an archive as versions before this one did, with every table in it."""
    kept = backup.LEFT_OUT
    backup.LEFT_OUT = left_out
    try:
        yield
    finally:
        backup.LEFT_OUT = kept


ENCRYPTED_UPLOAD = b"gAAAAAB-not-readable-without-the-key\x00\xff"


@pytest.fixture(scope="session")
def empty_database_copy(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """A second database, migrated and empty."""
    copy = copy_of_test_database("restore")
    with django_db_blocker.unblock():
        settings = copy.__enter__()
    yield settings
    with django_db_blocker.unblock():
        copy.__exit__(None, None, None)


@pytest.fixture
def restore_target(empty_database_copy: dict[str, Any]) -> Iterator[str]:
    with extra_connection(TARGET, empty_database_copy) as alias:
        yield alias


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def sample(model: Any, using: str) -> list[tuple[Any, ...]]:
    """The first and last rows of a table, every column, as the application reads them."""
    names = [field.attname for field in backup._columns(model)]
    ordered = model._base_manager.using(using).order_by(model._meta.pk.attname)
    first = list(ordered.values_list(*names)[:3])
    last = list(ordered.reverse().values_list(*names)[:3])
    return first + last


def record_identity() -> IdentityRecord:
    consultation = Consultation.objects.order_by("pk").first()
    assert consultation is not None
    consent = Consent.objects.create(
        consultation=consultation, purpose="Referral to legal aid", given_at=timezone.now()
    )
    return IdentityRecord.objects.create(
        consultation=consultation,
        consent=consent,
        name="Ana María Pérez",
        contact="+504 9999 0000",
        document_number="0801-1990-12345",
    )


def sign_in_and_make_a_token() -> list[str]:
    """A session and an API token in the source database; gives the secrets they hold."""
    user = User.objects.filter(is_superuser=True).first()
    assert user is not None
    client = Client()
    client.force_login(user)
    issued = services.api_token_create(user=user)
    session_key = client.session.session_key
    assert session_key is not None and Session.objects.filter(pk=session_key).exists()
    return [session_key, issued.key, issued.token.key_digest]


def test_an_archive_made_before_sessions_were_left_out_restores_without_them(
    world: Any, media: Path, tmp_path: Path
) -> None:
    sign_in_and_make_a_token()
    archive = tmp_path / "old.zip"
    with override_left_out({}):
        backup.backup_write(out=archive)
    manifest = json.loads(zipfile.ZipFile(archive).read(backup.MANIFEST))
    assert "sessions.session" in {table["model"] for table in manifest["tables"]}
    users = User.objects.count()
    backup.backup_restore(archive_path=archive, force=True)
    assert User.objects.count() == users
    assert not Session.objects.exists()
    assert not ApiToken.objects.exists()


def members(path: Path) -> dict[str, str]:
    manifest = json.loads(zipfile.ZipFile(path).read(backup.MANIFEST))
    return {name: entry["sha256"] for name, entry in manifest["checksums"].items()}


def test_backup_of_the_demo_restores_every_row_and_file_into_an_empty_database(
    demo_db: None, restore_target: str, tmp_path: Path
) -> None:
    """(On the worker's own uploads folder, which holds the demo's files.)"""
    identity = record_identity()
    secrets_that_stay_behind = sign_in_and_make_a_token()
    default_storage.save("consultations/imports/sealed.bin", ContentFile(ENCRYPTED_UPLOAD))
    archive = tmp_path / "backup.zip"
    out = StringIO()

    call_command("backup", str(archive), stdout=out)

    assert str(archive) in out.getvalue()
    stored = zipfile.ZipFile(archive).read("data/consultations.identityrecord.jsonl")
    assert b"Ana Mar" not in stored  # the archive keeps the encrypted text, never the plain one
    assert not backup.database_holds_data(using=restore_target)
    restored_media = FileSystemStorage(location=tmp_path / "restored-media")
    result = backup.backup_restore(
        archive_path=archive, using=restore_target, storage=restored_media
    )

    models = backup.kept_models()
    assert result.tables == len(models)
    for label in backup.LEFT_OUT:  # sessions and tokens never travel: people sign in again
        assert f"data/{label}.jsonl" not in zipfile.ZipFile(archive).namelist()
        assert apps.get_model(label)._base_manager.using(restore_target).count() == 0, label
    archived = b"".join(
        zipfile.ZipFile(archive).read(name) for name in zipfile.ZipFile(archive).namelist()
    )
    for secret in secrets_that_stay_behind:
        assert secret.encode() not in archived
    for model in models:
        label = model._meta.label
        source_count = model._base_manager.using("default").count()
        assert model._base_manager.using(restore_target).count() == source_count, label
        assert sample(model, restore_target) == sample(model, "default"), label
    assert result.rows > 1000
    # The encrypted field still decrypts, and a translated field keeps both languages.
    assert IdentityRecord.objects.using(restore_target).get(pk=identity.pk).name == (
        "Ana María Pérez"
    )
    country = Country.objects.using(restore_target).get(code="HN")
    names = dict(country.translations.using(restore_target).values_list("language_code", "name"))
    assert names["en"] == "Honduras"
    assert names["es"] == "Honduras"
    assert User.objects.using(restore_target).filter(is_superuser=True).exists()
    # Uploaded files come back byte for byte, encrypted ones still encrypted.
    assert restored_media.open("consultations/imports/sealed.bin").read() == ENCRYPTED_UPLOAD
    for name in backup.stored_media_names(default_storage):
        with default_storage.open(name) as source, restored_media.open(name) as copy:
            assert copy.read() == source.read(), name
    # A backup of the restored database holds exactly the same rows (in its own snapshot).
    again = tmp_path / "again.zip"
    backup.backup_write(out=again, using=restore_target, storage=restored_media)
    assert members(again) == members(archive)
    # Sequences continue after the restored rows.
    User.objects.db_manager(restore_target).create_user(email="new@example.org", password="x")


def _small_archive(tmp_path: Path) -> Path:
    archive = tmp_path / "small.zip"
    default_storage.save("logos/logo.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"))
    backup.backup_write(out=archive)
    return archive


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data_without_force(
    world: Any, media: Path, tmp_path: Path
) -> None:
    archive = _small_archive(tmp_path)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=StringIO())


@pytest.mark.django_db
def test_restore_with_force_replaces_the_database(world: Any, media: Path, tmp_path: Path) -> None:
    archive = _small_archive(tmp_path)
    users = User.objects.count()
    User.objects.create_user(email="after-the-backup@example.org", password="x")

    call_command("restore", str(archive), "--force", stdout=StringIO())

    assert User.objects.count() == users
    assert not User.objects.filter(email="after-the-backup@example.org").exists()


def _damaged_copies(archive: Path, tmp_path: Path) -> list[Path]:
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(data[: len(data) // 2])
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(tampered, "w") as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "data/core.user.jsonl":
                content = content.replace(b"@", b"#", 1)
            copy.writestr(info, content)
    not_a_zip = tmp_path / "notes.zip"
    not_a_zip.write_text("not an archive")
    return [truncated, tampered, not_a_zip, tmp_path / "missing.zip"]


@pytest.mark.django_db
def test_damaged_archive_gives_a_clean_error_and_writes_nothing(
    world: Any, media: Path, tmp_path: Path
) -> None:
    archive = _small_archive(tmp_path)
    default_storage.delete("logos/logo.png")
    users = sorted(User.objects.values_list("email", flat=True))
    User.objects.create_user(email="after-the-backup@example.org", password="x")

    for damaged in _damaged_copies(archive, tmp_path):
        with pytest.raises(CommandError) as error:
            call_command("restore", str(damaged), "--force", stdout=StringIO())
        assert "Traceback" not in str(error.value)
        assert User.objects.filter(email="after-the-backup@example.org").exists(), damaged
        assert not default_storage.exists("logos/logo.png"), damaged
    assert len(users) + 1 == User.objects.count()


@pytest.mark.django_db
def test_check_reads_the_whole_archive(world: Any, media: Path, tmp_path: Path) -> None:
    archive = _small_archive(tmp_path)
    out = StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert str(len(members(archive))) in out.getvalue()


@pytest.mark.django_db
def test_archive_from_a_newer_version_is_refused(world: Any, media: Path, tmp_path: Path) -> None:
    archive = _small_archive(tmp_path)
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(newer, "w") as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == backup.MANIFEST:
                manifest = json.loads(content)
                manifest["migrations"].append(["core", "9999_from_the_future"])
                content = json.dumps(manifest).encode()
            copy.writestr(info, content)
    with pytest.raises(backup.BackupError, match=r"core\.9999_from_the_future"):
        backup.backup_restore(archive_path=newer, force=True)


@pytest.mark.django_db
def test_a_freshly_migrated_database_holds_no_data() -> None:
    """Only what `migrate` fills is there: a restore may go ahead without --force."""
    assert not backup.database_holds_data()


@pytest.mark.django_db
def test_only_platform_storage_names_are_restored() -> None:
    assert backup._safe_media_name("logos/a.png")
    for name in ("../etc/passwd", "/etc/passwd", "a/../../b", "", "a\\b", None):
        assert not backup._safe_media_name(name)
