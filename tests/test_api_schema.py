"""Property-based API tests: schemathesis generates requests from the OpenAPI schema and checks
that no role ever meets a server error or a response that breaks the schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from migralocal.assessments.models import Stage
from migralocal.assessments.tests.helpers import round_at
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.consultations.tests.helpers import record
from migralocal.core import services
from migralocal.core.tests.world import ROLE_NAMES, World, build_world
from migralocal.directory.models import ReferralPathway
from migralocal.directory.tests.helpers import make_service, world_hubs
from migralocal.learning import services as learning_services
from migralocal.learning.tests.builders import make_course, make_event

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())

# What the API promises: no server error, and every answer (status, content type, body) as the
# schema documents it, with authentication that means what it says. Stricter conformance checks
# (rejecting unknown query parameters, say) are not promises this API makes.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Requests made through WSGI would close the test's database connection when they end (the
    test client switches this off as well); the test's transaction must outlive them."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def course_and_event_with_a_registration(world: World) -> None:
    make_course(world.honduras, "curso", lessons=1)
    learning_services.event_register(
        event=make_event(world.honduras, "taller"),
        name="Ana",
        email="ana@example.org",
        gender="woman",
        role="other",
    )


@pytest.fixture
def tokens(db: None, settings: Any, tmp_path: Path) -> dict[str, str]:
    """A world with a record of each kind the API serves, and a token per role."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the application's letter is an upload
    world = build_world()
    hub, _other = world_hubs(world)
    service = make_service(hub=hub, name={"es": "Orientación laboral", "en": "Work guidance"})
    pathway = ReferralPathway.objects.create(slug="retorno", country=world.honduras)
    pathway.set_current_language("es")
    pathway.title = "Si regresa al país"
    pathway.save()
    pathway.steps.create(position=1).services.set([service])
    CommitmentBuilder(world).verified(title="Plan municipal de acogida")
    course_and_event_with_a_registration(world)
    record(hub, world.user("hub_staff"), referrals=(service,))
    round_at(world, Stage.APPLIED)
    return {role: services.api_token_create(user=world.user(role)).key for role in ROLE_NAMES}


# Responses are gzip-compressed for clients that ask; the schema checks read the JSON as sent to
# a client that does not (compression itself is tested with the page weights).
UNCOMPRESSED = {"Accept-Encoding": "identity"}


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_every_generated_request_within_its_schema_for_every_role(
    case: Any, tokens: dict[str, str]
) -> None:
    case.call_and_validate(headers=UNCOMPRESSED, checks=CHECKS)  # as an anonymous visitor
    for token in tokens_for(case, tokens):
        case.call_and_validate(
            headers={**UNCOMPRESSED, "Authorization": f"Token {token}"}, checks=CHECKS
        )


_examples_seen: dict[str, int] = {}


def tokens_for(case: Any, tokens: dict[str, str]) -> list[str]:
    """Every role on an operation's first example; then one role per example, in turn. What a
    role may see is the access matrix's to check; here each role meets every operation, and
    the generated inputs are spread over the roles instead of repeated for each."""
    label = case.operation.label
    seen = _examples_seen.get(label, 0)
    _examples_seen[label] = seen + 1
    every = list(tokens.values())
    return every if seen == 0 else [every[(seen - 1) % len(every)]]
