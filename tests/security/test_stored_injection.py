"""Script and HTML that people type into any text field stays inert wherever it is shown.

The demo data is loaded (through each module's services), then every text column that users can
write — found from the models, translations included, so a new field is covered without touching
this test — is overwritten with hostile payloads. Pages are then crawled as a visitor and as each
role, exports are downloaded and the API is read, and nothing may come out live.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from openpyxl import load_workbook

from migralocal.core.demo import DEMO_ACCOUNTS
from migralocal.core.tests.snapshots import Snapshots
from tests.security.user_text import overwrite_user_text

pytestmark = pytest.mark.django_db

MARK = "xss-probe"
PAYLOAD = (
    f"<script>alert('{MARK}')</script>"
    f'"><img src=x onerror=alert(1) alt={MARK}>'
    f"<svg onload=alert(1)><title>{MARK}</title></svg>"
    "' autofocus onfocus='alert(1)"
    ' [x](javascript:alert(1)) <a href="javascript:alert(1)">link</a>'
    " {{ 7|add:1 }} {% now 'Y' %}"
)
FORMULA = '=HYPERLINK("http://evil.example/","click")'
SHORT_PAYLOAD = '"><svg onload=alert(1)>'
URL_PAYLOAD = "javascript:alert(1)"
LIVE_MARKUP = (
    "<script>alert(",
    "<img src=x",
    "<svg onload",
    '<a href="javascript:',
)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SKIPPED_PATHS = ("/admin/", "/i18n/", "/accounts/logout", "/static/", "/media/")
MAX_PAGES_PER_ROLE = 60


def _value_for(field: Any, row: int) -> str:
    if isinstance(field, models.URLField):
        return URL_PAYLOAD
    text = FORMULA + " " + PAYLOAD if row % 2 else PAYLOAD + " " + FORMULA
    limit = field.max_length or len(text)
    if limit < len(PAYLOAD):
        return SHORT_PAYLOAD[:limit]
    return text[:limit]


def poison_every_text_field() -> list[str]:
    """Overwrite every user-written text column of every row; return the columns touched."""
    return overwrite_user_text(_value_for, kinds=2)


class LiveMarkupFinder(HTMLParser):
    """Collects what a browser would run: inline scripts, event handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self._in_script = values.get("type") != "application/json" and not values.get("src")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:80]!r}")


def check_html(url: str, text: str) -> list[str]:
    problems = [f"{url}: raw {snippet!r}" for snippet in LIVE_MARKUP if snippet in text]
    finder = LiveMarkupFinder()
    finder.feed(text)
    problems += [f"{url}: {problem}" for problem in finder.problems]
    return problems


def check_export(url: str, response: Any) -> list[str]:
    content_type = response["Content-Type"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells: list[tuple[str, Any]] = []
    if "csv" in content_type:
        reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        cells = [("s", cell) for row in reader for cell in row]
    elif "spreadsheet" in content_type:
        workbook = load_workbook(io.BytesIO(content))
        cells = [
            (cell.data_type, cell.value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
        ]
    return [
        f"{url}: live formula {value!r}"
        for data_type, value in cells
        if data_type == "f" or (isinstance(value, str) and value[:1] in ("=", "+", "@"))
    ]


def crawl(client: Client, starts: list[str]) -> tuple[list[str], set[str]]:
    """Follow the site's own links from `starts`; return the problems and the pages seen."""
    problems: list[str] = []
    queue = deque(starts)
    seen: set[str] = set()
    shapes: set[str] = set()
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        parts = urlsplit(url)
        if url in seen or parts.netloc or parts.path.startswith(SKIPPED_PATHS):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url}: server error {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        if "html" not in content_type:
            problems += check_export(url, response)
            continue
        text = response.content.decode()
        problems += check_html(url, text)
        finder = LiveMarkupFinder()
        finder.feed(text)
        for link in finder.links:
            target = urlsplit(link)
            if target.netloc or not target.path.startswith("/es/"):
                continue
            if target.query and "format=" not in target.query:
                continue  # filters and further pages show the same records
            # One page per shape of URL (the first hub, course, commitment…) keeps this fast,
            # while every kind of page is still reached.
            shape = "/".join(
                "*" if any(c.isdigit() for c in bit) else bit for bit in link.split("/")
            )
            key = f"{shape}?{target.query}" if target.query else shape
            if key not in shapes:
                shapes.add(key)
                queue.append(link.split("#")[0])
    return problems, seen


@pytest.fixture(scope="module")
def poisoned(snapshots: Snapshots, django_db_blocker: Any) -> Iterator[list[str]]:
    """The demo data, poisoned, inside one transaction rolled back after this module's tests
    (each test's own transaction nests inside it), so later tests see a clean database."""
    with django_db_blocker.unblock(), snapshots.rolled_back("demo"):
        yield poison_every_text_field()


def test_every_kind_of_text_field_was_poisoned(poisoned: list[str]) -> None:
    for expected in (
        "core.OrganisationTranslation.description",
        "directory.HubTranslation.name",
        "directory.ServiceTranslation.description",
        "commitments.CommitmentTranslation.description",
        "learning.LessonTranslation.body",
        "assessments.Answer.text",
        "assessments.Evidence.url",
        "assessments.Action.title",
        "learning.MentoringSession.notes",
        "directory.ReferralPathwayTranslation.summary",
        "consultations.Consultation.needs",
        "commitments.Commitment.links",
    ):
        assert any(column.startswith(expected) for column in poisoned), expected


# Roles whose pages differ most; the others see subsets of these (the access matrix covers them).
CRAWLED_ROLES = {"admin", "hub.staff", "focal.point", "member", "mentor"}


@pytest.mark.parametrize(
    "email",
    [
        None,
        *(
            account.email
            for account in DEMO_ACCOUNTS
            if account.email.split("@")[0] in CRAWLED_ROLES
        ),
    ],
)
def test_pages_and_exports_show_hostile_text_inert(poisoned: list[str], email: str | None) -> None:
    client = Client()
    if email is not None:
        client.force_login(get_user_model().objects.get(email=email))
    starts = ["/es/", "/es/me/", "/es/directory/", "/es/commitments/", "/es/learning/"]
    problems, seen = crawl(client, starts)
    assert len(seen) > 10, seen
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_the_api_answers_json_and_browsable_pages_are_inert(poisoned: list[str]) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(email=DEMO_ACCOUNTS[0].email))
    from migralocal.api_urls import router

    problems = []
    for prefix, _viewset, _basename in router.registry:
        path = f"/api/v1/{prefix}/"
        response = client.get(path, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, path
        assert "html" not in response["Content-Type"], path  # JSON (or a ZIP download)
        assert response["X-Content-Type-Options"] == "nosniff"
        browsable = client.get(path, HTTP_ACCEPT="text/html")
        if "html" in browsable.get("Content-Type", ""):
            problems += check_html(path, browsable.content.decode())
    assert not problems, "\n".join(problems[:40])
