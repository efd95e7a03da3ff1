"""Discussions on pages: every role allowed or refused on every address, a thread with a reply
and a moderation, hostile text shown inert and refused with translated errors, files checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World
from migralocal.learning import discussion_services as services
from migralocal.learning.models import DiscussionPost, DiscussionSettings, Event
from migralocal.learning.tests.builders import make_event
from migralocal.learning.tests.test_discussions import PDF, make_space
from tests.security.test_stored_injection import PAYLOAD, check_html

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "member",
    "reviewer",
    "trainer",
    "mentor",
    "programme_manager",
    "no_role",
)
READERS = set(ROLES) - {"anonymous", "no_role"}
STAFF_READERS = {"admin", "hub_staff", "other_hub_staff", "reviewer"}
MODERATORS = {"admin", "reviewer"}
PROPOSERS = {"admin", "hub_staff", "other_hub_staff", "focal_point", "member", "trainer"}


def client_for(user: Any) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def person(world: World, role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else world.user(role)


@pytest.fixture
def records(world: World) -> dict[str, Any]:
    """A community space for Honduras with the member's thread and the trainer's reply with a
    file, a hub staff space, and a topic for a virtual meeting in Mexico."""
    space = make_space("comunidad-honduras", country=world.honduras)
    staff_space = make_space("ventanillas", country=world.honduras, audience="hub_staff")
    thread = services.discussion_thread_start(
        space=space, author=world.user("member"), title="Turnos", body="¿Quién abre el sábado?"
    )
    reply = services.discussion_reply(
        thread=thread,
        author=world.user("trainer"),
        body="Programa adjunto.",
        attachments=[SimpleUploadedFile("programa.pdf", PDF)],
    )
    meeting = make_event(world.mexico, "encuentro", kind=Event.Kind.VIRTUAL_MEETING)
    topic = services.meeting_topic_propose(
        event=meeting, user=world.user("member"), title="Financiamiento"
    )
    return {
        "space": space,
        "staff_space": staff_space,
        "thread": thread,
        "post": thread.posts.order_by("pk").first(),
        "reply": reply,
        "attachment": reply.attachments.get(),
        "meeting": meeting,
        "topic": topic,
    }


def test_every_address_lets_in_the_roles_it_names_and_refuses_the_others(
    world: World, records: dict[str, Any]
) -> None:
    thread, post = records["thread"], records["post"]
    addresses: list[tuple[str, str, set[str]]] = [
        ("GET", reverse("learning:discussions"), READERS),
        ("POST", reverse("learning:discussion_emails"), READERS | {"no_role"}),
        ("GET", reverse("learning:discussion_queue"), MODERATORS),
        ("GET", records["space"].get_absolute_url(), READERS),
        ("GET", records["staff_space"].get_absolute_url(), STAFF_READERS),
        ("GET", thread.get_absolute_url(), READERS),
        ("POST", reverse("learning:discussion_thread_lock", args=[thread.pk]), MODERATORS),
        ("GET", reverse("learning:discussion_post_report", args=[post.pk]), READERS - {"member"}),
        ("POST", reverse("learning:discussion_post_moderate", args=[post.pk]), MODERATORS),
        ("GET", records["attachment"].get_absolute_url(), READERS),
        ("GET", reverse("learning:meeting_topics", args=["encuentro"]), PROPOSERS),
        ("POST", reverse("learning:meeting_topic_vote", args=[records["topic"].pk]), PROPOSERS),
        (
            "GET",
            reverse("learning:meeting_topic_ranking", args=["encuentro"]),
            {"admin", "trainer"},
        ),
    ]
    wrong = []
    for role in ROLES:
        client = client_for(person(world, role))
        for method, url, allowed in addresses:
            response = client.get(url) if method == "GET" else client.post(url, {})
            code = response.status_code
            if role in allowed:
                ok = code in (200, 302) and "/accounts/" not in response.get("Location", "")
            elif role == "anonymous":
                ok = code == 302 and "login" in response["Location"]
            else:
                ok = code in (403, 404)
            if not ok:
                wrong.append((role, method, url, code))
    assert wrong == []


def test_a_thread_with_a_reply_a_report_and_a_moderators_decision_on_pages(
    world: World, records: dict[str, Any]
) -> None:
    member, trainer, reviewer = (
        client_for(world.user(name)) for name in ("member", "trainer", "reviewer")
    )
    response = member.post(
        records["space"].get_absolute_url(),
        {"title": "Becas", "body": "¿Conocen **becas** para _migrantes_?"},
    )
    assert response.status_code == 302
    thread_url = response["Location"]
    response = trainer.post(thread_url, {"body": "Sí, escriba a @member@example.org."})
    assert response.status_code == 302
    reply = DiscussionPost.objects.get(body__startswith="Sí, escriba")
    page = member.get(thread_url).content.decode()
    assert "<strong>becas</strong>" in page and "Sí, escriba" in page
    report_url = reverse("learning:discussion_post_report", args=[reply.pk])
    assert member.post(report_url, {"reason": "Datos personales"}).status_code == 302
    queue = reviewer.get(reverse("learning:discussion_queue")).content.decode()
    assert "Datos personales" not in queue and "Becas" in queue
    moderate = reverse("learning:discussion_post_moderate", args=[reply.pk])
    assert reviewer.post(moderate, {"action": "hide", "next": "queue"}).status_code == 302
    page = member.get(thread_url).content.decode()
    assert "Sí, escriba" not in page and "ocultado por una persona moderadora" in page
    assert "Sí, escriba" in reviewer.get(thread_url).content.decode()
    lock = reverse("learning:discussion_thread_lock", args=[reply.thread_id])
    reviewer.post(lock, {"action": "lock"})
    assert member.post(thread_url, {"body": "¿Y ahora?"}).status_code == 403


def test_hostile_text_is_shown_inert_on_every_page(world: World, records: dict[str, Any]) -> None:
    thread = services.discussion_thread_start(
        space=records["space"], author=world.user("member"), title=PAYLOAD[:200], body=PAYLOAD
    )
    post = thread.posts.get()
    services.discussion_post_report(post=post, user=world.user("trainer"), reason=PAYLOAD)
    services.meeting_topic_propose(
        event=records["meeting"], user=world.user("member"), title=PAYLOAD[:200], details=PAYLOAD
    )
    pages = [
        ("member", records["space"].get_absolute_url()),
        ("member", thread.get_absolute_url()),
        ("reviewer", thread.get_absolute_url()),
        ("reviewer", reverse("learning:discussion_queue")),
        ("trainer", reverse("learning:discussion_post_report", args=[post.pk])),
        ("member", reverse("learning:meeting_topics", args=["encuentro"])),
        ("trainer", reverse("learning:meeting_topic_ranking", args=["encuentro"])),
    ]
    for role, url in pages:
        response = client_for(world.user(role)).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "xss-probe" in text, url
        assert not check_html(url, text), (url, check_html(url, text))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "T", "body": "a" * 10_000}, "body", "5000 caracteres"),
        ({"title": "T\x00", "body": "Hola"}, "title", "No se permiten caracteres nulos"),
        ({"title": "T", "body": "Hola\x00"}, "body", "No se permiten caracteres nulos"),
        ({"title": "", "body": "Hola"}, "title", "obligatorio"),
    ],
)
def test_hostile_or_missing_text_gets_a_translated_error_beside_the_field(
    world: World, records: dict[str, Any], fields: dict[str, str], field: str, message: str
) -> None:
    response = client_for(world.user("member")).post(records["space"].get_absolute_url(), fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("informe.pdf", b"MZ\x90\x00" + b"\x00" * 64, "no corresponde"),
        ("programa.exe", b"MZ\x90\x00", "No se aceptan"),
    ],
)
def test_a_wrong_file_is_refused_with_a_translated_error(
    world: World, records: dict[str, Any], name: str, content: bytes, message: str
) -> None:
    response = client_for(world.user("member")).post(
        records["thread"].get_absolute_url(),
        {"body": "Adjunto", "attachments": [SimpleUploadedFile(name, content)]},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["attachments"])


def test_a_hidden_posts_file_is_refused_to_readers(world: World, records: dict[str, Any]) -> None:
    url = records["attachment"].get_absolute_url()
    assert client_for(world.user("member")).get(url)["Content-Disposition"].startswith("attachment")
    services.discussion_post_hide(post=records["reply"], moderator=world.user("reviewer"))
    assert client_for(world.user("member")).get(url).status_code == 404
    assert client_for(world.user("reviewer")).get(url).status_code == 200


def test_the_email_choice_and_the_topic_votes_on_pages(
    world: World, records: dict[str, Any]
) -> None:
    member = client_for(world.user("member"))
    member.post(reverse("learning:discussion_emails"), {"frequency": "daily"})
    assert DiscussionSettings.objects.get(user=world.user("member")).frequency == "daily"
    vote = reverse("learning:meeting_topic_vote", args=[records["topic"].pk])
    member.post(vote, {"vote": "yes"})
    member.post(vote, {"vote": "yes"})
    client_for(world.user("hub_staff")).post(vote, {"vote": "yes"})
    ranking = client_for(world.user("trainer")).get(
        reverse("learning:meeting_topic_ranking", args=["encuentro"])
    )
    topics = [(vars(t)["title"], vars(t)["vote_count"]) for t in ranking.context["topics"]]
    assert topics == [("Financiamiento", 2)]
    member.post(vote, {"vote": "no"})
    assert records["topic"].votes.count() == 1
