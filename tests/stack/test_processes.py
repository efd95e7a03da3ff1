"""Two gunicorn web processes and an RQ task worker on PostgreSQL and Redis share every state:
a session, a cached page, an import's progress and a rate limit behave the same whichever answers.

Runs in the PostgreSQL run of the suite. Under CI=true a missing Redis is a failure, like a
missing PostgreSQL in the Makefile; elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPResponse
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection
from django.test import override_settings

from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.consultations.models import Consultation, SubmissionImport
from migralocal.consultations.tests.test_offline import kobo_csv, kobo_row
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import World, build_world, real_time_totp_code
from migralocal.directory.models import Hub
from migralocal.directory.tests.helpers import world_hubs
from migralocal.directory.tests.test_pages import hub_form_data

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="This run is on SQLite; the processes need PostgreSQL (its run covers this).",
)

SOURCE_ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 40
TASK_SECONDS = 30


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI requires it.")
    pytest.skip(reason)


def redis_answers() -> bool:
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
        client.flushdb()  # this test owns its Redis database
        return True
    except redis.RedisError:
        return False


def database_url() -> str:
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    port = config["PORT"] or 5432
    return (
        f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:{port}/"
        f"{config['NAME']}"
    )


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# A small HTTP client that keeps its own cookies (Secure ones too: the stack runs without TLS).


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@dataclass
class Visitor:
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        # One site name for both processes, as behind a proxy: it is part of a cached page's key.
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        try:
            request = urllib.request.Request(url, data=data, headers=sent)  # noqa: S310 (http only)
            response: HTTPResponse = OPENER.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error  # type: ignore[assignment]
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            if "max-age=0" in rest.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.headers), response.read().decode()

    def get(self, url: str) -> tuple[int, dict[str, str], str]:
        return self.request(url)

    def post(self, url: str, fields: dict[str, Any], referer: str) -> tuple[int, dict, str]:
        """Post a form after reading its page at `referer`, with that page's CSRF token."""
        fields = {**fields, "csrfmiddlewaretoken": self.csrf_token(referer)}
        body = "&".join(
            f"{urllib.parse.quote(key)}={urllib.parse.quote(str(value))}"
            for key, values in fields.items()
            for value in (values if isinstance(values, list) else [values])
        ).encode()
        return self.request(url, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, url: str, name: str, content: bytes, referer: str) -> tuple[int, dict, str]:
        boundary = uuid.uuid4().hex
        token = self.csrf_token(referer)
        body = (
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def csrf_token(self, page_url: str) -> str:
        status, _headers, page = self.get(page_url)
        assert status == 200, (page_url, status)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None, page_url
        return found[1]


# The processes --------------------------------------------------------------------------------


@dataclass
class Stack:
    web_a: str
    web_b: str
    processes: list[subprocess.Popen[bytes]]
    logs: Path
    world: World | None = None

    def output(self) -> str:
        return "\n".join(path.read_text()[-3000:] for path in sorted(self.logs.glob("*.log")))


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, cwd=SOURCE_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def world_on_disk() -> World:
    """The world, committed where the other processes read it (the test's copy of the migrated
    database, reference data included)."""
    return build_world()


def wait_until(check: Callable[[], bool], seconds: float, what: str, stack: Stack) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"Timed out waiting for {what}.\n{stack.output()}")


def answers(url: str) -> bool:
    try:
        return Visitor().get(url)[0] == 200
    except OSError:
        return False


@pytest.fixture
def stack(transactional_db: None, tmp_path: Path) -> Iterator[Stack]:
    if not redis_answers():
        unavailable(f"Redis is not reachable at {REDIS_URL}")
    # One key for this process and the stack: the world's authenticator secrets are encrypted
    # here and read there.
    encryption_key = Fernet.generate_key().decode()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "tests.stack.settings",
        "PYTHONPATH": str(SOURCE_ROOT),
        "DEBUG": "false",
        "SECRET_KEY": "multi-process-test-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "MIGRALOCAL_VAR_DIR": str(tmp_path / "var"),
        "CONSULTATIONS_ENCRYPTION_KEYS": encryption_key,
        "CONSULTATIONS_BACKGROUND_IMPORT_ROWS": "1",
        "API_ANONYMOUS_RATE": "3/minute",
        "ACCOUNT_EMAIL_VERIFICATION": "none",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
    }
    ports = free_port(), free_port()
    processes = [
        start(
            [str(BIN / "gunicorn"), "migralocal.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--timeout", "60"],
            env,
            tmp_path / f"web-{port}.log",
        )
        for port in ports
    ]  # fmt: skip
    processes.append(
        start(
            [sys.executable, "manage.py", "rqworker", "default",
             "--job-class", "django_tasks_rq.Job"],
            env,
            tmp_path / "worker.log",
        )
    )  # fmt: skip
    running = Stack(
        web_a=f"http://127.0.0.1:{ports[0]}",
        web_b=f"http://127.0.0.1:{ports[1]}",
        processes=processes,
        logs=tmp_path,
    )
    try:
        # Rows are committed (the processes read them through their own connections); loading
        # them while the processes start saves seconds.
        with override_settings(CONSULTATIONS_ENCRYPTION_KEYS=encryption_key):
            running.world = world_on_disk()
        for base in (running.web_a, running.web_b):
            wait_until(lambda base=base: answers(f"{base}/es/"), STARTUP_SECONDS, base, running)
        yield running
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


# The behaviours -------------------------------------------------------------------------------


def sign_in(stack: Stack, base: str, email: str) -> Visitor:
    visitor = Visitor()
    login = f"{base}/es/accounts/login/"
    status, headers, _page = visitor.post(
        login, {"login": email, "password": PASSWORD}, referer=login
    )
    assert status == 302, stack.output()
    location = headers.get("Location", "")
    if "/2fa/authenticate/" in location:
        # Hub staff reach personal data: the platform asks for their authenticator's code.
        code_page = location if location.startswith("http") else base + location
        status, _headers, _page = visitor.post(
            code_page, {"code": real_time_totp_code()}, referer=code_page
        )
        assert status == 302, stack.output()
    return visitor


def check_a_session_made_on_one_works_on_the_other(stack: Stack, world: World) -> Visitor:
    staff = sign_in(stack, stack.web_a, world.user("hub_staff").email)
    status, _headers, page = staff.get(f"{stack.web_b}/es/me/")
    assert status == 200
    assert world.user("hub_staff").display_name in page
    return staff


def check_a_cached_page_is_shared_and_invalidated_from_the_other(
    stack: Stack, hub: Hub, staff: Visitor
) -> None:
    path = f"/es/directory/hubs/{hub.slug}/"
    assert "Ventanilla Municipal" in Visitor().get(stack.web_a + path)[2]
    # Rename behind the platform's back (no signal): only a shared cache still shows the old name.
    Hub.translations.field.model.objects.filter(master=hub, language_code="es").update(
        name="Renamed without the platform knowing"
    )
    assert "Ventanilla Municipal" in Visitor().get(stack.web_b + path)[2]
    # An edit through the other process invalidates the page for both.
    edit = f"{stack.web_b}/es/directory/hubs/{hub.slug}/edit/"
    status, _headers, _page = staff.post(edit, hub_form_data(address="Barrio Nuevo"), referer=edit)
    assert status == 302, stack.output()
    assert "Barrio Nuevo" in Visitor().get(stack.web_a + path)[2]


def wait_for_status(stack: Stack, upload_id: int, wanted: str, staff: Visitor, base: str) -> str:
    progress = f"{base}/consultations/imports/{upload_id}/progress/"
    seen: dict[str, str] = {}

    def done() -> bool:
        status, _headers, partial = staff.get(progress)
        assert status == 200
        seen["partial"] = partial
        return SubmissionImport.objects.get(pk=upload_id).status == wanted

    wait_until(done, TASK_SECONDS, f"the import to be {wanted}", stack)
    return staff.get(progress)[2]


def check_an_import_started_on_one_progresses_on_the_other(
    stack: Stack, hub: Hub, staff: Visitor
) -> None:
    form = f"{stack.web_a}/es/consultations/hubs/{hub.slug}/import/"
    rows = kobo_csv([kobo_row(n) for n in range(1, 6)])
    status, headers, _page = staff.upload(form, "export.csv", rows, referer=form)
    assert status == 302, stack.output()
    upload_id = int(re.findall(r"/imports/(\d+)/", headers["Location"])[0])
    # Checked by the worker, followed on the other web process.
    partial = wait_for_status(stack, upload_id, "validated", staff, f"{stack.web_b}/es")
    assert 'value="5"' in partial
    detail = f"{stack.web_b}/es/consultations/imports/{upload_id}/"
    assert staff.post(detail, {"action": "confirm"}, referer=detail)[0] == 302
    wait_for_status(stack, upload_id, "done", staff, f"{stack.web_a}/es")
    assert Consultation.objects.filter(hub=hub).count() == 5


def check_a_rate_limit_counted_on_one_applies_on_the_other(stack: Stack, world: World) -> None:
    # The API's throttle (3 a minute for visitors here).
    api = "/api/v1/hubs/"
    answered = [Visitor().get(stack.web_a + api)[0] for _ in range(3)]
    assert answered == [200, 200, 200]
    assert Visitor().get(stack.web_b + api)[0] == 429
    # The commitments' spam limit: one report of an entry a day from one address.
    commitment = CommitmentBuilder(world).verified()
    flag = f"/es/commitments/{commitment.slug}/flag/"
    report = {"reason": "spam", "comment": ""}
    assert Visitor().post(stack.web_a + flag, report, referer=stack.web_a + flag)[0] == 302
    assert Visitor().post(stack.web_b + flag, report, referer=stack.web_b + flag)[0] == 429


def test_no_state_lives_in_one_process(stack: Stack) -> None:
    assert stack.world is not None
    own, _other = world_hubs(stack.world)
    staff = check_a_session_made_on_one_works_on_the_other(stack, stack.world)
    check_a_cached_page_is_shared_and_invalidated_from_the_other(stack, own, staff)
    check_an_import_started_on_one_progresses_on_the_other(stack, own, staff)
    check_a_rate_limit_counted_on_one_applies_on_the_other(stack, stack.world)
