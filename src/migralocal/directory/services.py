"""Writes of the directory. Pages, the HSDS importer, the demo and tasks all come through here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from migralocal.core.models import Country, Membership, Organisation, TaxonomyTerm, User
from migralocal.core.permissions import require
from migralocal.core.roles import OrganisationRole
from migralocal.directory.models import (
    Attribute,
    Hub,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from migralocal.directory.search import document_from, refresh_vectors, translated_texts

HUB_TEXT_FIELDS = ("name", "description", "opening_hours")
SERVICE_TEXT_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
)
SERVICE_SEARCH_FIELDS = (*SERVICE_TEXT_FIELDS, "alternate_name")

# Names of the languages people are served in, each in its own language.
LANGUAGE_NAMES = {
    "es": "Español",
    "en": "English",
    "fr": "Français",
    "pt": "Português",
    "ht": "Kreyòl ayisyen",
    "tl": "Tagalog",
    "bik": "Bikol",
    "mam": "Mam",
    "kiche": "K'iche'",
    "nah": "Náhuatl",
}


def joined_codes(codes: Iterable[str]) -> str:
    """ ",es,en,": the stored form of a list of codes that a `contains` filter can search."""
    cleaned = [code for code in codes if code]
    return f",{','.join(cleaned)}," if cleaned else ""


def set_texts(obj: Any, texts: dict[str, dict[str, str]]) -> None:
    """Put each language's text on a parler object (saved by the caller)."""
    for language, fields in texts.items():
        obj.set_current_language(language)
        for field, value in fields.items():
            setattr(obj, field, value)


def _require_name(texts: dict[str, dict[str, str]]) -> None:
    if not any(fields.get("name", "").strip() for fields in texts.values()):
        raise ValidationError({"name": _("Give a name in at least one language.")})


def hub_refresh(*, hub: Hub) -> None:
    """Keep what derives from a hub current: its HSDS location, its search text, and the place
    of its services (which are found where their hub is)."""
    location = hub.location or Location(location_type=Location.LocationType.PHYSICAL)
    location.latitude = hub.latitude
    location.longitude = hub.longitude
    for translation_row in hub.translations.all():
        location.set_current_language(translation_row.language_code)
        location.name = translation_row.name
    location.save()
    texts = [
        *translated_texts(hub, HUB_TEXT_FIELDS),
        hub.address,
        hub.municipality.name,
        hub.operator.name,
    ]
    Hub.objects.filter(pk=hub.pk).update(location=location, search_document=document_from(texts))
    hub.location = location
    refresh_vectors(Hub.objects.filter(pk=hub.pk))
    for service in hub.services.all():
        service_refresh(service=service)


def service_refresh(*, service: Service) -> None:
    """Place a service where its hub is (or its first located location) and rebuild its search
    text from every language, its categories, hub and place."""
    hub = service.hub
    country_id = municipality_id = latitude = longitude = None
    if hub is not None:
        country_id, municipality_id = hub.country_id, hub.municipality_id
        latitude, longitude = hub.latitude, hub.longitude
        if hub.location_id:
            ServiceAtLocation.objects.get_or_create(service=service, location_id=hub.location_id)
    else:
        located = (
            Location.objects.filter(service_at_locations__service=service, latitude__isnull=False)
            .prefetch_related("addresses")
            .first()
        )
        if located is not None:
            latitude, longitude = located.latitude, located.longitude
            address = located.addresses.first()
            if address is not None:
                country_id = (
                    Country.objects.filter(code=address.country.upper())
                    .values_list("pk", flat=True)
                    .first()
                )
    texts = translated_texts(service, SERVICE_SEARCH_FIELDS)
    for attribute in Attribute.objects.filter(service=service).select_related("taxonomy_term"):
        texts.extend(translated_texts(attribute.taxonomy_term, ("label",)))
    if hub is not None:
        texts.extend(translated_texts(hub, ("name",)))
        texts.append(hub.municipality.name)
    place = {
        "country_id": country_id,
        "municipality_id": municipality_id,
        "latitude": latitude,
        "longitude": longitude,
        "search_document": document_from(texts),
    }
    if hub is not None and service.organization_id is None:
        place["organization_id"] = hsds_organization_for(hub.operator).pk
    Service.objects.filter(pk=service.pk).update(**place)
    for name, value in place.items():
        setattr(service, name, value)
    refresh_vectors(Service.objects.filter(pk=service.pk))


def hsds_organization_for(operator: Organisation) -> Organization:
    """The HSDS organization standing for one of our organisations (made on first need)."""
    organization = Organization.objects.filter(organisation=operator).first()
    if organization is None:
        organization = Organization(organisation=operator, name=operator.name)
        organization.email = operator.email
        organization.website = operator.website
        for translation_row in operator.translations.all():
            organization.set_current_language(translation_row.language_code)
            organization.description = translation_row.description
        organization.save()
    return organization


def _weekly_schedule(hub: Hub, days: list[str], opens_at: time | None, closes_at: time | None):
    """Replace a hub's regular weekly opening hours."""
    hub.schedules.all().delete()
    if days and opens_at and closes_at:
        Schedule.objects.create(
            hub=hub,
            location=hub.location,
            freq=Schedule.Freq.WEEKLY,
            wkst="MO",
            byday=",".join(days),
            opens_at=opens_at,
            closes_at=closes_at,
        )


@transaction.atomic
def hub_update(
    *,
    hub: Hub,
    user: User,
    texts: dict[str, dict[str, str]],
    status: str,
    address: str,
    phone: str,
    whatsapp: str,
    email: str,
    website: str,
    languages: Iterable[str],
    channels: Iterable[str],
    latitude: Decimal | None,
    longitude: Decimal | None,
    opening_days: list[str],
    opens_at: time | None,
    closes_at: time | None,
    verified: bool,
) -> Hub:
    """Change a hub's listing. Only its operator's hub staff, reviewers of its country and admins
    may; saving with `verified` records today as the last verification, by `user`."""
    require(user, "directory.change_hub", hub)
    _require_name(texts)
    if (opens_at is None) != (closes_at is None) or (
        opens_at and closes_at and opens_at >= closes_at
    ):
        raise ValidationError({"closes_at": _("Closing time must come after opening time.")})
    hub.status = status
    hub.address = address
    hub.phone = phone
    hub.whatsapp = whatsapp
    hub.email = email
    hub.website = website
    hub.languages = joined_codes(languages)
    hub.channels = joined_codes(channels)
    hub.latitude = latitude
    hub.longitude = longitude
    if verified:
        hub.assured_date = timezone.localdate()
        hub.assurer_email = getattr(user, "email", "")
    set_texts(hub, texts)
    hub.full_clean()
    hub.save()
    hub_refresh(hub=hub)
    _weekly_schedule(hub, opening_days, opens_at, closes_at)
    return hub


def set_service_languages(service: Service, codes: Iterable[str]) -> None:
    wanted = list(dict.fromkeys(codes))
    service.languages.exclude(code__in=wanted).delete()
    present = set(service.languages.values_list("code", flat=True))
    for code in wanted:
        if code not in present:
            Language.objects.create(service=service, code=code, name=LANGUAGE_NAMES.get(code, code))


def set_service_terms(service: Service, terms: Iterable[TaxonomyTerm], taxonomy_code: str) -> None:
    wanted = {term.pk for term in terms}
    service.attributes.filter(taxonomy_term__taxonomy__code=taxonomy_code).exclude(
        taxonomy_term__in=wanted
    ).delete()
    present = set(service.attributes.values_list("taxonomy_term_id", flat=True))
    for term_id in wanted - present:
        Attribute.objects.create(
            service=service,
            taxonomy_term_id=term_id,
            link_type=taxonomy_code,
            link_entity="service",
        )


def set_service_phone(service: Service, number: str) -> None:
    phone = service.phones.order_by("number").first()
    if not number:
        if phone is not None:
            phone.delete()
        return
    if phone is None:
        Phone.objects.create(service=service, number=number, type="voice")
    elif phone.number != number:
        phone.number = number
        phone.save()


@transaction.atomic
def service_save(
    *,
    service: Service | None,
    hub: Hub,
    user: User | None,
    texts: dict[str, dict[str, str]],
    status: str,
    url: str,
    email: str,
    minimum_age: int | None,
    maximum_age: int | None,
    categories: Iterable[TaxonomyTerm],
    migration_profiles: Iterable[TaxonomyTerm],
    languages: Iterable[str],
    phone: str,
    verified: bool,
) -> Service:
    """Create a service at `hub`, or change one. Only those who keep the hub may; a service stays
    at the hub it was created at. `verified` records today's verification by `user`. No user:
    the platform itself writes (the demo, a test's world)."""
    if service is None:
        if user is not None:
            require(user, "directory.add_service", hub)
        service = Service(hub=hub)
    else:
        if user is not None:
            require(user, "directory.change_service", service)
        if service.hub_id != hub.pk:
            raise PermissionDenied(_("A service stays at the hub it belongs to."))
    _require_name(texts)
    service.status = status
    service.url = url
    service.email = email
    service.minimum_age = minimum_age
    service.maximum_age = maximum_age
    service.last_modified = timezone.now()
    if verified:
        service.assured_date = timezone.localdate()
        service.assurer_email = getattr(user, "email", "")
    set_texts(service, texts)
    service.full_clean()
    service.save()
    set_service_terms(service, categories, "service-categories")
    set_service_terms(service, migration_profiles, "migration-situations")
    set_service_languages(service, languages)
    set_service_phone(service, phone)
    service_refresh(service=service)
    return service


def hub_staff_emails(hub: Hub) -> list[str]:
    return sorted(
        Membership.objects.filter(
            organisation_id=hub.operator_id,
            role=OrganisationRole.HUB_STAFF,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def stale_listings_notify(*, grouped: dict[Hub, list[Any]]) -> int:
    """E-mail each hub's staff the listings of theirs not verified for over six months, in each
    platform's first language. Returns how many e-mails were sent."""
    sent = 0
    for hub, listings in grouped.items():
        recipients = hub_staff_emails(hub)
        if not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            lines = "\n".join(f"- {listing}" for listing in listings)
            subject = _("%(hub)s: listings to verify") % {"hub": hub}
            body = _(
                "These listings of %(hub)s have not been verified for over six months. "
                "Please check them and save them as verified:\n\n%(lines)s\n"
            ) % {"hub": hub, "lines": lines}
        send_mail(subject, body, None, recipients)
        sent += 1
    return sent
