"""Every page and API endpoint that shows personal data answers with `Cache-Control: no-store,
private`, so that no browser or proxy keeps a copy; and the list below is the whole list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from migralocal.consultations.models import SubmissionImport
from migralocal.consultations.services import Identity
from migralocal.consultations.tests.helpers import record
from migralocal.core.no_store import NO_STORE, SHOWS_PERSONAL_DATA, NeverStoredMixin
from migralocal.core.tests.api_helpers import client_for
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import make_service, world_hubs
from migralocal.learning import selectors as learning_selectors
from migralocal.learning import services as learning_services
from migralocal.learning.tests.builders import area, make_event

# Page views (module.function) and API viewsets that show personal data.
PAGES = {
    "migralocal.consultations.views.detail",
    "migralocal.consultations.views.identity",
    "migralocal.consultations.views.hub_consultations",
    "migralocal.consultations.views.follow_ups",
    "migralocal.consultations.views.upload_detail",
    # The account of the hub's KoboToolbox or ODK Central connection (its secret is never shown).
    "migralocal.consultations.views.field_data_connection",
    "migralocal.learning.views.events.event_attendance",
    # What a person follows by e-mail, and the follow form with their address filled in.
    "migralocal.core.follow_views.follow",
    "migralocal.core.follow_views.my_follows",
    "migralocal.learning.views.events.event_import",  # its preview (learning/tests/test_pages.py)
    # Registrants' test scores; a registrant's questionnaire (learning/tests/test_event_surveys).
    "migralocal.learning.views.agenda.event_questionnaire_results",
    "migralocal.learning.views.agenda.event_questionnaire",
    "migralocal.learning.views.agenda.event_questionnaire_by_link",
    # Mentoring: the mentor's name, the names of who asked and who answered, session notes.
    "migralocal.learning.views.mentoring.mentoring_list",
    "migralocal.learning.views.mentoring.mentoring_detail",
    "migralocal.learning.views.mentoring.mentoring_request_detail",
    # Workshop participants (tested in assessments/tests/test_pages.py) and the e-mail address of
    # whoever submitted a commitment, on the moderation page (commitments/tests/test_moderation.py).
    "migralocal.assessments.views.workshop",
    "migralocal.assessments.views.priorities",
    "migralocal.commitments.views.moderate",
    "migralocal.core.views.api_token",
    "migralocal.core.kept_posts.kept_post",  # a form kept through a sign-in (tested there)
    # Cash assistance: names, documents and phones (tested in assistance/tests/test_pages.py).
    "migralocal.assistance.views.household_detail",
    "migralocal.assistance.views.household_create",
    "migralocal.assistance.views.registration_import",
    "migralocal.assistance.views.duplicate_queue",
    # Joining the community: applicants' contacts and proofs, people asking to join, members.
    "migralocal.learning.views.joining.community_applications",
    "migralocal.learning.views.joining.community_application",
    "migralocal.learning.views.joining.community_application_proof",
    "migralocal.learning.views.joining.join_request",
    "migralocal.learning.views.joining.organisation_members",
    "migralocal.learning.views.joining.member_roles",
    # Discussions: members' names and messages, their files, reports, votes (learning/tests).
    "migralocal.learning.views.discussions.discussion_space",
    "migralocal.learning.views.discussions.discussion_thread",
    "migralocal.learning.views.discussions.discussion_attachment",
    "migralocal.learning.views.discussions.discussion_queue",
    "migralocal.learning.views.discussions.meeting_topics",
    "migralocal.learning.views.discussions.meeting_topic_ranking",
    # Grievances (what people wrote, how to reach them, the secret code given once), referred
    # families' details, KoboToolbox or ODK imports (tested in assistance/tests).
    "migralocal.assistance.grievance_views.grievance_public",
    "migralocal.assistance.grievance_views.grievance_status",
    "migralocal.assistance.grievance_views.grievance_create",
    "migralocal.assistance.grievance_views.grievance_detail",
    "migralocal.assistance.grievance_views.pending_detail",
    "migralocal.assistance.grievance_views.submissions_import",
    # Referrals received, and the details a person agreed to share with the service referred to
    # (consultations/tests/test_referral_loop.py); problems reported with a listing, whose text
    # may name someone (directory/tests/test_listing_reports.py).
    "migralocal.consultations.views.incoming",
    "migralocal.consultations.views.shared_identity",
    "migralocal.directory.views.hub_report",
    "migralocal.directory.views.service_report",
    "migralocal.directory.views.listing_reports",
    # The payment list a provider receives, with the heads' names (test_payment_pages.py).
    "migralocal.assistance.payment_views.payment_list_export",
    # Payment verification: the sampled heads' names and phones (test_verification_pages.py).
    "migralocal.assistance.verification_views.cycle_verification",
    "migralocal.assistance.verification_views.verification_record",
}
API_VIEWSETS = {
    "ConsultationViewSet",
    "ReferralViewSet",
    "RegistrationViewSet",
    # Technical assistance: engagements and recommendations, with the people who answer them.
    "EngagementViewSet",
    "RecommendationViewSet",
    # Cash programmes: read by the operator's staff only, with figures about vulnerable families.
    "CashProgrammeViewSet",
}


def _patterns(resolver: Any) -> list[URLPattern]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += _patterns(entry)
        else:
            found.append(entry)
    return found


def test_the_views_that_declare_personal_data_are_exactly_those_listed() -> None:
    pages, viewsets = set(), set()
    for pattern in _patterns(get_resolver()):
        view = pattern.callback
        viewset = getattr(view, "cls", None)
        if viewset is not None and issubclass(viewset, NeverStoredMixin):
            viewsets.add(viewset.__name__)
        elif getattr(view, SHOWS_PERSONAL_DATA, False):
            pages.add(f"{view.__module__}.{view.__name__}")
    assert pages == PAGES
    assert viewsets == API_VIEWSETS


@pytest.fixture
def logged(world: World) -> dict[str, Any]:
    own_hub, _other = world_hubs(world)
    service = make_service(hub=own_hub, name={"es": "Asesoría legal", "en": "Legal advice"})
    consultation = record(
        own_hub,
        world.user("hub_staff"),
        referrals=(service,),
        identity=Identity(consent_purpose="Seguimiento", name="María Pérez", contact="+504 1"),
    )
    upload = SubmissionImport.objects.create(hub=own_hub, filename="x.csv", status="invalid")
    return {
        "hub": own_hub,
        "consultation": consultation,
        "referral": consultation.referrals.get(),
        "upload": upload,
        "event": make_event(world.honduras),
    }


def test_every_page_with_personal_data_is_never_stored(world: World, logged: Any) -> None:
    staff = Client()
    staff.force_login(world.user("hub_staff"))
    pk, slug = logged["consultation"].pk, logged["hub"].slug
    pages = [
        ("get", f"/es/consultations/{pk}/"),
        ("get", f"/es/consultations/{pk}/identity/"),
        ("post", f"/es/consultations/{pk}/identity/"),  # the page that shows the decrypted details
        ("get", f"/es/consultations/hubs/{slug}/"),
        ("get", f"/es/consultations/hubs/{slug}/follow-ups/"),
        ("get", f"/es/consultations/imports/{logged['upload'].pk}/"),
        ("get", "/es/me/api-token/"),
        ("get", "/es/me/follows/"),
    ]
    for method, url in pages:
        data = {"reason": "follow_up"} if method == "post" else {}
        response = getattr(staff, method)(url, data)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == NO_STORE, url
    decrypted = staff.post(f"/es/consultations/{pk}/identity/", {"reason": "follow_up"})
    assert "María Pérez" in decrypted.content.decode()
    trainer = Client()
    trainer.force_login(world.user("trainer"))
    attendance = trainer.get(f"/es/learning/events/{logged['event'].slug}/attendance/")
    assert attendance.status_code == 200
    assert attendance["Cache-Control"] == NO_STORE


def test_mentoring_pages_with_peoples_names_are_never_stored(world: World) -> None:
    mentor = world.user("mentor")
    engagement = learning_services.mentoring_start(
        mentor=mentor,
        organisation=world.mexican_cso,
        areas=list(learning_selectors.capacity_areas()[:1]),
        started_on=dt.date(2026, 1, 1),
    )
    asked = learning_services.mentoring_request_submit(
        organisation=world.mexican_cso,
        user=world.user("member"),
        goals={area("financial-sustainability"): "Un presupuesto anual con dos donantes"},
    )
    for role in ("mentor", "member"):
        client = Client()
        client.force_login(world.user(role))
        for url in (
            "/es/learning/mentoring/",
            engagement.get_absolute_url(),
            asked.get_absolute_url(),
        ):
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            assert response["Cache-Control"] == NO_STORE, (role, url)
    member = Client()
    member.force_login(world.user("member"))
    assert mentor.display_name in member.get(engagement.get_absolute_url()).content.decode()


def test_every_api_endpoint_with_personal_data_is_never_stored(world: World, logged: Any) -> None:
    staff = client_for(world, "hub_staff")
    endpoints = [
        "/api/v1/consultations/",
        f"/api/v1/consultations/{logged['consultation'].pk}/",
        "/api/v1/referrals/",
        f"/api/v1/referrals/{logged['referral'].pk}/",
        "/api/v1/event-registrations/",
    ]
    for url in endpoints:
        response = staff.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == NO_STORE, url


def test_an_organisations_people_are_never_stored_but_its_public_profile_is(
    world: World,
) -> None:
    url = f"/es/organisations/{world.mexican_cso.slug}/"
    member = Client()
    member.force_login(world.user("member"))
    named = member.get(url)
    assert named.status_code == 200
    assert world.user("member").display_name in named.content.decode()
    assert named["Cache-Control"] == NO_STORE
    public = Client().get(url)
    assert public.status_code == 200
    assert "no-store" not in public.get("Cache-Control", "")


def test_public_pages_stay_cacheable(world: World) -> None:
    """The header is declared, not blanket: public pages keep their shared caching."""
    response = Client().get("/es/organisations/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
