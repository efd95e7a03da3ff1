"""Following by e-mail: double opt-in, news in the follower's language, one-click stop, the
person's own page, hostile input, and the follows in a person's data export and erasure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from migralocal.commitments import services as commitment_services
from migralocal.commitments.follow_targets import COMMITMENT, COMMITMENT_LIST
from migralocal.commitments.models import Commitment
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core import follow_services, person_requests
from migralocal.core.follow_models import Follow
from migralocal.core.following import target as target_of
from migralocal.core.tests.world import World
from migralocal.learning import series as series_services
from migralocal.learning.tests.builders import make_event

pytestmark = pytest.mark.django_db

SITE = "https://migralocal.example"
Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture
def build(world: World, settings: Any, tmp_path: Any) -> CommitmentBuilder:
    settings.MEDIA_ROOT = tmp_path / "media"
    return CommitmentBuilder(world)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks: Capture) -> Iterator[Capture]:
    yield lambda: django_capture_on_commit_callbacks(execute=True)


def ask(email: str, kind: str, key: str, language: str = "es", **extra: Any) -> Follow | None:
    return follow_services.follow_request(
        email=email, kind=kind, key=key, language=language, site_url=SITE, **extra
    )


def link_in(body: Any, marker: str) -> str:
    (link,) = [word for word in str(body).split() if marker in word]
    return link.removeprefix(SITE)


def followed_and_confirmed(run_on_commit: Capture, kind: str, key: str, **kw: Any) -> Follow:
    with run_on_commit():
        follow = ask("lectora@example.org", kind, key, **kw)
    assert follow is not None
    return follow_services.follow_confirm(token=follow_services.confirm_token(follow))


# ---------------------------------------------------------------- double opt-in and news


def test_only_the_confirmation_is_sent_before_confirming_then_news_in_spanish(
    world: World, build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    commitment = build.pending(organisation=world.el_progreso_municipality)
    mail.outbox.clear()
    with run_on_commit():
        follow = ask("Lectora@Example.org", COMMITMENT, str(commitment.pk), language="es")
    assert follow is not None
    (confirmation,) = mail.outbox
    assert confirmation.to == ["lectora@example.org"]
    assert confirmation.subject.startswith("Confirme que desea seguir: ")
    confirm_link = link_in(confirmation.body, "/follow/confirm/")
    # Verified before the follower confirmed: the submitter hears, the follower does not.
    mail.outbox.clear()
    with run_on_commit():
        commitment_services.commitment_verify(commitment=commitment, reviewer=world.user("admin"))
    assert all(message.to != ["lectora@example.org"] for message in mail.outbox)
    client = Client()
    assert client.get(confirm_link).status_code == 200
    assert Follow.objects.get().confirmed_at is None  # opening the link confirms nothing
    assert client.post(confirm_link).status_code == 200
    mail.outbox.clear()
    with run_on_commit():
        commitment_services.progress_update_add(
            commitment=commitment,
            author=world.user("admin"),
            date=timezone.localdate(),
            text="Abrimos la segunda oficina.",
            language="es",
        )
    (news,) = mail.outbox
    assert news.to == ["lectora@example.org"]
    assert news.subject == f"Avance: {commitment}"
    assert "tiene una nueva actualización de avance" in news.body
    (stop_link,) = [word for word in str(news.body).split() if "/follow/stop/" in word]
    assert news.extra_headers["List-Unsubscribe"] == f"<{stop_link}>"
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_news_is_sent_in_the_language_chosen_when_following(
    world: World, build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    commitment = build.pending(organisation=world.el_progreso_municipality)
    followed_and_confirmed(run_on_commit, COMMITMENT, str(commitment.pk), language="en")
    mail.outbox.clear()
    with run_on_commit():
        commitment_services.commitment_verify(commitment=commitment, reviewer=world.user("admin"))
    (news,) = [message for message in mail.outbox if message.to == ["lectora@example.org"]]
    assert news.subject == f"Verified: {commitment}"
    assert "To stop, open this link (one click, no sign-in)" in news.body


def test_the_address_is_kept_encrypted(world: World, build: CommitmentBuilder) -> None:
    commitment = build.pending()
    follow = ask("lectora@example.org", COMMITMENT, str(commitment.pk))
    assert follow is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM core_follow WHERE id = %s", [follow.pk])
        (stored,) = cursor.fetchone()
    assert "lectora" not in stored
    assert Follow.objects.get(pk=follow.pk).email == "lectora@example.org"


def test_asking_again_once_confirmed_sends_nothing(
    build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    commitment = build.pending()
    followed_and_confirmed(run_on_commit, COMMITMENT, str(commitment.pk))
    mail.outbox.clear()
    with run_on_commit():
        assert ask("LECTORA@example.org", COMMITMENT, str(commitment.pk)) is None
    assert mail.outbox == []
    assert Follow.objects.count() == 1


def test_a_followed_list_hears_of_new_matching_entries_only(
    world: World, build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    key = target_of(COMMITMENT_LIST).normalise(  # type: ignore[union-attr]
        "?verification=&bogus=1&theme=no-such-theme&country=HN&page=3"
    )
    assert key == "country=HN"
    followed_and_confirmed(run_on_commit, COMMITMENT_LIST, "country=HN&verification=")
    mail.outbox.clear()
    with run_on_commit():
        matching = build.pending(organisation=world.el_progreso_municipality, title="Ventanilla")
        build.pending(organisation=world.mexican_cso, title="Fuera de la lista")
    followers = [message for message in mail.outbox if message.to == ["lectora@example.org"]]
    (news,) = followers
    assert news.subject == "Nuevo compromiso: Ventanilla"
    assert matching.get_absolute_url() in news.body


def test_a_list_of_verified_entries_hears_when_an_entry_is_verified(
    world: World, build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    followed_and_confirmed(run_on_commit, COMMITMENT_LIST, "verification=verified", language="en")
    mail.outbox.clear()
    with run_on_commit():
        commitment = build.pending(title="Mesa técnica")
    assert not [message for message in mail.outbox if message.to == ["lectora@example.org"]]
    with run_on_commit():
        commitment_services.commitment_verify(commitment=commitment, reviewer=world.user("admin"))
    (news,) = [message for message in mail.outbox if message.to == ["lectora@example.org"]]
    assert news.subject == "New commitment: Mesa técnica"


def test_a_followed_series_hears_of_each_new_coming_event(
    world: World, run_on_commit: Capture
) -> None:
    series = series_services.series_create(
        slug="encuentros",
        names={"es": "Encuentros virtuales", "en": "Virtual meetings"},
    )
    followed_and_confirmed(run_on_commit, "event_series", str(series.pk), language="en")
    coming = make_event(world.honduras, slug="encuentro-coming")
    past = make_event(
        world.honduras, slug="encuentro-past", starts_at=timezone.now() - dt.timedelta(days=10)
    )
    mail.outbox.clear()
    with run_on_commit():
        series_services.event_add_to_series(event=past, series=series)
        series_services.event_add_to_series(event=coming, series=series)
        series_services.event_add_to_series(event=coming, series=series)  # already in it
    (news,) = mail.outbox
    assert news.subject == f"New event in Virtual meetings: {coming}"
    assert "/en/learning/events/encuentro-coming/" in news.body
    page = Client().get(series.get_absolute_url())
    assert page.status_code == 200
    assert str(coming) in page.content.decode()
    assert 'name="kind" value="event_series"' in page.content.decode()


# ---------------------------------------------------------------- signed links


def test_a_tampered_expired_or_stopped_confirmation_link_does_not_work(
    build: CommitmentBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    commitment = build.pending()
    follow = ask("lectora@example.org", COMMITMENT, str(commitment.pk))
    assert follow is not None
    token = follow_services.confirm_token(follow)
    for bad in (token + "x", token[:-3] + "abc", follow_services.stop_token(follow)):
        with pytest.raises(ValidationError):
            follow_services.follow_confirm(token=bad)
        assert Client().get(reverse("core:follow_confirm", args=[bad])).status_code == 400
        assert Client().post(reverse("core:follow_confirm", args=[bad])).status_code == 400
    monkeypatch.setattr(follow_services, "CONFIRM_MAX_AGE", -1)
    with pytest.raises(ValidationError):
        follow_services.follow_confirm(token=token)
    monkeypatch.undo()
    follow_services.follow_confirm(token=token)
    follow_services.follow_confirm(token=token)  # reused: nothing changes
    assert follow_services.follow_stop_by_token(token=follow_services.stop_token(follow))
    with pytest.raises(ValidationError):
        follow_services.follow_confirm(token=token)


def test_unconfirmed_follows_expire(build: CommitmentBuilder) -> None:
    commitment = build.pending()
    ask("lectora@example.org", COMMITMENT, str(commitment.pk))
    later = timezone.now() + dt.timedelta(seconds=follow_services.CONFIRM_MAX_AGE + 60)
    assert follow_services.follows_purge_unconfirmed(now=later) == 1
    assert not Follow.objects.exists()


def test_one_click_stop_by_post_without_cookie_or_token_and_reused_or_tampered_links(
    build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    commitment = build.pending()
    follow = followed_and_confirmed(run_on_commit, COMMITMENT, str(commitment.pk))
    url = reverse("core:follow_stop", args=[follow_services.stop_token(follow)])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200
    assert Follow.objects.filter(pk=follow.pk).exists()  # opening the link stops nothing
    answer = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert not Follow.objects.filter(pk=follow.pk).exists()
    again = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    assert "ya se había cancelado" in again.content.decode()
    assert client.post(url[:-3] + "zz/").status_code == 400
    assert client.get(url[:-3] + "zz/").status_code == 400


# ---------------------------------------------------------------- pages and hostile input


def test_the_public_page_follows_and_says_the_same_whoever_follows(
    build: CommitmentBuilder,
) -> None:
    commitment = build.pending()
    client = Client()
    detail = client.get(commitment.get_absolute_url()).content.decode()
    assert 'name="kind" value="commitment"' in detail
    data = {"kind": COMMITMENT, "key": commitment.pk, "email": "x@example.org", "language": "en"}
    answer = client.post(reverse("core:follow"), data)
    assert answer.status_code == 302
    assert answer["Location"].endswith(reverse("core:follow_sent"))
    assert client.post(reverse("core:follow"), data)["Location"] == answer["Location"]


@pytest.mark.parametrize(
    "email",
    [
        "not-an-address",
        "lectora@example.org\nBcc: victim@example.org",
        "a@b.org\r\nX: y",
        "a" * 300,
    ],
)
def test_a_bad_or_injected_address_is_refused_and_nothing_is_sent(
    build: CommitmentBuilder, run_on_commit: Capture, email: str
) -> None:
    commitment = build.pending()
    mail.outbox.clear()
    data = {"kind": COMMITMENT, "key": commitment.pk, "email": email, "language": "es"}
    with run_on_commit():
        answer = Client().post(reverse("core:follow"), data)
        with pytest.raises(ValidationError):
            ask(email, COMMITMENT, str(commitment.pk))
    assert answer.status_code == 400
    assert mail.outbox == []
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("commitment", "../../etc/passwd"),
        ("commitment", "999999"),
        ("commitment", "1 OR 1=1"),
        ("nothing", "1"),
        ("event_series", "-1"),
    ],
)
def test_what_cannot_be_followed_is_refused(build: CommitmentBuilder, kind: str, key: str) -> None:
    data = {"kind": kind, "key": key, "email": "x@example.org", "language": "es"}
    assert Client().post(reverse("core:follow"), data).status_code == 400
    assert Client().get(reverse("core:follow"), {"kind": kind, "key": key}).status_code == 404
    assert not Follow.objects.exists()


def test_hostile_filters_are_kept_only_as_valid_codes(build: CommitmentBuilder) -> None:
    target = target_of(COMMITMENT_LIST)
    assert target is not None
    script = "<script>alert(1)</script>"
    key = target.normalise(f"text={script}&country=ZZ&status=<b>&kind=commitment&sdg=%00")
    assert key == "text=%3Cscript%3Ealert%281%29%3C%2Fscript%3E&kind=commitment"
    assert target.normalise("text=" + "x" * 5000) is None
    described = target.describe(key)
    assert described is not None and script in described.title  # escaped where shown
    page = Client().get(reverse("core:follow"), {"kind": COMMITMENT_LIST, "key": key})
    assert script not in page.content.decode()


def test_follow_requests_are_rate_limited(build: CommitmentBuilder) -> None:
    commitment = build.pending()
    client = Client()
    answers = [
        client.post(
            reverse("core:follow"),
            {"kind": COMMITMENT, "key": commitment.pk, "email": "x@example.org", "language": "es"},
        ).status_code
        for _ in range(4)
    ]
    assert answers == [302, 302, 302, 429]


def test_a_signed_in_person_sees_and_stops_only_their_own_follows(
    world: World, build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    commitment = build.pending()
    member = world.user("member")
    with run_on_commit():
        mine = ask(member.email, COMMITMENT, str(commitment.pk), actor=member)
        theirs = ask("other@example.org", COMMITMENT, str(commitment.pk))
    assert mine is not None and theirs is not None
    for follow in (mine, theirs):
        follow_services.follow_confirm(token=follow_services.confirm_token(follow))
    client = Client()
    client.force_login(member)
    page = client.get(reverse("core:my_follows")).content.decode()
    assert str(commitment) in page
    assert page.count(reverse("core:my_follow_stop", args=[mine.pk])) == 1
    assert reverse("core:my_follow_stop", args=[theirs.pk]) not in page
    assert client.post(reverse("core:my_follow_stop", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("core:my_follow_stop", args=[mine.pk])).status_code == 302
    assert list(Follow.objects.all()) == [theirs]


def test_follows_are_in_a_persons_export_and_erasure(
    build: CommitmentBuilder, run_on_commit: Capture
) -> None:
    commitment = build.pending()
    followed_and_confirmed(run_on_commit, COMMITMENT, str(commitment.pk))
    exported = person_requests.person_export(
        email="lectora@example.org", handled_by="dpo@example.org"
    )
    (follow,) = exported["core"]["follows"]
    assert follow["email"] == "lectora@example.org"
    assert follow["which"] == str(commitment.pk)
    counts = person_requests.person_erase(email="lectora@example.org", handled_by="dpo@example.org")
    assert counts["core.follows"] == 1
    assert not Follow.objects.exists()


def test_a_hidden_entry_is_no_longer_news(build: CommitmentBuilder) -> None:
    commitment = build.pending()
    Commitment.objects.filter(pk=commitment.pk).update(is_hidden=True)
    target = target_of(COMMITMENT)
    assert target is not None
    assert target.describe(str(commitment.pk)) is None
    assert target.news("verified", commitment.pk) is None
