"""Pulling submissions from KoboToolbox and ODK Central, against a local fake of each API (no
test reaches the internet): only new submissions, checked and protected like an upload."""

from __future__ import annotations

import base64
import json
import re
import threading
from io import StringIO
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import connection as db
from django.test import Client
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from migralocal.consultations import field_data, services
from migralocal.consultations.models import Consultation, FieldDataConnection, SubmissionImport
from migralocal.consultations.tests.test_offline import kobo_row
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub

TOKEN = "kobo-token-0123456789abcdef"
PASSWORD = "central-password-secret"
EMAIL = "viewer@example.org"
ASSET = "aXyZ123"
KOBO_PATH = f"/api/v2/assets/{ASSET}/data/"
CENTRAL_PATH = "/v1/projects/7/forms/consultation.svc/Submissions"


@pytest.fixture(autouse=True)
def local_servers(settings: Any) -> None:
    settings.CONSULTATIONS_PULL_ALLOW_HTTP = True
    settings.CONSULTATIONS_PULL_TIMEOUT_SECONDS = 10  # a loaded test machine may be slow


def kobo_submission(n: int, **changes: str) -> dict[str, Any]:
    """A record as KoboToolbox's data endpoint returns it (group paths, `_submission_time`)."""
    record: dict[str, Any] = {
        key: value for key, value in kobo_row(n).items() if not key.startswith("topics/")
    }
    record["_submission_time"] = f"2026-01-{n:02d}T10:00:00"
    record["_submitted_by"] = "enumerator1"
    record["_attachments"] = []
    record["_geolocation"] = [None, None]
    record.update(changes)
    return record


def central_submission(n: int, *, with_meta: bool = True, **changes: str) -> dict[str, Any]:
    """A record as ODK Central's OData feed returns it: groups as objects, `__id`, `__system`."""
    row = {**kobo_row(n), **changes}
    record: dict[str, Any] = {
        "__id": f"uuid:00000000-0000-4000-8000-{n:012d}",
        "__system": {
            "submissionDate": f"2026-02-{n:02d}T10:00:00.{n:03d}Z",
            "submitterName": "Ana Collector",
            "reviewState": None,
        },
        "visit": {"date": row["date"], "channel": row["channel"], "topics": row["topics"]},
        "person": {
            "gender": row["gender"],
            "age_band": row["age_band"],
            "nationality": row["nationality"],
            "migration_situation": row["migration_situation"],
            "disability": row["disability"],
            "preferred_language": row["preferred_language"],
        },
        "needs": row["needs"] or None,
        "referrals": row["referrals"] or None,
    }
    if with_meta:
        record["meta"] = {"instanceID": record["__id"]}
    return record


class FakeKobo:
    """KoboToolbox's `/api/v2/assets/{uid}/data/`: token checked, `query` honoured, paged."""

    def __init__(self, server: HTTPServer, records: list[dict[str, Any]]) -> None:
        self.server = server
        self.records = records
        self.queries: list[dict[str, Any] | None] = []
        server.expect_request(KOBO_PATH).respond_with_handler(self.answer)

    def answer(self, request: Request) -> Response:
        if request.headers.get("Authorization") != f"Token {TOKEN}":
            return Response(json.dumps({"detail": "Invalid token."}), 401)
        assert request.args.get("format") == "json"
        query = json.loads(request.args["query"]) if "query" in request.args else None
        self.queries.append(query)
        since = (query or {}).get("_submission_time", {}).get("$gt", "")
        found = [r for r in self.records if r["_submission_time"] > since]
        start, limit = int(request.args.get("start", 0)), int(request.args["limit"])
        following = None
        if start + limit < len(found):
            args = {**request.args.to_dict(), "start": str(start + limit)}
            following = (
                self.server.url_for(KOBO_PATH)
                + "?"
                + "&".join(f"{key}={value}" for key, value in args.items())
            )
        body = {
            "count": len(found),
            "next": following,
            "previous": None,
            "results": found[start : start + limit],
        }
        return Response(json.dumps(body), 200, content_type="application/json")


class FakeCentral:
    """ODK Central's OData Submissions feed: HTTP Basic checked, `$filter` honoured, paged with
    `$top`/`$skip` and `@odata.nextLink`."""

    FILTER = re.compile(r"^__system/submissionDate gt (\S+)$")

    def __init__(
        self, server: HTTPServer, records: list[dict[str, Any]], *, next_links: bool = True
    ) -> None:
        self.server = server
        self.records = records
        self.next_links = next_links  # older servers page with $skip alone
        self.filters: list[str | None] = []
        server.expect_request(CENTRAL_PATH).respond_with_handler(self.answer)

    def answer(self, request: Request) -> Response:
        expected = "Basic " + base64.b64encode(f"{EMAIL}:{PASSWORD}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return Response(json.dumps({"code": 401.2, "message": "Could not authenticate"}), 401)
        wanted = request.args.get("$filter")
        self.filters.append(wanted)
        since = ""
        if wanted:
            match = self.FILTER.match(wanted)
            assert match, wanted
            since = match.group(1)
        found = [r for r in self.records if r["__system"]["submissionDate"] > since]
        skip, top = int(request.args.get("$skip", 0)), int(request.args["$top"])
        body: dict[str, Any] = {
            "@odata.context": self.server.url_for(
                "/v1/projects/7/forms/consultation.svc/$metadata"
            ),
            "value": found[skip : skip + top],
        }
        if self.next_links and skip + top < len(found):
            args = {**request.args.to_dict(), "$skip": str(skip + top)}
            body["@odata.nextLink"] = (
                self.server.url_for(CENTRAL_PATH)
                + "?"
                + "&".join(f"{key}={value}" for key, value in args.items())
            )
        return Response(json.dumps(body), 200, content_type="application/json")


def kobo_connection(hub: Hub, server: HTTPServer, **changes: Any) -> FieldDataConnection:
    values = {
        "hub": hub,
        "kind": FieldDataConnection.Kind.KOBO,
        "server_url": server.url_for("/"),
        "form_id": ASSET,
        "secret": TOKEN,
        **changes,
    }
    return FieldDataConnection.objects.create(**values)


def central_connection(hub: Hub, server: HTTPServer) -> FieldDataConnection:
    return FieldDataConnection.objects.create(
        hub=hub,
        kind=FieldDataConnection.Kind.ODK_CENTRAL,
        server_url=server.url_for("/"),
        project_id=7,
        form_id="consultation",
        username=EMAIL,
        secret=PASSWORD,
    )


def pull(connection: FieldDataConnection) -> services.PullOutcome:
    connection.refresh_from_db()
    return services.field_data_pull(connection=connection, user=None)


# Services ---------------------------------------------------------------------------------


def test_kobo_pull_writes_only_new_submissions_following_every_page(
    hubs: Any, httpserver: HTTPServer, monkeypatch: Any
) -> None:
    monkeypatch.setattr(field_data, "PAGE_SIZE", 2)
    fake = FakeKobo(httpserver, [kobo_submission(n) for n in (1, 2, 3)])
    connection = kobo_connection(hubs[0], httpserver)
    first = pull(connection)
    assert first.upload is not None and first.upload.status == SubmissionImport.Status.DONE
    assert first.upload.connection == connection and first.upload.new_rows == 3
    assert not first.upload.file  # deleted once written, as an upload's
    assert Consultation.objects.filter(hub=hubs[0], source="import").count() == 3
    connection.refresh_from_db()
    assert connection.last_submission_time == "2026-01-03T10:00:00"
    assert connection.last_pulled_at is not None and not connection.last_error
    assert fake.queries[0] is None  # the first pull asks for everything

    fake.records.append(kobo_submission(4))
    second = pull(connection)
    assert second.upload is not None and second.upload.new_rows == 1
    assert fake.queries[-1] == {"_submission_time": {"$gt": "2026-01-03T10:00:00"}}
    assert Consultation.objects.count() == 4

    third = pull(connection)
    assert third.upload is None and third.problem == "" and third.waiting is None
    assert SubmissionImport.objects.count() == 2
    assert Consultation.objects.count() == 4


def test_central_groups_and_instance_ids_map_to_the_forms_columns(
    hubs: Any, httpserver: HTTPServer, monkeypatch: Any
) -> None:
    monkeypatch.setattr(field_data, "PAGE_SIZE", 2)
    fake = FakeCentral(
        httpserver,
        [central_submission(1), central_submission(2, with_meta=False), central_submission(3)],
    )
    connection = central_connection(hubs[0], httpserver)
    outcome = pull(connection)
    assert outcome.upload is not None
    assert outcome.upload.status == "done", outcome.upload.errors
    stored = Consultation.objects.order_by("instance_uuid")
    assert [c.instance_uuid for c in stored] == [
        f"00000000-0000-4000-8000-{n:012d}" for n in (1, 2, 3)
    ]
    assert {c.channel for c in stored} == {"in_person"}
    assert all(c.topics.count() == 2 for c in stored)
    assert {c.gender for c in stored} == {"female"}
    connection.refresh_from_db()
    assert connection.last_submission_time == "2026-02-03T10:00:00.003Z"
    assert len(fake.filters) == 2 and fake.filters[0] is None  # two pages

    fake.records.append(central_submission(4))
    again = pull(connection)
    assert fake.filters[-1] == "__system/submissionDate gt 2026-02-03T10:00:00.003Z"
    assert again.upload is not None and again.upload.new_rows == 1
    assert Consultation.objects.count() == 4
    assert pull(connection).upload is None


def test_central_pages_with_skip_when_it_gives_no_next_link(
    hubs: Any, httpserver: HTTPServer, monkeypatch: Any
) -> None:
    monkeypatch.setattr(field_data, "PAGE_SIZE", 2)
    fake = FakeCentral(httpserver, [central_submission(n) for n in (1, 2, 3, 4)], next_links=False)
    outcome = pull(central_connection(hubs[0], httpserver))
    assert outcome.upload is not None and outcome.upload.new_rows == 4
    assert len(fake.filters) == 3  # two full pages, then an empty one


def test_central_refuses_a_wrong_password_with_its_own_message(
    hubs: Any, httpserver: HTTPServer
) -> None:
    FakeCentral(httpserver, [central_submission(1)])
    connection = central_connection(hubs[0], httpserver)
    FieldDataConnection.objects.filter(pk=connection.pk).update(secret="wrong")
    outcome = pull(connection)
    assert "e-mail and password" in outcome.problem or "correo" in outcome.problem
    assert not Consultation.objects.exists()


def test_already_imported_submissions_are_never_written_twice(
    hubs: Any, httpserver: HTTPServer
) -> None:
    FakeKobo(httpserver, [kobo_submission(n) for n in (1, 2)])
    connection = kobo_connection(hubs[0], httpserver)
    pull(connection)
    # The connection forgets where it was (a changed form, say): the same submissions come again.
    FieldDataConnection.objects.filter(pk=connection.pk).update(last_submission_time="")
    outcome = pull(connection)
    assert outcome.upload is not None and outcome.upload.status == "done"
    assert outcome.upload.new_rows == 0 and outcome.upload.duplicate_rows == 2
    assert Consultation.objects.count() == 2


def test_problems_wait_for_a_person_who_imports_the_good_rows(
    hubs: Any, httpserver: HTTPServer, world: World
) -> None:
    fake = FakeKobo(
        httpserver,
        [kobo_submission(1), kobo_submission(2, channel="pigeon"), kobo_submission(3)],
    )
    connection = kobo_connection(hubs[0], httpserver)
    outcome = pull(connection)
    upload = outcome.upload
    assert upload is not None and upload.status == SubmissionImport.Status.INVALID
    assert upload.awaits_decision and upload.file  # kept: it cannot be uploaded again
    assert upload.new_rows == 2 and upload.errors[0]["column"] == "channel"
    assert not Consultation.objects.exists()
    connection.refresh_from_db()
    assert connection.last_submission_time == ""

    fake.records.append(kobo_submission(4))
    waiting = pull(connection)
    assert waiting.waiting == upload and waiting.upload is None
    assert SubmissionImport.objects.count() == 1

    services.submission_upload_run(
        upload=upload, user=world.user("hub_staff"), skip_rows_with_problems=True
    )
    upload.refresh_from_db()
    assert upload.status == "done" and upload.new_rows == 2 and not upload.file
    assert Consultation.objects.count() == 2
    connection.refresh_from_db()
    assert connection.last_submission_time == "2026-01-03T10:00:00"
    assert pull(connection).upload.new_rows == 1  # type: ignore[union-attr]
    assert Consultation.objects.count() == 3


def test_a_discarded_batch_is_pulled_again_as_the_server_then_has_it(
    hubs: Any, httpserver: HTTPServer, world: World
) -> None:
    fake = FakeKobo(httpserver, [kobo_submission(1, channel="pigeon")])
    connection = kobo_connection(hubs[0], httpserver)
    upload = pull(connection).upload
    assert upload is not None and upload.status == "invalid"
    services.pulled_import_discard(upload=upload, user=world.user("hub_staff"))
    upload.refresh_from_db()
    assert upload.status == "failed" and not upload.file and not upload.awaits_decision
    fake.records[0] = kobo_submission(1)  # corrected on the server
    again = pull(connection)
    assert again.upload is not None and again.upload.status == "done"
    assert Consultation.objects.count() == 1


def _oversized(server: HTTPServer) -> None:
    server.expect_request(KOBO_PATH).respond_with_json(
        {"next": None, "results": [kobo_submission(n) for n in range(1, 30)]}
    )


# The fake server answers one request at a time: the slow answer is held only until the test
# has seen the time-out, so that it never delays the next test's requests.
SLOW_ANSWER_RELEASED = threading.Event()


def _slow(server: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        SLOW_ANSWER_RELEASED.wait(timeout=5)
        return Response(json.dumps({"next": None, "results": []}), 200)

    server.expect_request(KOBO_PATH).respond_with_handler(answer)


def _elsewhere(server: HTTPServer) -> None:
    server.expect_request(KOBO_PATH).respond_with_json(
        {"next": "http://other.invalid/api/v2/assets/x/data/?start=2", "results": []}
    )


SERVER_FAILURES = {
    "bad token": (
        lambda s: s.expect_request(KOBO_PATH).respond_with_data("no", 401),
        "credentials",
    ),
    "forbidden": (
        lambda s: s.expect_request(KOBO_PATH).respond_with_data("no", 403),
        "credentials",
    ),
    "wrong form": (lambda s: s.expect_request(KOBO_PATH).respond_with_data("?", 404), "not_found"),
    "server error": (lambda s: s.expect_request(KOBO_PATH).respond_with_data("!", 502), "server"),
    "not json": (lambda s: s.expect_request(KOBO_PATH).respond_with_data("<html>"), "malformed"),
    "wrong shape": (lambda s: s.expect_request(KOBO_PATH).respond_with_json([1]), "malformed"),
    "bad record": (
        lambda s: s.expect_request(KOBO_PATH).respond_with_json({"results": [{"a": 1}]}),
        "malformed",
    ),
    "redirect": (
        lambda s: s.expect_request(KOBO_PATH).respond_with_data(
            "", 302, headers={"Location": "http://other.invalid/"}
        ),
        "server",
    ),
    "next page elsewhere": (_elsewhere, "malformed"),
    "too large": (_oversized, "too_large"),
    "too slow": (_slow, "unreachable"),
}


@pytest.mark.parametrize("failure", SERVER_FAILURES, ids=list(SERVER_FAILURES))
def test_server_failures_are_recorded_and_write_nothing(
    hubs: Any, httpserver: HTTPServer, settings: Any, failure: str
) -> None:
    settings.CONSULTATIONS_PULL_MAX_MB = 0.002  # about 2 KB
    # Long enough for a loaded test machine, except where the time-out is what is tested.
    settings.CONSULTATIONS_PULL_TIMEOUT_SECONDS = 0.5 if failure == "too slow" else 10
    # A first batch already written: a failure must leave it and its starting point alone.
    connection = kobo_connection(hubs[0], httpserver, last_submission_time="2025-12-31T00:00:00")
    arrange, problem = SERVER_FAILURES[failure]
    arrange(httpserver)
    SLOW_ANSWER_RELEASED.clear()
    try:
        outcome = pull(connection)
    finally:
        SLOW_ANSWER_RELEASED.set()
    assert outcome.upload is None and outcome.problem
    assert not SubmissionImport.objects.exists() and not Consultation.objects.exists()
    connection.refresh_from_db()
    assert connection.last_error == problem
    assert connection.last_error_at is not None
    assert connection.last_submission_time == "2025-12-31T00:00:00"
    assert TOKEN not in outcome.problem


def test_an_unreachable_server_and_an_address_without_tls(hubs: Any, settings: Any) -> None:
    connection = FieldDataConnection.objects.create(
        hub=hubs[0], kind="kobo", server_url="http://127.0.0.1:1/", form_id=ASSET, secret=TOKEN
    )  # nothing listens on port 1
    assert pull(connection).problem
    connection.refresh_from_db()
    assert connection.last_error == "unreachable"
    settings.CONSULTATIONS_PULL_ALLOW_HTTP = False
    assert pull(connection).problem
    connection.refresh_from_db()
    assert connection.last_error == "insecure"


def test_a_successful_pull_clears_the_last_problem(hubs: Any, httpserver: HTTPServer) -> None:
    connection = kobo_connection(hubs[0], httpserver, secret="wrong")
    FakeKobo(httpserver, [kobo_submission(1)])
    assert pull(connection).problem
    FieldDataConnection.objects.filter(pk=connection.pk).update(secret=TOKEN)
    # update() goes through get_prep_value too: the stored value is encrypted.
    assert pull(connection).upload is not None
    connection.refresh_from_db()
    assert connection.last_error == "" and connection.last_error_at is None


def test_secrets_are_encrypted_at_rest_and_never_shown(
    hubs: Any, httpserver: HTTPServer, world: World
) -> None:
    connection = services.field_data_connection_save(
        hub=hubs[0],
        user=world.user("hub_staff"),
        values={
            "kind": "kobo",
            "server_url": httpserver.url_for("/"),
            "form_id": ASSET,
        },
        secret=TOKEN,
    )
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT secret FROM consultations_fielddataconnection WHERE id = %s", [connection.pk]
        )
        (stored,) = cursor.fetchone()
    assert TOKEN not in stored and stored
    assert FieldDataConnection.objects.get().secret == TOKEN
    assert TOKEN not in str(connection)
    for entry in LogEntry.objects.get_for_object(connection):
        assert TOKEN not in json.dumps(entry.changes) and "secret" not in (entry.changes or {})
    admin = Client()
    admin.force_login(world.user("admin"))
    page = admin.get(f"/admin/consultations/fielddataconnection/{connection.pk}/change/")
    if page.status_code == 200:
        assert TOKEN not in page.content.decode()


def test_central_needs_its_project_and_account(hubs: Any, world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.field_data_connection_save(
            hub=hubs[0],
            user=world.user("hub_staff"),
            values={
                "kind": "odk_central",
                "server_url": "https://central.example.org",
                "form_id": "f",
            },
            secret="x",
        )
    assert set(refused.value.message_dict) == {"project_id", "username"}
    assert not FieldDataConnection.objects.exists()


# Pages ------------------------------------------------------------------------------------


def staff_client(world: World, role: str = "hub_staff") -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_staff_connect_then_replace_the_token_which_is_never_shown(
    hubs: Any, httpserver: HTTPServer, world: World
) -> None:
    own = hubs[0]
    client = staff_client(world)
    url = f"/es/consultations/hubs/{own.slug}/import/connection/"
    assert client.get(url).status_code == 200
    values = {"kind": "kobo", "server_url": httpserver.url_for("/"), "form_id": ASSET}
    refused = client.post(url, values)  # no token yet
    assert refused.status_code == 200 and not FieldDataConnection.objects.exists()
    assert client.post(url, {**values, "secret": TOKEN}).status_code == 302
    page = client.get(url).content.decode()
    assert TOKEN not in page and "Hay un secreto guardado" in page
    assert client.post(url, values).status_code == 302  # left empty: kept
    assert FieldDataConnection.objects.get().secret == TOKEN
    client.post(url, {**values, "secret": "a-new-token"})
    assert FieldDataConnection.objects.get().secret == "a-new-token"
    assert "a-new-token" not in client.get(url).content.decode()
    client.post(url, {"action": "disconnect"})
    assert not FieldDataConnection.objects.exists()


def test_pull_now_from_the_import_page_and_errors_on_the_connection_page(
    hubs: Any, httpserver: HTTPServer, world: World
) -> None:
    own = hubs[0]
    client = staff_client(world)
    connection = kobo_connection(own, httpserver)
    imports = client.get(f"/es/consultations/hubs/{own.slug}/import/").content.decode()
    assert f"/es/consultations/hubs/{own.slug}/import/pull/" in imports
    FakeKobo(httpserver, [kobo_submission(1), kobo_submission(2, channel="pigeon")])
    pulled = client.post(f"/es/consultations/hubs/{own.slug}/import/pull/")
    upload = SubmissionImport.objects.get()
    assert pulled["Location"] == f"/es/consultations/imports/{upload.pk}/"
    detail = client.get(pulled["Location"]).content.decode()
    assert "pigeon" in detail and 'value="import_good_rows"' in detail
    client.post(pulled["Location"], {"action": "import_good_rows"})
    upload.refresh_from_db()
    assert upload.status == "done" and Consultation.objects.count() == 1

    FieldDataConnection.objects.filter(pk=connection.pk).update(secret="wrong")
    failed = client.post(f"/es/consultations/hubs/{own.slug}/import/pull/", follow=True)
    shown = failed.content.decode()
    assert "El servidor rechazó el token" in shown
    assert (
        "rechazó el token"
        in client.get(f"/es/consultations/hubs/{own.slug}/import/connection/").content.decode()
    )


def test_pull_now_without_a_connection_says_so(hubs: Any, world: World) -> None:
    client = staff_client(world)
    answer = client.post(f"/es/consultations/hubs/{hubs[0].slug}/import/pull/")
    assert answer.status_code == 302 and answer["Location"].endswith("/import/connection/")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("hub_staff", True),
        ("other_hub_staff", False),
        ("focal_point", False),
        ("member", False),
        ("reviewer", False),
        ("programme_manager", False),
        ("trainer", False),
        ("mentor", False),
        ("no_role", False),
    ],
)
def test_only_the_hubs_keepers_connect_and_pull(
    hubs: Any, httpserver: HTTPServer, world: World, role: str, allowed: bool
) -> None:
    own = hubs[0]
    FakeKobo(httpserver, [kobo_submission(1)])
    kobo_connection(own, httpserver)
    client = staff_client(world, role)
    page = client.get(f"/es/consultations/hubs/{own.slug}/import/connection/")
    pulled = client.post(f"/es/consultations/hubs/{own.slug}/import/pull/")
    changed = client.post(
        f"/es/consultations/hubs/{own.slug}/import/connection/",
        {"kind": "kobo", "server_url": "https://evil.example.org", "form_id": "x", "secret": "y"},
    )
    if allowed:
        assert page.status_code == 200 and pulled.status_code == 302
        assert Consultation.objects.count() == 1
    else:
        assert page.status_code in (302, 403, 404) and pulled.status_code in (302, 403, 404)
        assert changed.status_code in (302, 403, 404)
        assert not Consultation.objects.exists()
        assert FieldDataConnection.objects.get().server_url != "https://evil.example.org"


def test_anonymous_visitors_are_sent_to_sign_in(hubs: Any) -> None:
    answer = Client().get(f"/es/consultations/hubs/{hubs[0].slug}/import/connection/")
    assert answer.status_code == 302 and "login" in answer["Location"]


# The management command -------------------------------------------------------------------


def test_the_command_enqueues_a_pull_per_connection(hubs: Any, httpserver: HTTPServer) -> None:
    FakeKobo(httpserver, [kobo_submission(1), kobo_submission(2)])
    kobo_connection(hubs[0], httpserver)
    out = StringIO()
    call_command("pull_submissions", stdout=out, stderr=StringIO())
    assert hubs[0].slug in out.getvalue()
    assert Consultation.objects.count() == 2  # the task ran at once under the test settings
    call_command("pull_submissions", stdout=StringIO())
    assert Consultation.objects.count() == 2


def test_the_command_reports_a_servers_problem(hubs: Any, httpserver: HTTPServer) -> None:
    kobo_connection(hubs[0], httpserver, secret="wrong")
    FakeKobo(httpserver, [kobo_submission(1)])
    errors = StringIO()
    call_command("pull_submissions", stdout=StringIO(), stderr=errors)
    assert "rechazó el token" in errors.getvalue()
    waited = StringIO()
    with pytest.raises(CommandError):
        call_command("pull_submissions", "--wait", stdout=StringIO(), stderr=waited)
    assert "rechazó el token" in waited.getvalue()
    assert not Consultation.objects.exists()


def test_next_pages_stay_on_the_server_and_on_tls() -> None:
    base = "https://kobo.example.org"
    assert field_data._next_page(None, base) is None
    assert (
        field_data._next_page("http://kobo.example.org/api/v2/assets/a/data/?start=2", base)
        == "https://kobo.example.org/api/v2/assets/a/data/?start=2"
    )
    with pytest.raises(field_data.PullError):
        field_data._next_page("https://elsewhere.example.org/?start=2", base)


def test_records_are_flattened_to_the_export_columns() -> None:
    flat = field_data.flatten(
        {
            "__system": {"submitterName": "Ana"},
            "_submitted_by": "ana",
            "visit": {"date": "2026-01-01", "inner": {"topics": "health"}},
            "_attachments": [{"filename": "x"}],
            "repeat@odata.navigationLink": "Submissions('x')/repeat",
            "channel": "phone",
        }
    )
    assert flat == {"visit/date": "2026-01-01", "visit/inner/topics": "health", "channel": "phone"}
