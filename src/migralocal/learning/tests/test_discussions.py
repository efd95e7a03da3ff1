"""Discussions: who reads and writes which space, replies and mentions told by e-mail (at once,
in the daily digest, or never), readers' reports and moderators' decisions, checked attachments,
and the topics members propose and vote for before a virtual meeting."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from migralocal.core.tests.factories import UserFactory
from migralocal.core.tests.world import World
from migralocal.learning import discussion_selectors as selectors
from migralocal.learning import discussion_services as services
from migralocal.learning.models import (
    DiscussionNotice,
    DiscussionSpace,
    Event,
    MeetingTopic,
)
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 64
EXECUTABLE = b"MZ\x90\x00\x03" + b"\x00" * 64
SIGNED_IN_ROLES = (
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


def make_space(
    slug: str = "comunidad-honduras", *, country: Any = None, audience: str = "community"
) -> DiscussionSpace:
    space = DiscussionSpace.objects.create(slug=slug, audience=audience, country=country)
    space.set_current_language("es")
    space.name = f"Espacio {slug}"
    space.save()
    return space


@pytest.fixture
def space(world: World) -> DiscussionSpace:
    """A community space for Honduras, which the world's reviewer moderates."""
    return make_space(country=world.honduras)


@pytest.fixture
def staff_space(world: World) -> DiscussionSpace:
    return make_space("ventanillas", country=world.honduras, audience="hub_staff")


def start(space: DiscussionSpace, author: Any, body: str = "¿Cómo organizan los turnos?") -> Any:
    return services.discussion_thread_start(space=space, author=author, title="Turnos", body=body)


# ---------------------------------------------------------------- who reads and writes


COMMUNITY_READERS = {
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "member",
    "reviewer",
    "trainer",
    "mentor",
    "programme_manager",
}
STAFF_READERS = {"admin", "hub_staff", "other_hub_staff", "reviewer"}


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_a_space_is_read_by_its_audience_and_moderators_only(
    world: World, space: DiscussionSpace, staff_space: DiscussionSpace, role: str
) -> None:
    user = world.user(role)
    assert user.has_perm("learning.view_discussion_space", space) == (role in COMMUNITY_READERS)
    assert user.has_perm("learning.view_discussion_space", staff_space) == (role in STAFF_READERS)
    assert [s.slug for s in selectors.spaces_visible_to(user)] == [
        s.slug for s in (space, staff_space) if user.has_perm("learning.view_discussion_space", s)
    ]


def test_visitors_read_no_space(space: DiscussionSpace) -> None:
    assert not AnonymousUser().has_perm("learning.view_discussion_space", space)
    assert not AnonymousUser().has_perm("learning.browse_discussions")


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_reviewers_of_the_spaces_country_and_admins_moderate(
    world: World, space: DiscussionSpace, role: str
) -> None:
    thread = start(space, world.user("member"))
    assert world.user(role).has_perm("learning.moderate_discussion", thread) == (
        role in {"admin", "reviewer"}
    )
    assert world.user(role).has_perm("learning.view_discussion_queue") == (
        role in {"admin", "reviewer"}
    )


def test_a_space_about_a_topic_is_moderated_by_any_reviewer(world: World) -> None:
    topic_space = make_space("retorno")
    assert world.user("reviewer").has_perm("learning.moderate_discussion", topic_space)
    assert not world.user("trainer").has_perm("learning.moderate_discussion", topic_space)


def test_someone_outside_the_audience_cannot_start_a_thread(
    world: World, staff_space: DiscussionSpace
) -> None:
    with pytest.raises(PermissionDenied):
        start(staff_space, world.user("member"))
    assert start(staff_space, world.user("hub_staff")).posts.count() == 1


# ---------------------------------------------------------------- threads, replies, mentions


def test_a_reply_tells_the_threads_participants_and_the_people_mentioned(
    world: World, space: DiscussionSpace, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start(space, world.user("member"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post = services.discussion_reply(
            thread=thread,
            author=world.user("trainer"),
            body="Gracias. @hub_staff@example.org y @no_role@example.org, ¿qué opinan?",
        )
    assert set(post.mentions.all()) == {world.user("hub_staff")}  # no_role may not read it
    notices = dict(DiscussionNotice.objects.values_list("user__email", "reason"))
    assert notices == {"member@example.org": "reply", "hub_staff@example.org": "mention"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hub_staff@example.org",
        "member@example.org",
    ]
    assert all(f"#post-{post.pk}" in message.body for message in mail.outbox)


def test_the_daily_digest_gathers_notices_once_and_never_means_never(
    world: World, space: DiscussionSpace
) -> None:
    member, hub_staff = world.user("member"), world.user("hub_staff")
    services.discussion_settings_update(user=member, frequency="daily")
    services.discussion_settings_update(user=hub_staff, frequency="never")
    thread = start(space, member)
    services.discussion_reply(thread=thread, author=hub_staff, body="Abrimos los sábados.")
    mail.outbox.clear()
    services.discussion_reply(
        thread=thread, author=world.user("trainer"), body="Y @hub_staff@example.org también."
    )
    assert mail.outbox == []
    assert not DiscussionNotice.objects.filter(user=hub_staff).exists()
    call_command("send_discussion_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    assert "Abrimos los sábados" in mail.outbox[0].body
    call_command("send_discussion_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_an_unknown_email_choice_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        services.discussion_settings_update(user=world.user("member"), frequency="hourly")
    assert selectors.email_frequency_of(world.user("member")) == "immediately"


# ---------------------------------------------------------------- moderation


def test_a_reader_reports_and_a_moderator_hides_then_shows_again(
    world: World, space: DiscussionSpace
) -> None:
    thread = start(space, world.user("member"))
    post = thread.posts.get()
    with pytest.raises(PermissionDenied):  # not one's own post
        services.discussion_post_report(post=post, user=world.user("member"), reason="x")
    services.discussion_post_report(post=post, user=world.user("trainer"), reason="Ofensivo")
    with pytest.raises(ValidationError):
        services.discussion_post_report(post=post, user=world.user("trainer"), reason="Otra vez")
    assert list(selectors.moderation_queue_for(world.user("reviewer"))) == [post]
    other_reviewer = UserFactory.create(email="other_reviewer@example.org")
    from migralocal.core.roles import ProgrammeRole
    from migralocal.core.services import programme_role_grant

    programme_role_grant(
        user=other_reviewer, role=ProgrammeRole.REVIEWER, countries=[world.el_salvador]
    )
    assert not selectors.moderation_queue_for(other_reviewer).exists()
    with pytest.raises(PermissionDenied):
        services.discussion_post_hide(post=post, moderator=other_reviewer)
    services.discussion_post_hide(post=post, moderator=world.user("reviewer"))
    post.refresh_from_db()
    assert post.is_hidden and not post.reports.filter(resolved_at__isnull=True).exists()
    services.discussion_post_unhide(post=post, moderator=world.user("reviewer"))
    post.refresh_from_db()
    assert not post.is_hidden
    assert not selectors.moderation_queue_for(world.user("reviewer")).exists()


def test_a_locked_thread_takes_replies_from_moderators_only(
    world: World, space: DiscussionSpace
) -> None:
    thread = start(space, world.user("member"))
    with pytest.raises(PermissionDenied):
        services.discussion_thread_lock(thread=thread, moderator=world.user("member"), locked=True)
    services.discussion_thread_lock(thread=thread, moderator=world.user("reviewer"), locked=True)
    with pytest.raises(PermissionDenied):
        services.discussion_reply(thread=thread, author=world.user("member"), body="¿Y?")
    services.discussion_reply(thread=thread, author=world.user("reviewer"), body="Cerrado.")
    services.discussion_thread_lock(thread=thread, moderator=world.user("reviewer"), locked=False)
    services.discussion_reply(thread=thread, author=world.user("member"), body="Gracias.")


# ---------------------------------------------------------------- hostile text and files


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "obligatorio"),
        ("   ", "obligatorio"),
        ("a" * 10_000, "como máximo 5000 caracteres"),
        ("hola\x00mundo", "caracteres nulos"),
    ],
)
def test_a_message_that_is_empty_overlong_or_binary_is_refused_clearly_in_spanish(
    world: World, space: DiscussionSpace, body: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        start(space, world.user("member"), body=body)
    assert message in " ".join(refused.value.message_dict["body"])


def test_a_title_with_null_bytes_or_too_long_is_refused(
    world: World, space: DiscussionSpace
) -> None:
    for title in ("a" * 201, "x\x00y"):
        with pytest.raises(ValidationError) as refused:
            services.discussion_thread_start(
                space=space, author=world.user("member"), title=title, body="Hola"
            )
        assert "title" in refused.value.message_dict


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("informe.pdf", EXECUTABLE, "no corresponde"),
        ("programa.exe", EXECUTABLE, "No se aceptan"),
        ("foto.png", b"\x89PNG\r\n\x1a\n not an image", "no corresponde"),
        ("grande.pdf", b"%PDF-1.7" + b"0" * (6 * 1024 * 1024), "más de 5 MB"),
    ],
)
def test_attachments_are_checked_by_size_type_and_content(
    world: World, space: DiscussionSpace, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.discussion_thread_start(
            space=space,
            author=world.user("member"),
            title="Adjunto",
            body="Ver adjunto.",
            attachments=[SimpleUploadedFile(name, content)],
        )
    assert message in " ".join(refused.value.message_dict["attachments"])


def test_at_most_three_attachments_and_a_good_one_is_kept(
    world: World, space: DiscussionSpace
) -> None:
    files = [SimpleUploadedFile(f"acta{n}.pdf", PDF) for n in range(4)]
    with pytest.raises(ValidationError):
        services.discussion_thread_start(
            space=space, author=world.user("member"), title="T", body="B", attachments=files
        )
    thread = services.discussion_thread_start(
        space=space, author=world.user("member"), title="T", body="B", attachments=files[:1]
    )
    assert [a.filename for a in thread.posts.get().attachments.all()] == ["acta0.pdf"]


# ---------------------------------------------------------------- topics for a meeting


@pytest.fixture
def meeting(world: World) -> Event:
    return make_event(world.mexico, "encuentro", kind=Event.Kind.VIRTUAL_MEETING)


def test_members_propose_and_vote_once_and_may_withdraw(world: World, meeting: Event) -> None:
    member, trainer = world.user("member"), world.user("trainer")
    first = services.meeting_topic_propose(event=meeting, user=member, title="Financiamiento")
    second = services.meeting_topic_propose(event=meeting, user=member, title="Datos")
    for _ in range(2):
        services.meeting_topic_vote(topic=second, user=member, vote=True)
    services.meeting_topic_vote(topic=second, user=trainer, vote=True)
    services.meeting_topic_vote(topic=first, user=member, vote=True)
    ranking = [vars(topic) for topic in selectors.topics_of(meeting, member)]
    assert [(row["title"], row["vote_count"], row["voted"]) for row in ranking] == [
        ("Datos", 2, True),
        ("Financiamiento", 1, True),
    ]
    services.meeting_topic_vote(topic=second, user=member, vote=False)
    assert [vars(topic)["vote_count"] for topic in selectors.topics_of(meeting, member)] == [1, 1]


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_who_proposes_topics_and_who_reads_the_ranking(
    world: World, meeting: Event, role: str
) -> None:
    user = world.user(role)
    assert user.has_perm("learning.propose_meeting_topic", meeting) == (
        role in {"admin", "hub_staff", "other_hub_staff", "focal_point", "member", "trainer"}
    )
    assert user.has_perm("learning.view_meeting_topic_ranking", meeting) == (
        role in {"admin", "trainer"}
    )


def test_topics_only_for_a_virtual_meeting_that_has_not_started(world: World) -> None:
    workshop = make_event(world.mexico, "taller")
    with pytest.raises(PermissionDenied):
        services.meeting_topic_propose(event=workshop, user=world.user("member"), title="X")
    past = make_event(
        world.mexico,
        "pasado",
        kind=Event.Kind.VIRTUAL_MEETING,
        starts_at=workshop.starts_at.replace(year=workshop.starts_at.year - 2),
    )
    with pytest.raises(ValidationError):
        services.meeting_topic_propose(event=past, user=world.user("member"), title="X")
    topic = MeetingTopic.objects.create(event=past, title="Antes")
    with pytest.raises(ValidationError):
        services.meeting_topic_vote(topic=topic, user=world.user("member"), vote=True)


def test_a_topic_with_hostile_text_is_refused_clearly(world: World, meeting: Event) -> None:
    with pytest.raises(ValidationError) as refused:
        services.meeting_topic_propose(
            event=meeting, user=world.user("member"), title="a\x00", details="b" * 10_000
        )
    assert set(refused.value.message_dict) == {"title", "details"}
    assert selectors.next_virtual_meeting(world.mexico.pk) == meeting
