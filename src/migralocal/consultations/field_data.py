"""Submissions of the consultation form read from KoboToolbox or ODK Central over their APIs.

Only what came after the connection's last submission time is asked for:

- KoboToolbox (API v2): `GET /api/v2/assets/{uid}/data/?format=json&query=…` with
  `{"_submission_time": {"$gt": …}}` and the header `Authorization: Token …`; pages are
  followed through `next`.
- ODK Central (OData): `GET /v1/projects/{id}/forms/{xmlFormId}.svc/Submissions` with
  `$filter=__system/submissionDate gt …` and `$top`, following `@odata.nextLink` (or `$skip`).
  Central lets web users (an e-mail and a password) read submissions with HTTP Basic; App Users
  may only send submissions, and session tokens last 24 hours, so neither suits a schedule.

Each record comes back flattened to the column names of an export (`group/field`, `meta/instanceID`)
so that it goes through the upload's reading and validation (submissions.py) unchanged. Nothing
here writes to the database; every failure is a `PullError` whose message is translated where it
is shown. Secrets travel only in the Authorization header and appear in no message.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from migralocal.consultations import conf
from migralocal.consultations.models import FieldDataConnection
from migralocal.core import json_limits

PAGE_SIZE = 1000
Problem = FieldDataConnection.Problem
# A submission time as either server writes it; anything else is not put into a query.
SUBMISSION_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$"
)
# Fields of the servers' own that say who collected or reviewed: not needed, not kept.
DROPPED_FIELDS = frozenset({"__system", "_submitted_by", "_validation_status"})


class PullError(Exception):
    def __init__(self, problem: str, status: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.status = status


@dataclass(frozen=True)
class Pulled:
    records: list[dict[str, Any]]
    newest: str  # the newest submission time among them, as the server wrote it ("" if none)


def problem_message(connection: FieldDataConnection) -> str:
    """What went wrong at the last pull, in the reader's language, with what to check."""
    problem, status = connection.last_error, connection.last_error_status
    if problem == Problem.CREDENTIALS:
        if connection.kind == FieldDataConnection.Kind.KOBO:
            return _(
                "The server refused the API token (HTTP %(status)s): check the token and that "
                "its account may view the form's submissions."
            ) % {"status": status}
        return _(
            "The server refused the e-mail and password (HTTP %(status)s): check them and that "
            "the account may view the project's submissions."
        ) % {"status": status}
    messages: dict[str, str] = {
        Problem.UNREACHABLE: _(
            "The server could not be reached or did not answer in time: check the address, "
            "or try again later."
        ),
        Problem.NOT_FOUND: _(
            "The server has no such form (HTTP 404): check the form id and, for ODK Central, "
            "the project id."
        ),
        Problem.SERVER: _("The server answered with an error (HTTP %(status)s).")
        % {"status": status},
        Problem.MALFORMED: _("The server's answer is not the JSON its API documents."),
        Problem.TOO_LARGE: _(
            "The server sent more than %(limit)s MB at once; nothing was imported."
        )
        % {"limit": conf.pull_max_bytes() // (1024 * 1024)},
        Problem.INSECURE: _("The server address must start with https://."),
    }
    return messages.get(problem, "")


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would carry the Authorization header to wherever it points: it is an error."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


class _Budget:
    """The bytes one pull may still read, over all its pages."""

    def __init__(self, limit: int) -> None:
        self.remaining = limit

    def take(self, size: int) -> None:
        self.remaining -= size
        if self.remaining < 0:
            raise PullError(Problem.TOO_LARGE)


@sensitive_variables("headers", "request")
def _get_json(url: str, headers: dict[str, str], budget: _Budget) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})  # noqa: S310  (checked: http or https only)
    try:
        with _opener.open(request, timeout=conf.pull_timeout_seconds()) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > budget.remaining:
                raise PullError(Problem.TOO_LARGE)
            body = response.read(budget.remaining + 1)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code in (401, 403):
            raise PullError(Problem.CREDENTIALS, error.code) from None
        if error.code == 404:
            raise PullError(Problem.NOT_FOUND, error.code) from None
        raise PullError(Problem.SERVER, error.code) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        raise PullError(Problem.UNREACHABLE) from None
    budget.take(len(body))
    try:
        return json_limits.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise PullError(Problem.MALFORMED) from None


def _checked_base(connection: FieldDataConnection) -> str:
    parts = urlsplit(connection.server_url)
    allowed = {"https", "http"} if conf.pull_allows_http() else {"https"}
    if parts.scheme not in allowed or not parts.netloc:
        raise PullError(Problem.INSECURE)
    return connection.server_url.rstrip("/")


def _next_page(link: Any, base: str) -> str | None:
    """The next page's address, on the same server only (it receives the credentials)."""
    if not link:
        return None
    if not isinstance(link, str):
        raise PullError(Problem.MALFORMED)
    wanted, given = urlsplit(base), urlsplit(link)
    if given.netloc != wanted.netloc or given.scheme not in ("http", "https"):
        raise PullError(Problem.MALFORMED)
    # A server behind a proxy may write its own links as http://: never leave TLS for them.
    return given._replace(scheme=wanted.scheme).geturl()


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """`{"group": {"field": 1}}` → `{"group/field": 1}`, as exports name columns. Lists
    (repeats, attachments, geolocation) hold nothing the consultation form asks."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if "@odata" in key or (not prefix and key in DROPPED_FIELDS):
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}/"))
        elif not isinstance(value, list):
            flat[name] = value
    return flat


def _submission_time(value: Any) -> str:
    if not isinstance(value, str) or not SUBMISSION_TIME.match(value):
        raise PullError(Problem.MALFORMED)
    return value


@sensitive_variables("headers")
def _kobo(connection: FieldDataConnection, base: str, budget: _Budget) -> Pulled:
    params: dict[str, Any] = {"format": "json", "limit": PAGE_SIZE}
    if connection.last_submission_time:
        since = _submission_time(connection.last_submission_time)
        params["query"] = json.dumps({"_submission_time": {"$gt": since}})
    url: str | None = (
        f"{base}/api/v2/assets/{quote(connection.form_id, safe='')}/data/?{urlencode(params)}"
    )
    headers = {"Authorization": f"Token {connection.secret}"}
    records: list[dict[str, Any]] = []
    newest = ""
    while url:
        page = _get_json(url, headers, budget)
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise PullError(Problem.MALFORMED)
        for item in page["results"]:
            if not isinstance(item, dict):
                raise PullError(Problem.MALFORMED)
            newest = max(newest, _submission_time(item.get("_submission_time")))
            records.append(flatten(item))
        url = _next_page(page.get("next"), base)
    return Pulled(records, newest)


@sensitive_variables("headers", "credentials")
def _central(connection: FieldDataConnection, base: str, budget: _Budget) -> Pulled:
    address = (
        f"{base}/v1/projects/{connection.project_id or 0}"
        f"/forms/{quote(connection.form_id, safe='')}.svc/Submissions"
    )
    params: dict[str, Any] = {"$top": PAGE_SIZE}
    if connection.last_submission_time:
        since = _submission_time(connection.last_submission_time)
        params["$filter"] = f"__system/submissionDate gt {since}"
    credentials = f"{connection.username}:{connection.secret}".encode()
    headers = {"Authorization": "Basic " + base64.b64encode(credentials).decode("ascii")}
    url: str | None = f"{address}?{urlencode(params)}"
    skip = 0
    records: list[dict[str, Any]] = []
    newest = ""
    while url:
        page = _get_json(url, headers, budget)
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise PullError(Problem.MALFORMED)
        for item in page["value"]:
            system = item.get("__system") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(system, dict):
                raise PullError(Problem.MALFORMED)
            newest = max(newest, _submission_time(system.get("submissionDate")))
            flat = flatten(item)
            # Central names the instance `__id` and keeps `meta.instanceID` only if the form has it.
            if not flat.get("meta/instanceID") and isinstance(item.get("__id"), str):
                flat["meta/instanceID"] = item["__id"]
            flat.pop("__id", None)
            records.append(flat)
        url = _next_page(page.get("@odata.nextLink"), base)
        if url is None and len(page["value"]) == PAGE_SIZE:
            # Older servers page with $skip alone.
            skip += PAGE_SIZE
            url = f"{address}?{urlencode({**params, '$skip': skip})}"
    return Pulled(records, newest)


def pull_new(connection: FieldDataConnection) -> Pulled:
    """Every submission the server received after the connection's last submission time."""
    base = _checked_base(connection)
    budget = _Budget(conf.pull_max_bytes())
    if connection.kind == FieldDataConnection.Kind.KOBO:
        return _kobo(connection, base, budget)
    return _central(connection, base, budget)
