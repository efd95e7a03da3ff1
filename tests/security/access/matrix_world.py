"""The world the access matrix runs in: the demo data (lightened where it is slow to load) and
one account per role, arranged so that every record a URL names belongs to the "own" side.

"Own" records belong to the organisation, municipality or country of `hub_staff`,
`focal_point`, `member`, `reviewer`, `trainer`, `mentor` and `programme_manager`. The `other_*`
roles hold the same role for another organisation or country: wherever they are let in where
their counterpart is, one organisation reads or changes another's records.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from migralocal.advisory import services as advisory_services
from migralocal.assessments import demo as assessments_demo
from migralocal.assessments.models import Assessment, Evidence, Stage
from migralocal.assistance import grievance_services, payment_services, verification_services
from migralocal.assistance import services as assistance_services
from migralocal.assistance.grievances import PendingRegistration
from migralocal.assistance.models import Household, Payment
from migralocal.calls import services as call_services
from migralocal.commitments import demo as commitments_demo
from migralocal.commitments import tokens as commitment_tokens
from migralocal.commitments.models import Attachment, Commitment, ModerationDecision
from migralocal.consultations import demo as consultations_demo
from migralocal.consultations.models import Consultation, Referral, SubmissionImport
from migralocal.core import demo as core_demo
from migralocal.core import services as core_services
from migralocal.core.demo import DEMO_DOMAIN
from migralocal.core.models import Country, Organisation, TaxonomyTerm, User
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.tests.world import give_authenticator
from migralocal.core.two_factor import two_factor_missing
from migralocal.directory import demo as directory_demo
from migralocal.directory import reports as directory_reports
from migralocal.directory.models import Hub, ReferralPathway, Service
from migralocal.learning import agenda_services
from migralocal.learning import demo as learning_demo
from migralocal.learning import services as learning_services
from migralocal.learning.models import (
    CAPACITY_AREAS,
    Enrolment,
    Event,
    LearningPath,
    MentoringEngagement,
    Quiz,
    SelfAssessmentQuestion,
)
from migralocal.programmes import results_services
from migralocal.programmes import services as programme_services
from migralocal.programmes.models import Programme
from migralocal.reports.models import ReportExport

ANONYMOUS = "anonymous"
ROLES = (
    ANONYMOUS,
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "other_focal_point",
    "member",
    "reviewer",
    "other_reviewer",
    "trainer",
    "mentor",
    "programme_manager",
    "no_role",
)

OWN_HUB = "ventanilla-el-progreso"  # operated by the demo hub staff's municipality (HN)
OWN_MUNICIPALITY = "alcaldia-municipal-de-san-pedro-sula"  # the demo focal point's (HN)
OTHER_MUNICIPALITY = "municipalidad-de-el-progreso"
OTHER_OPERATOR = "alcaldia-municipal-de-san-salvador"
OWN_COUNTRY = "HN"
OTHER_COUNTRY = "EC"
# The member's organisation, its commitment and the demo events are in Mexico.
REVIEWER_COUNTRIES = (OWN_COUNTRY, "MX")
EVENT_COUNTRY = "MX"  # the demo trainer and programme manager cover it
CONSULTATION_DAYS = 4
KEPT_MEXICAN_HUBS = ("punto-informacion-tijuana", "punto-informacion-tapachula")


@dataclass
class MatrixWorld:
    users: dict[str, User] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> MatrixWorld:
        return cls(values=metadata["values"], user_ids=metadata["users"])

    def loaded(self) -> MatrixWorld:
        """The world with its people read from the database it was built in."""
        by_id = User.objects.in_bulk(self.user_ids.values())
        self.users = {role: by_id[pk] for role, pk in self.user_ids.items()}
        return self


def _demo_user(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{DEMO_DOMAIN}")


def _new_user(name: str) -> User:
    return User.objects.create_user(f"matrix.{name}@example.org", "matrix-password-2026")


def _users() -> dict[str, User]:
    countries = {country.code: country for country in Country.objects.all()}
    users = {
        "admin": _demo_user("admin"),
        "hub_staff": _demo_user("hub.staff"),
        "focal_point": _demo_user("focal.point"),
        "member": _demo_user("member"),
        "mentor": _demo_user("mentor"),
        "trainer": _demo_user("trainer"),
        "programme_manager": _demo_user("manager"),
    }
    users["other_hub_staff"] = _new_user("other_hub_staff")
    core_services.membership_grant(
        user=users["other_hub_staff"],
        organisation=Organisation.objects.get(slug=OTHER_OPERATOR),
        role=OrganisationRole.HUB_STAFF,
    )
    users["other_focal_point"] = _new_user("other_focal_point")
    core_services.membership_grant(
        user=users["other_focal_point"],
        organisation=Organisation.objects.get(slug=OTHER_MUNICIPALITY),
        role=OrganisationRole.FOCAL_POINT,
    )
    # The demo reviewer covers three countries; these two cover the own ones and another.
    for name, codes in (("reviewer", REVIEWER_COUNTRIES), ("other_reviewer", (OTHER_COUNTRY,))):
        users[name] = _new_user(name)
        core_services.programme_role_grant(
            user=users[name], role=ProgrammeRole.REVIEWER, countries=[countries[c] for c in codes]
        )
    users["no_role"] = _new_user("no_role")
    # Roles that reach personal data have set up two-factor, as the platform requires of them.
    for user in users.values():
        if two_factor_missing(user):
            give_authenticator(user)
    return users


def _load_demo() -> None:
    """Every module's demo, except the two slow ones, which get a small sample instead."""
    out = io.StringIO()
    core_demo.load(out)
    commitments_demo.load(out)
    directory_demo.load(out)
    # Twenty of the demo's hubs are Mexican information points alike; two keep their place.
    # Public pages and exports are asked for by every role: fewer listings, faster matrix.
    Hub.objects.filter(slug__startswith="punto-informacion-").exclude(
        slug__in=KEPT_MEXICAN_HUBS
    ).delete()
    learning_demo.load(out)
    for hub in Hub.objects.filter(operator__slug__in=[OWN_MUNICIPALITY, OTHER_MUNICIPALITY]):
        consultations_demo.generate_for_hub(hub, days=CONSULTATION_DAYS)
    assessments_demo.load_default_framework()
    assessments_demo.demo_round(OWN_MUNICIPALITY, 2026, Stage.CERTIFIED, 0.6)


def _assessment_values(admin: User) -> dict[str, str]:
    assessment = Assessment.objects.get(organisation__slug=OWN_MUNICIPALITY, year=2026)
    answer = assessment.answers.select_related("question__indicator__dimension").first()
    assert answer is not None, "the demo round has no answers"
    evidence = Evidence.objects.create(
        answer=answer, url="https://example.org/acta", added_by=admin
    )
    action = assessment.actions.first()
    assert action is not None, "the demo round has no work plan"
    return {
        "assessment": str(assessment.pk),
        "assessment_question": str(answer.question_id),
        "assessment_section": answer.question.indicator.dimension.code,
        "assessment_evidence": str(evidence.pk),
        "assessment_action": str(action.pk),
        "assessment_certificate_code": assessment.certificate.verification_code,
        "assessment_certificate_number": assessment.certificate.number,
        "own_municipality": OWN_MUNICIPALITY,
    }


def _commitment_values(member: User) -> dict[str, str]:
    """A published entry, and an unpublished one of the member's organisation, sent back for
    changes, with an attachment and the edit link its submitter got."""
    organisation = Organisation.objects.filter(memberships__user=member).distinct().get()
    published = Commitment.objects.published().order_by("pk").first()
    private = Commitment.objects.exclude(pk=getattr(published, "pk", None)).order_by("pk").first()
    assert published is not None and private is not None
    private.organisation = organisation
    private.country = organisation.country
    private.moderation_state = "changes_requested"
    private.submitted_by = None
    private.save()
    decision = ModerationDecision.objects.create(
        commitment=private,
        action="changes_requested",
        from_state="pending",
        to_state="changes_requested",
        message="Add the dates.",
    )
    attachment = Attachment.objects.create(
        commitment=private,
        file=ContentFile(b"%PDF-1.4 matrix", name="plan.pdf"),
        name="plan.pdf",
        content_type="application/pdf",
        size=15,
    )
    return {
        "commitment_public": published.slug,
        "commitment_private": private.slug,
        "commitment_attachment": str(attachment.pk),
        "commitment_confirm_token": commitment_tokens.confirmation_token(private),
        "commitment_edit_token": commitment_tokens.edit_token(private, decision),
    }


def _consultation_values(hub_staff: User) -> dict[str, str]:
    hub = Hub.objects.get(slug=OWN_HUB)
    consultation = Consultation.objects.filter(hub=hub).order_by("pk").first()
    assert consultation is not None
    referral = Referral.objects.filter(consultation__hub=hub).order_by("pk").first()
    if referral is None:
        service = Service.objects.filter(country=hub.country_id).earliest("pk")
        referral = Referral.objects.create(
            consultation=consultation,
            service=service,
            follow_up_on=timezone.localdate() + datetime.timedelta(days=7),
        )
    upload = SubmissionImport.objects.create(hub=hub, uploaded_by=hub_staff, filename="x.xlsx")
    # A referral from another organisation's hub in the country to a service of the own hub.
    elsewhere = (
        Consultation.objects.filter(country_id=hub.country_id)
        .exclude(hub__operator_id=hub.operator_id)
        .order_by("pk")
        .first()
    )
    assert elsewhere is not None
    incoming = Referral.objects.create(
        consultation=elsewhere,
        service=Service.objects.filter(hub=hub).earliest("pk"),
        follow_up_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return {
        "own_hub": hub.slug,
        "own_hub_pk": str(hub.pk),
        "consultation": str(consultation.pk),
        "referral": str(referral.pk),
        "incoming_referral": str(incoming.pk),
        "submission_import": str(upload.pk),
    }


def _directory_values() -> dict[str, str]:
    hub = Hub.objects.get(slug=OWN_HUB)
    service = Service.objects.filter(hub=hub).order_by("pk").first()
    pathway = ReferralPathway.objects.order_by("pk").first()
    assert service is not None and pathway is not None
    report = directory_reports.listing_report_submit(hub=hub, problem="wrong_phone")
    return {
        "hub_service": str(service.pk),
        "pathway": pathway.slug,
        "listing_report": str(report.pk),
    }


def _learning_values(member: User, mentor: User) -> dict[str, str]:
    quiz = (
        Quiz.objects.filter(lesson__module__course__is_published=True)
        .select_related("lesson__module__course")
        .order_by("pk")
        .first()
    )
    assert quiz is not None
    lesson, course = quiz.lesson, quiz.lesson.module.course
    organisation = Organisation.objects.filter(memberships__user=member).distinct().get()
    enrolment, _created = Enrolment.objects.get_or_create(
        user=member, course=course, defaults={"organisation": organisation}
    )
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    certificate = learning_services.certificate_issue(enrolment=enrolment)
    answers = {question.code: 2 for question in SelfAssessmentQuestion.objects.all()}
    self_assessment = learning_services.self_assessment_submit(
        organisation=organisation, user=member, answers=answers
    )
    event = Event.objects.filter(country__code=EVENT_COUNTRY).order_by("pk").first()
    engagement = (
        MentoringEngagement.objects.filter(mentor=mentor, organisation__country__code=EVENT_COUNTRY)
        .order_by("pk")
        .first()
    )
    assert lesson and quiz and event and engagement
    registration = event.registrations.filter(user=member).first() or (
        learning_services.event_register(
            event=event,
            name=member.get_full_name() or member.email,
            email=member.email,
            gender="woman",
            role="civil_society",
            organisation=organisation,
            user=member,
            # The demo's first event is past: the member registered while it was open.
            now=event.starts_at - datetime.timedelta(days=1),
        )
    )
    agenda_session = event.agenda_sessions.order_by("pk").first() or (
        agenda_services.agenda_session_save(
            event=event,
            language="es",
            title="Sesión de la matriz",
            local_start=event.starts_at.astimezone(event.zone).replace(tzinfo=None),
            local_end=event.ends_at.astimezone(event.zone).replace(tzinfo=None),
        )
    )
    agenda_services.questionnaire_attach(event=event, kind="satisfaction")
    capacity_area = TaxonomyTerm.objects.of(CAPACITY_AREAS).order_by("pk").first()
    learning_path = LearningPath.objects.order_by("pk").first()
    assert capacity_area is not None and learning_path is not None
    mentoring_request = learning_services.mentoring_request_submit(
        organisation=organisation, user=member, goals={capacity_area: "Matrix goal"}
    )
    applicant = _new_user("applicant")  # holds no role: only the application is theirs
    application = learning_services.community_application_submit(
        applicant=applicant,
        name="Red Matriz",
        kind=Organisation.Kind.CIVIL_SOCIETY,
        country=Country.objects.get(code=OWN_COUNTRY),  # the reviewer's, not the other's
        areas=[],
        contact_name="Matriz",
        contact_email="matrix.applicant@example.org",
        description="Matrix application",
        language="es",
        proof=SimpleUploadedFile("registro.pdf", b"%PDF-1.7\n" + b"0" * 64),
    )
    join_request = learning_services.join_request_submit(
        user=_new_user("joiner"), organisation=organisation, message="Matrix request"
    )
    return {
        "community_application": str(application.pk),
        "join_request": str(join_request.pk),
        "member_user": str(member.pk),
        "registration": str(registration.pk),
        "course": course.slug,
        "lesson": str(lesson.pk),
        "quiz": str(quiz.pk),
        "course_module": str(lesson.module_id),
        "quiz_question": str(quiz.questions.order_by("pk").values_list("pk", flat=True)[0]),
        "learning_certificate_number": certificate.number,
        "learning_certificate_code": certificate.verification_code,
        "member_organisation": organisation.slug,
        "self_assessment": str(self_assessment.pk),
        "event": event.slug,
        "event_check_in_code": event.check_in_code,
        "agenda_session": str(agenda_session.pk),
        "event_answer_token": agenda_services.answer_token(registration),
        "mentoring": str(engagement.pk),
        "mentoring_request": str(mentoring_request.pk),
        "learning_path": learning_path.slug,
    }


def _organisation_values() -> dict[str, str]:
    public = Organisation.objects.get(slug=OWN_MUNICIPALITY)
    private = Organisation.objects.filter(is_public=False, country__code=OWN_COUNTRY).first()
    if private is None:
        private = Organisation.objects.create(
            name="Red Discreta",
            slug="red-discreta",
            kind=Organisation.Kind.CIVIL_SOCIETY,
            country=Country.objects.get(code=OWN_COUNTRY),
            is_public=False,
        )
    # Ids differ between databases (PostgreSQL sequences are not reset between test runs).
    return {
        "public_organisation": public.slug,
        "private_organisation": private.slug,
        "own_country_pk": str(public.country_id),
        "own_area_pk": str(public.municipality_id or public.country.areas.first().pk),
    }


def _report_values(owner: User) -> dict[str, str]:
    export = ReportExport.objects.create(
        requested_by=owner,
        file_format=ReportExport.Format.CSV,
        parameters={"year": 2026},
        language="es",
        status=ReportExport.Status.DONE,
        filename="results-region.csv",
        content=b"indicator;value\n",
    )
    return {"report_export": str(export.pk)}


def _programme_values(admin: User, manager: User) -> dict[str, str]:
    """A programme that is not public, in the own country, managed by the programme manager."""
    programme = programme_services.programme_create(
        actor=admin,
        slug="programa-privado",
        fields=programme_services.ProgrammeFields(
            names={"es": "Programa privado", "en": "Private programme"},
            codes={"es": "PP", "en": "PP"},
            descriptions={},
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
            countries=[Country.objects.get(code=OWN_COUNTRY)],
            is_public=False,
        ),
        managers=[manager],
    )
    outcome = results_services.outcome_create(
        actor=admin, programme=programme, titles={"es": "Resultado"}
    )
    output = results_services.output_create(actor=admin, outcome=outcome, titles={"es": "Producto"})
    indicator = results_services.indicator_create(
        actor=admin,
        output=output,
        fields=results_services.IndicatorFields(
            titles={"es": "Reuniones"}, definitions={}, source="manual"
        ),
    )
    actual = results_services.actual_create(
        actor=admin,
        indicator=indicator,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        value=Decimal(3),
        source="Actas",
    )
    return {
        "programme_private": programme.slug,
        "programme_outcome": str(outcome.pk),
        "programme_indicator": str(indicator.pk),
        "programme_actual": str(actual.pk),
    }


def _call_values(admin: User, manager: User) -> dict[str, str]:
    """A public programme in the own country with an open call, managed by the programme
    manager, and the own municipality's application to it, waiting for a decision."""
    programme = programme_services.programme_create(
        actor=admin,
        slug="programa-con-convocatoria",
        fields=programme_services.ProgrammeFields(
            names={"es": "Programa con convocatoria", "en": "Programme with a call"},
            codes={"es": "PC", "en": "PC"},
            descriptions={},
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2030, 12, 31),
            countries=[Country.objects.get(code=OWN_COUNTRY)],
        ),
        managers=[manager],
    )
    call = call_services.call_open(
        actor=manager,
        programme=programme,
        fields=call_services.CallFields(
            titles={"es": "Convocatoria abierta", "en": "Open call"},
            descriptions={},
            framework=Assessment.objects.get(organisation__slug=OWN_MUNICIPALITY).framework,
            year=2027,
            deadline=timezone.localdate() + datetime.timedelta(days=3650),
        ),
    )
    application = call_services.call_apply(
        call=call,
        municipality=Organisation.objects.get(slug=OWN_MUNICIPALITY),
        user=_demo_user("focal.point"),
        motivation="Matrix application",
    )
    return {
        "programme_with_call": programme.slug,
        "call": str(call.pk),
        "call_application": str(application.pk),
    }


def _advisory_values(users: dict[str, User]) -> dict[str, str]:
    """An engagement with the focal point's municipality, in the private programme: advised by
    the trainer, answered by the focal point; a draft, a sent round with one recommendation,
    a document, and the adopted recommendations published."""
    admin, advisor = users["admin"], users["trainer"]
    engagement = advisory_services.engagement_create(
        actor=admin,
        programmes=[Programme.objects.get(slug="programa-privado")],
        slug="asesoria-matriz",
        fields=advisory_services.EngagementFields(
            titles={"es": "Asesoría de la matriz"},
            scopes={},
            organisation=Organisation.objects.get(slug=OWN_MUNICIPALITY),
            requested_by="Alcaldía",
            starts_on=datetime.date(2025, 2, 1),
        ),
        advisors=[advisor],
        counterparts=[users["focal_point"]],
    )
    instrument = advisory_services.instrument_create(
        actor=advisor,
        engagement=engagement,
        fields=advisory_services.InstrumentFields(names={"es": "Plan"}, kind="plan"),
    )
    draft = ContentFile(b"%PDF-1.4 matrix", name="plan.pdf")
    version = advisory_services.version_upload(actor=advisor, instrument=instrument, file=draft)
    review_round = advisory_services.round_open(
        actor=advisor, instrument=instrument, version=version
    )
    recommendation = advisory_services.recommendation_add(
        actor=advisor, review_round=review_round, texts={"es": "Incluir la movilidad humana."}
    )
    advisory_services.round_send(actor=advisor, review_round=review_round)
    document = advisory_services.document_add(
        actor=advisor,
        engagement=engagement,
        title="Plan de asistencia",
        file=ContentFile(b"%PDF-1.4 matrix", name="plan-asistencia.pdf"),
    )
    advisory_services.engagement_publication_set(actor=admin, engagement=engagement, publish=True)
    activity = advisory_services.activity_create(
        actor=advisor,
        engagement=engagement,
        fields=advisory_services.ActivityFields(
            titles={"es": "Reunión de revisión"},
            kind="review_meeting",
            starts_on=datetime.date(2025, 3, 1),
            ends_on=datetime.date(2025, 3, 1),
            owners="Asesoría",
        ),
    )
    return {
        "plan_activity": str(activity.pk),
        "engagement": engagement.slug,
        "engagement_document": str(document.pk),
        "instrument": str(instrument.pk),
        "instrument_version": str(version.pk),
        "review_round": str(review_round.pk),
        "recommendation": str(recommendation.pk),
    }


def _assistance_values(admin: User, officer: User, other_officer: User) -> dict[str, str]:
    """A cash programme of the hub staff's municipality, where they are an assistance officer
    (the other hub staff is one of another operator), with two households alike."""
    operator = Hub.objects.get(slug=OWN_HUB).operator
    # The hub staff registers, approves and pays for its operator.
    for role in ("officer", "approver", "finance"):
        assistance_services.staff_grant(actor=admin, user=officer, organisation=operator, role=role)
    assistance_services.staff_grant(
        actor=admin,
        user=other_officer,
        organisation=Organisation.objects.get(slug=OTHER_OPERATOR),
        role="officer",
    )
    programme = assistance_services.programme_create(
        actor=admin,
        slug="transferencias-matriz",
        fields=assistance_services.ProgrammeFields(
            name="Transferencias",
            operator=operator,
            country=operator.country,
            currency="HNL",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            budget=Decimal("1000"),
            population_groups=["migrant"],
            transfer_basis="per_household",
            transfer_amount=Decimal("50"),
        ),
    )
    municipality = operator.municipality or operator.country.areas.first()
    people = (("M-1", "Lucía"), ("M-2", "Lucia"))
    households = assistance_services.households_register(
        actor=officer,
        programme=programme,
        households=[
            assistance_services.HouseholdData(
                household_ref=f"H-{ref}",
                municipality=municipality,
                population_group="migrant",
                members=[
                    assistance_services.MemberData(
                        person_ref=ref,
                        given_names=given,
                        family_names="Matriz",
                        sex="female",
                        date_of_birth=datetime.date(1990, 1, 1),
                    )
                ],
            )
            for ref, given in people
        ],
        consent_purpose="Matrix",
    )
    (pair,) = assistance_services.duplicates_find(actor=officer, programme=programme)
    grievance, _secret = grievance_services.grievance_submit_public(
        programme=programme,
        data=grievance_services.GrievanceData("payment_not_received", "Sin pago", "Ana", "555"),
    )
    pending = PendingRegistration.objects.create(
        programme=programme, municipality=municipality, referred_by=officer
    )
    # The hub staff also approves and pays: a payment list of the first household, registered
    # and approved by the admin's hand in the database (four eyes are tested in the app).
    for role in ("approver", "finance"):
        assistance_services.staff_grant(actor=admin, user=officer, organisation=operator, role=role)
    Household.objects.filter(pk=households[0].pk).update(status=Household.Status.ENROLLED)
    provider = payment_services.provider_create(
        actor=officer,
        programme=programme,
        name="Banco",
        kind="bank",
        export_columns=["reference", "amount"],
    )
    cycle = payment_services.cycle_create(
        actor=officer,
        programme=programme,
        number=1,
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 2, 28),
    )
    payment_list = payment_services.payment_list_create(
        actor=officer, cycle=cycle, provider=provider
    )
    # Paid, and its household drawn for payment verification.
    payment_list.payments.update(status=Payment.Status.PAID, reconciled_at=timezone.now())
    draw = verification_services.verification_sample_draw(actor=officer, cycle=cycle, size=1)
    return {
        "cash_programme": programme.slug,
        "cash_household": str(households[0].pk),
        "cash_pair": str(pair.pk),
        "cash_grievance": str(grievance.pk),
        "cash_pending": str(pending.pk),
        "cash_cycle": str(cycle.pk),
        "cash_payment_list": str(payment_list.pk),
        "cash_verification": str(draw.verifications.get().pk),
    }


def _following_values() -> dict[str, str]:
    """An event series, and a confirmed follow of a published commitment by an address that is
    nobody's account (core/following.py)."""
    from migralocal.core import follow_services
    from migralocal.core.follow_models import Follow
    from migralocal.learning.models import EventSeries

    series = EventSeries.objects.filter(is_public=True).first()
    if series is None:
        series = EventSeries.objects.create(slug="matrix-series")
        series.set_current_language("en")
        series.name = "Matrix series"
        series.save()
    published = Commitment.objects.published().order_by("pk").first()
    assert published is not None
    follow = Follow.objects.create(
        email="follower@example.org",
        target_kind="commitment",
        target_key=str(published.pk),
        language="en",
        confirmed_at=timezone.now(),
    )
    return {
        "event_series": series.slug,
        "follow": str(follow.pk),
        "follow_kind": "commitment",
        "follow_key": str(published.pk),
        "follow_confirm_token": follow_services.confirm_token(follow),
        "follow_stop_token": follow_services.stop_token(follow),
    }


def _discussion_values(trainer: User) -> dict[str, str]:
    """The demo's space for Mexico, its first thread and post (the member's), a reply of the
    trainer with an attachment, and a topic proposed for the next virtual meeting."""
    from migralocal.learning import discussion_services
    from migralocal.learning.models import DiscussionThread, MeetingTopic

    thread = DiscussionThread.objects.filter(space__slug="comunidad-mexico").order_by("pk").first()
    assert thread is not None
    starts = timezone.now() + datetime.timedelta(days=20)
    meeting = Event.objects.create(
        slug="encuentro-virtual-proximo",
        kind=Event.Kind.VIRTUAL_MEETING,
        format=Event.Format.ONLINE,
        country=Country.objects.get(code=EVENT_COUNTRY),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        title="Próximo encuentro virtual",
    )
    topic = MeetingTopic.objects.create(event=meeting, title="Financiamiento")
    reply = discussion_services.discussion_reply(
        thread=thread,
        author=trainer,
        body="Adjunto el programa.",
        attachments=[SimpleUploadedFile("programa.pdf", b"%PDF-1.7\n" + b"0" * 64)],
    )
    return {
        "discussion_space": thread.space.slug,
        "discussion_thread": str(thread.pk),
        "discussion_post": str(thread.posts.order_by("pk").values_list("pk", flat=True)[0]),
        "discussion_attachment": str(reply.attachments.get().pk),
        "meeting": topic.event.slug,
        "meeting_topic": str(topic.pk),
    }


def build_matrix_world() -> MatrixWorld:
    _load_demo()
    world = MatrixWorld(users=_users())
    users = world.users
    builders: list[Callable[[], dict[str, Any]]] = [
        lambda: _assessment_values(users["admin"]),
        lambda: _commitment_values(users["member"]),
        lambda: _consultation_values(users["hub_staff"]),
        _directory_values,
        lambda: _learning_values(users["member"], users["mentor"]),
        lambda: _discussion_values(users["trainer"]),
        _organisation_values,
        lambda: _report_values(users["programme_manager"]),
        lambda: _programme_values(users["admin"], users["programme_manager"]),
        lambda: _call_values(users["admin"], users["programme_manager"]),
        lambda: _advisory_values(users),
        lambda: _assistance_values(users["admin"], users["hub_staff"], users["other_hub_staff"]),
        _following_values,
    ]
    for build in builders:
        world.values.update(build())
    return world


def build_matrix_world_template() -> dict[str, Any]:
    """The world as a database template keeps it: its people by id, and the values URLs need."""
    world = build_matrix_world()
    return {"users": {role: user.pk for role, user in world.users.items()}, "values": world.values}
