"""Configuration comes from the environment and production settings pass Django's checks."""

import os
import subprocess
import sys
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[4]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in inherited}
    clean.update(DJANGO_SETTINGS_MODULE="migralocal.settings", **env)
    return subprocess.run(
        [sys.executable, str(SOURCE_ROOT / "manage.py"), *args],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "q8V#n2!Lz7@pR4%tY9^wE1&uI6*oA3(sD5)fG0-hJ+kX=cB-m4Nq7Ws",
    "ALLOWED_HOSTS": "migralocal.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def test_production_settings_pass_the_deployment_checks() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_key_is_generated_once_outside_the_repository(tmp_path: Path) -> None:
    env = {"DEBUG": "true", "MIGRALOCAL_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite://"}
    assert run_manage("check", **env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 40
    assert run_manage("check", **env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_languages_come_from_the_environment() -> None:
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.LANGUAGES)",
        DEBUG="true",
        LANGUAGES="es,en,fr",
        DATABASE_URL="sqlite://",
    )
    assert result.returncode == 0, result.stderr
    assert "'fr'" in result.stdout
