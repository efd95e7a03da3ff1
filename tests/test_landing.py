"""Every role lands on its next step, and is shown only links it may open."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from migralocal.core.tests.world import ROLE_NAMES, World
from tests.field_world import Field, build_field

pytestmark = pytest.mark.django_db

HOME = "/es/"
LANDING = "/es/me/"
# Links that are not pages to open: static files, the sign-out form's target, in-page anchors.
NOT_PAGES = ("/static/", "/media/", "#")


@pytest.fixture
def field(world: World) -> Field:
    return build_field(world)


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def links_on(html: str) -> set[str]:
    """The addresses of the site that a page links to."""
    found = {unescape(href) for href in re.findall(r'<a [^>]*href="([^"]+)"', html)}
    return {href for href in found if href.startswith("/") and not href.startswith(NOT_PAGES)}


def test_sign_in_leads_to_the_persons_page() -> None:
    from django.conf import settings

    with translation.override("es"):
        assert reverse(settings.LOGIN_REDIRECT_URL) == LANDING


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_every_link_on_home_and_the_persons_page_opens_for_the_role(
    world: World, field: Field, role: str
) -> None:
    client = client_for(world, role)
    refused = {}
    for page in (HOME, LANDING):
        response = client.get(page)
        assert response.status_code == 200, (role, page)
        for link in sorted(links_on(response.content.decode())):
            answer = client.get(link)
            if answer.status_code != 200:
                refused[link] = answer.status_code
    assert refused == {}, role


def test_home_sends_no_role_to_the_consultation_log(world: World, field: Field) -> None:
    for role in ("focal_point", "member", "reviewer", "trainer", "mentor", "programme_manager"):
        html = client_for(world, role).get(HOME).content.decode()
        assert "/es/consultations/" not in links_on(html), role
    html = client_for(world, "hub_staff").get(HOME).content.decode()
    assert "/es/consultations/" in links_on(html)


def test_the_focal_point_sees_the_round_its_stage_what_is_missing_and_where_to_continue(
    world: World, field: Field
) -> None:
    page = client_for(world, "focal_point").get(LANDING)
    steps = page.context["next_steps"]
    step = next(one for one in steps if "Municipalidad de El Progreso" in one.title)
    texts = [detail.text for detail in step.details]
    assert texts[0] == "Etapa: Autoevaluación"
    sections = [detail for detail in step.details[1:] if detail.url]
    assert sections, texts
    # q1 is answered but lacks the evidence it requires; the rest are unanswered.
    assert any("1 sin la evidencia que exige" in text for text in texts), texts
    first_section = field.own_round.framework.dimensions.first()
    assert first_section is not None
    assert step.url == reverse("assessments:section", args=[field.own_round.pk, first_section.code])
    assert step.link_label == "Continuar"


def test_hub_staff_see_the_follow_ups_due(world: World, field: Field) -> None:
    page = client_for(world, "hub_staff").get(LANDING)
    step = next(one for one in page.context["next_steps"] if field.hub.slug in one.url)
    texts = [detail.text for detail in step.details]
    assert "1 seguimiento vencido" in texts
    assert "1 seguimiento previsto en los próximos 7 días" in texts
    assert step.url == reverse("consultations:follow_ups", args=[field.hub.slug])


def test_the_reviewer_sees_the_queue(world: World, field: Field) -> None:
    page = client_for(world, "reviewer").get(LANDING)
    step = next(one for one in page.context["next_steps"] if one.order == 20)
    assert "1" in step.title
    assert step.url == reverse("assessments:assessment_detail", args=[field.waiting_round.pk])
    assert "Municipalidad de San Pedro Sula" in step.details[0].text


def test_the_trainer_sees_the_next_event(world: World, field: Field) -> None:
    page = client_for(world, "trainer").get(LANDING)
    step = next(one for one in page.context["next_steps"] if one.order == 30)
    assert "Taller de gobernanza local" in step.title
    assert step.url == field.event.get_absolute_url()


def test_programme_managers_are_sent_to_their_dashboards(world: World, field: Field) -> None:
    page = client_for(world, "programme_manager").get(LANDING)
    step = next(one for one in page.context["next_steps"] if one.order == 40)
    assert step.url == reverse("reports:dashboard")
    urls = {detail.url for detail in step.details}
    assert reverse("consultations:area_dashboard") in urls


def test_the_focal_point_is_sent_to_the_municipalitys_figures(world: World, field: Field) -> None:
    page = client_for(world, "focal_point").get(LANDING)
    step = next(one for one in page.context["next_steps"] if one.order == 50)
    assert step.url == reverse("reports:dashboard")
