"""The discussions' demo: a space for Mexico's community, one about return and reintegration,
one for Honduras' hub staff, a few threads in Spanish and English with a reply and a mention,
and topics proposed for the next virtual meeting when one is planned. Loading twice changes
nothing."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from migralocal.core.demo import DEMO_DOMAIN, Writer, set_translations, upsert
from migralocal.core.models import Country, TaxonomyTerm, User
from migralocal.learning.discussion_selectors import next_virtual_meeting
from migralocal.learning.models import (
    DiscussionPost,
    DiscussionSpace,
    DiscussionThread,
    MeetingTopic,
    TopicVote,
)

SPACES: tuple[dict[str, Any], ...] = (
    {
        "slug": "comunidad-mexico",
        "audience": DiscussionSpace.Audience.COMMUNITY,
        "country": "MX",
        "name": {"es": "Comunidad en México", "en": "Community in Mexico"},
        "description": {
            "es": "Intercambio entre las organizaciones de la comunidad en México.",
            "en": "Exchange among the community's organisations in Mexico.",
        },
        "threads": (
            (
                "member",
                "¿Cómo organizan la atención a personas en tránsito en albergues?",
                "Compartimos nuestra **guía de acogida**. ¿Qué prácticas les funcionan?",
                (
                    "trainer",
                    "Gracias. @member@demo.migralocal.org, ¿podría presentarla en el "
                    "próximo encuentro?",
                ),
            ),
        ),
    },
    {
        "slug": "retorno-y-reintegracion",
        "audience": DiscussionSpace.Audience.COMMUNITY,
        "country": None,
        "name": {"es": "Retorno y reintegración", "en": "Return and reintegration"},
        "description": {
            "es": "Prácticas de acompañamiento a personas retornadas, en toda la región.",
            "en": "Practices of support for returnees, across the region.",
        },
        "threads": (
            (
                "member",
                "Job placement for returnees: what worked for you?",
                "We are looking for examples of partnerships with employers.",
                None,
            ),
        ),
    },
    {
        "slug": "ventanillas-honduras",
        "audience": DiscussionSpace.Audience.HUB_STAFF,
        "country": "HN",
        "name": {"es": "Personal de ventanillas en Honduras", "en": "Hub staff in Honduras"},
        "description": {
            "es": "Solo para el personal de ventanillas y puntos de información.",
            "en": "For the staff of hubs and information points only.",
        },
        "threads": (
            (
                "hub.staff",
                "Turnos del sábado",
                "¿Alguna ventanilla abre los sábados? Queremos coordinar derivaciones.",
                None,
            ),
        ),
    },
)

TOPICS = (
    ("Financiamiento para organizaciones pequeñas", ("member", "trainer")),
    ("Protección de datos en las ventanillas", ("member",)),
)


def _demo_user(local_part: str) -> User | None:
    return User.objects.filter(email=f"{local_part}@{DEMO_DOMAIN}").first()


def _post(thread: DiscussionThread, author: User | None, body: str) -> DiscussionPost:
    return upsert(DiscussionPost, {"thread": thread, "body": body}, {"author": author})


def load_discussions() -> int:
    """The demo spaces, threads and topics; returns how many threads the demo holds."""
    now = timezone.now()
    topic = TaxonomyTerm.objects.filter(taxonomy__code="areas-of-work").order_by("pk").first()
    threads = 0
    for spec in SPACES:
        country = Country.objects.filter(code=spec["country"]).first() if spec["country"] else None
        space = upsert(
            DiscussionSpace,
            {"slug": spec["slug"]},
            {
                "audience": spec["audience"],
                "country": country,
                "topic": None if country else topic,
            },
        )
        set_translations(space, {"name": spec["name"], "description": spec["description"]})
        for author_name, title, body, reply in spec["threads"]:
            author = _demo_user(author_name)
            thread = DiscussionThread.objects.filter(space=space, title=title).first()
            if thread is None:
                thread = DiscussionThread.objects.create(
                    space=space, title=title, started_by=author, last_post_at=now
                )
            _post(thread, author, body)
            if reply is not None:
                replier_name, reply_body = reply
                post = _post(thread, _demo_user(replier_name), reply_body)
                mentioned = _demo_user(author_name)
                if mentioned is not None:
                    post.mentions.add(mentioned)
            threads += 1
    # Topics go to the next virtual meeting, if one is planned; the demo adds no event, so that
    # its figures of events stay those of the programme.
    meeting = next_virtual_meeting()
    if meeting is not None:
        for title, voters in TOPICS:
            proposed = upsert(
                MeetingTopic,
                {"event": meeting, "title": title},
                {"proposed_by": _demo_user("member")},
            )
            for voter_name in voters:
                voter = _demo_user(voter_name)
                if voter is not None:
                    TopicVote.objects.get_or_create(topic=proposed, user=voter)
    return threads


def load(stdout: Writer) -> None:
    threads = load_discussions()
    stdout.write(f"Discussions: {len(SPACES)} spaces, {threads} threads.\n")
