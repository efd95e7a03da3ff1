"""JSON is refused past a depth before it is parsed, and a file SQLite database is opened so that
concurrent writers wait for each other instead of failing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import override_settings

from migralocal.core.json_limits import JSONTooDeep, check_json_depth, loads
from migralocal.core.tests.test_settings import run_manage


def nested(levels: int) -> str:
    return '{"a": ' * (levels - 1) + "[1]" + "}" * (levels - 1)


def test_json_up_to_the_limit_is_read() -> None:
    assert loads(nested(32), limit=32) == json.loads(nested(32))


def test_json_one_level_deeper_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(JSONTooDeep, match="32"):
        check_json_depth(nested(33), limit=32)
    with pytest.raises(JSONTooDeep):
        loads("[" * 100_000 + "]" * 100_000, limit=32)  # json.loads itself would recurse


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"note": '[[[[{{{{ \\" [[[[', "list": ["]]]]", "[[[["]})
    check_json_depth(text, limit=2)
    with pytest.raises(JSONTooDeep):
        check_json_depth(text, limit=1)


@override_settings(MAX_JSON_DEPTH=3)
def test_the_limit_is_a_setting() -> None:
    with pytest.raises(JSONTooDeep):
        loads(nested(4))
    assert loads(nested(3)) == {"a": {"a": [1]}}


def test_a_file_database_is_opened_in_wal_with_a_busy_timeout(tmp_path: Path) -> None:
    database = tmp_path / "migralocal.sqlite3"
    program = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    print(cursor.fetchone()[0])\n"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])\n"
        "print(connection.settings_dict['OPTIONS']['timeout'])\n"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        program,
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{database}",
        MIGRALOCAL_VAR_DIR=str(tmp_path),
        SQLITE_BUSY_TIMEOUT_SECONDS="7",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "IMMEDIATE", "7"]


def test_an_in_memory_database_keeps_the_defaults(tmp_path: Path) -> None:
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))",
        DEBUG="true",
        DATABASE_URL="sqlite://",
        MIGRALOCAL_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "IMMEDIATE" not in result.stdout
