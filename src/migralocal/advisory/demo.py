"""Demo technical assistance (advisory/data/demo.yaml): Quito's PMDOT and PUGS reviewed in
rounds, about twenty recommendations with a mix of responses, and the technical assistance plan
whose three trainings are the learning demo's events of Quito's agencies; loaded after the
programmes' demo through the services the pages use. Loading twice is a no-op: an engagement already
there is left as it is."""

from __future__ import annotations

from pathlib import Path

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db import transaction

from migralocal.advisory import services
from migralocal.advisory.models import Engagement, Instrument, PlanActivity
from migralocal.core import services as core_services
from migralocal.core.data_files import Entry, read_data_file
from migralocal.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, Writer, all_known, known, upsert
from migralocal.core.models import Organisation, TaxonomyTerm, User
from migralocal.core.roles import OrganisationRole
from migralocal.learning.models import Event
from migralocal.programmes.models import Programme

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"


def _accounts(specs: list[Entry], organisations: dict[str, Organisation]) -> dict[str, User]:
    """The advisor and the city's counterpart: demo accounts of this module only."""
    users = {}
    for spec in specs:
        email = f"{spec.text('email')}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email,
            DEMO_PASSWORD,
            first_name=spec.text("first_name"),
            last_name=spec.text("last_name"),
        )
        upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
        if spec.has("organisation"):
            core_services.membership_grant(
                user=user,
                organisation=known(organisations, spec, "organisation", "the organisations"),
                role=OrganisationRole.ORGANISATION_MEMBER,
            )
        users[spec.text("key")] = user
    return users


def _themes(item: Entry, themes: dict[str, TaxonomyTerm]) -> list[TaxonomyTerm]:
    unknown = [code for code in item.codes("themes") if code not in themes]
    if unknown:
        raise item.error("themes", f"{unknown} are not terms of the theme taxonomies")
    return [themes[code] for code in item.codes("themes")]


def _draft(acronym: str, number: int) -> ContentFile[bytes]:
    content = f"%PDF-1.4\n% {acronym} borrador {number} (demo)\n".encode()
    return ContentFile(content, name=f"{acronym.lower()}-borrador-{number}.pdf")


def _instrument(
    spec: Entry,
    engagement: Engagement,
    admin: User,
    advisor: User,
    counterpart: User,
    themes: dict[str, TaxonomyTerm],
) -> int:
    instrument = services.instrument_create(
        actor=advisor,
        engagement=engagement,
        fields=services.InstrumentFields(
            names=spec.texts("name"),
            kind=spec.choice("kind", Instrument.Kind.values),
            acronym=spec.optional_text("acronym"),
            owner_department=spec.optional_text("owner_department"),
            stage=spec.choice("stage", Instrument.Stage.values),
            expected_adoption_on=spec.optional_date("expected_adoption_on"),
        ),
    )
    versions = [
        services.version_upload(
            actor=advisor, instrument=instrument, file=_draft(instrument.acronym, number)
        )
        for number in range(1, spec.integer("versions") + 1)
    ]
    added = 0
    for round_spec in spec.entries("rounds"):
        review_round = services.round_open(
            actor=advisor,
            instrument=instrument,
            version=versions[round_spec.integer("version") - 1],
            opened_on=round_spec.date("opened_on"),
        )
        recommendations = []
        for item in round_spec.entries("recommendations"):
            recommendations.append(
                services.recommendation_add(
                    actor=advisor,
                    review_round=review_round,
                    texts={"es": item.text("es"), "en": item.text("en")},
                    priority=item.text("priority"),
                    themes=_themes(item, themes),
                )
            )
        if not round_spec.has("sent_on"):
            added += len(recommendations)
            continue
        services.round_send(
            actor=advisor, review_round=review_round, sent_on=round_spec.date("sent_on")
        )
        for item, recommendation in zip(
            round_spec.entries("recommendations"), recommendations, strict=True
        ):
            response = item.optional_text("response") or "pending"
            if response == "pending":
                continue
            services.recommendation_respond(
                actor=counterpart,
                recommendation=recommendation,
                fields=services.ResponseFields(
                    response=response,
                    note=item.optional_text("note"),
                    section=item.optional_text("section"),
                    link=item.optional_text("link"),
                ),
            )
        added += len(recommendations)
    return added


def _plan(specs: list[Entry], engagement: Engagement, advisor: User) -> int:
    """The technical assistance plan; each training linked to its learning event, when the
    learning demo holds it (a lightened demo may not)."""
    events = {event.slug: event for event in Event.objects.all()}
    for spec in specs:
        event_slug = spec.optional_text("event")
        services.activity_create(
            actor=advisor,
            engagement=engagement,
            fields=services.ActivityFields(
                titles={"es": spec.text("es"), "en": spec.text("en")},
                kind=spec.choice("kind", PlanActivity.Kind.values),
                starts_on=spec.date("starts_on"),
                ends_on=spec.date("ends_on"),
                owners=spec.text("owners"),
                status=spec.choice("status", PlanActivity.Status.values),
                event=events.get(event_slug) if event_slug else None,
            ),
        )
    return len(specs)


@transaction.atomic
def load(stdout: Writer) -> None:
    data = read_data_file(DEMO_FILE)
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    users = _accounts(data.entries("accounts"), organisations)
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    themes = {
        term.code: term
        for term in TaxonomyTerm.objects.filter(
            taxonomy__code__in=("areas-of-work", "gcm-objectives", "migof-domains")
        )
    }
    created = recommendations = activities = 0
    for spec in data.entries("engagements"):
        if Engagement.objects.filter(slug=spec.text("slug")).exists():
            continue
        if (
            any(code not in programmes for code in spec.codes("programmes"))
            or spec.text("organisation") not in organisations
        ):
            continue  # a lightened demo (tests) without the programmes or the city
        advisors = all_known(users, spec, "advisors", "the accounts")
        counterparts = all_known(users, spec, "counterparts", "the accounts")
        engagement = services.engagement_create(
            actor=admin,
            programmes=all_known(programmes, spec, "programmes", "the demo programmes"),
            slug=spec.text("slug"),
            fields=services.EngagementFields(
                titles=spec.texts("title"),
                scopes=spec.texts("scope"),
                organisation=known(organisations, spec, "organisation", "the organisations"),
                department=spec.optional_text("department"),
                requested_by=spec.text("requested_by"),
                requested_on=spec.optional_date("requested_on"),
                starts_on=spec.date("starts_on"),
                ends_on=spec.optional_date("ends_on"),
                status=spec.choice("status", Engagement.Status.values),
            ),
            advisors=advisors,
            counterparts=counterparts,
        )
        for instrument_spec in spec.entries("instruments"):
            recommendations += _instrument(
                instrument_spec, engagement, admin, advisors[0], counterparts[0], themes
            )
        activities += _plan(spec.entries("plan"), engagement, advisors[0])
        for document in spec.entries("documents"):
            services.document_add(
                actor=advisors[0],
                engagement=engagement,
                title=document.text("title"),
                link=document.optional_text("link"),
            )
        if spec.flag("publishes_adopted", default=False):
            services.engagement_publication_set(
                actor=counterparts[0], engagement=engagement, publish=True
            )
        created += 1
    stdout.write(
        f"Technical assistance: {created} engagements, {recommendations} recommendations, "
        f"{activities} plan activities; "
        f"advisor asesoria@{DEMO_DOMAIN}, city counterpart contraparte.quito@{DEMO_DOMAIN} "
        f"({DEMO_PASSWORD}).\n"
    )
