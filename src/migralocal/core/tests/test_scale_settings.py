"""The production stack comes from the environment: Redis, a read replica, object storage."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from migralocal.commitments import spam
from migralocal.core.models import Organisation
from migralocal.core.routers import ReplicaRouter, replica_alias, replica_reads
from migralocal.core.tests.test_settings import PRODUCTION, run_manage

SHOW = (
    "import json; from django.conf import settings; from django.core.files.storage import "
    "storages; default_storage = storages['default']; "
    "print(json.dumps({'cache': settings.CACHES['default']['BACKEND'], "
    "'tasks': settings.TASKS['default']['BACKEND'], 'sessions': settings.SESSION_ENGINE, "
    "'apps': settings.INSTALLED_APPS, 'routers': getattr(settings, 'DATABASE_ROUTERS', []), "
    "'databases': sorted(settings.DATABASES), 'storage': type(default_storage).__name__, "
    "'bucket': getattr(default_storage, 'bucket_name', None), "
    "'proxies': settings.REST_FRAMEWORK['NUM_PROXIES']}))"
)


def configuration(**env: str) -> dict:
    result = run_manage("shell", "-c", SHOW, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_url_moves_cache_tasks_and_sessions_to_redis() -> None:
    found = configuration(REDIS_URL="redis://127.0.0.1:6379/5")
    assert found["cache"] == "migralocal.core.redis_cache.RedisCache"
    assert found["tasks"] == "django_tasks_rq.RQBackend"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert "django_tasks_rq" in found["apps"]


def test_without_redis_several_processes_still_share_cache_tasks_and_sessions(
    tmp_path: Path,
) -> None:
    found = configuration(MIGRALOCAL_VAR_DIR=str(tmp_path))
    assert found["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert "django_tasks_rq" not in found["apps"]
    assert found["routers"] == []
    assert found["storage"] == "FileSystemStorage"


def test_replica_object_storage_and_proxies_come_from_the_environment() -> None:
    found = configuration(
        DATABASE_REPLICA_URL="sqlite:///:memory:",
        MEDIA_S3_BUCKET="migralocal-uploads",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
        NUM_PROXIES="1",
    )
    assert found["databases"] == ["default", "replica"]
    assert found["routers"] == ["migralocal.core.routers.ReplicaRouter"]
    assert found["storage"] == "S3Storage"
    assert found["bucket"] == "migralocal-uploads"
    assert found["proxies"] == 1


REPORTS_MODEL = SimpleNamespace(_meta=SimpleNamespace(app_label="reports"))
REPLICA_DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}


@override_settings(DATABASES=REPLICA_DATABASES)
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")  # the router only reads it
def test_reads_go_to_the_replica_only_inside_replica_reads() -> None:
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Organisation) == "replica"
        assert router.db_for_write(Organisation) == "default"
    assert router.db_for_read(Organisation) == "default"
    # An export's progress page must see the row just written, whatever the replica's lag.
    assert router.db_for_read(REPORTS_MODEL) == "default"


def test_without_a_replica_reports_read_from_the_primary() -> None:
    assert "replica" not in settings.DATABASES
    assert replica_alias() == "default"
    with replica_reads():
        assert ReplicaRouter().db_for_read(Organisation) == "default"


def test_migrations_run_on_the_primary_only() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("default", "reports") is True
    assert router.allow_migrate("replica", "reports") is False


def test_rate_limits_count_the_visitor_behind_the_proxy_not_the_proxy() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.1"
    )
    assert spam.client_address(request) == "10.0.0.2"
    with override_settings(NUM_PROXIES=1):
        assert spam.client_address(request) == "198.51.100.1"
    with override_settings(NUM_PROXIES=2):
        assert spam.client_address(request) == "203.0.113.7"


def test_the_redis_cache_builds_one_client_per_connection_pool() -> None:
    from migralocal.core.redis_cache import RedisCache

    backend = RedisCache("redis://127.0.0.1:6379/9", {})
    client = backend._cache.get_client()  # builds no connection until a command runs
    assert backend._cache.get_client(write=True) is client
    pool = backend._cache._get_connection_pool(write=False)  # type: ignore[attr-defined]
    assert client.connection_pool is pool
