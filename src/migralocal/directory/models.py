"""Information hubs, services modelled on Open Referral HSDS 3.0, and referral pathways.

HSDS objects keep HSDS names and use HSDS ids (UUIDs) as primary keys, so that an import matches
on them. Fields of ours that HSDS lacks (the hub a service is offered at, the migration profiles
it serves, its place for search) are extensions: they are added beside HSDS fields, never
instead of them. Human text that must exist in several languages is translated with parler.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import (
    AdministrativeArea,
    Country,
    Organisation,
    Taxonomy,
    TaxonomyTerm,
    latitude_field,
    longitude_field,
)
from migralocal.core.text_limits import LimitedTextField

# A listing not verified for this long is shown with a notice and reported to its hub's staff.
STALE_AFTER = timedelta(days=183)

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def is_stale(assured: date | None, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return assured is None or assured < today - STALE_AFTER


class HsdsModel(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Organization(HsdsModel, TranslatableModel):
    """HSDS organization: who delivers services. May be one of our organisations, or imported."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hsds_organizations",
        verbose_name=_("MigraLocal organisation"),
    )
    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("alternate name"), max_length=250, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    tax_status = models.CharField(_("tax status"), max_length=100, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=100, blank=True)
    year_incorporated = models.PositiveIntegerField(_("year incorporated"), null=True, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=200, blank=True)
    logo = models.URLField(_("logo address"), max_length=500, blank=True)
    uri = models.URLField(_("persistent address"), max_length=500, blank=True)
    parent_organization_id = models.UUIDField(_("parent organization id"), null=True, blank=True)
    translations = TranslatedFields(
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT)
    )

    class Meta:
        verbose_name = _("service organization")
        verbose_name_plural = _("service organizations")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Location(HsdsModel, TranslatableModel):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organization"),
    )
    location_type = models.CharField(
        _("location type"), max_length=20, choices=LocationType.choices
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    external_identifier = models.CharField(_("external identifier"), max_length=200, blank=True)
    external_identifier_type = models.CharField(
        _("external identifier type"), max_length=100, blank=True
    )
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=250, blank=True),
        alternate_name=models.CharField(_("alternate name"), max_length=250, blank=True),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
        transportation=LimitedTextField(
            _("transportation"), blank=True, max_length=text_limits.TEXT
        ),
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.id)


class Hub(TranslatableModel):
    """An information hub, help desk, information point or mobile unit, run by an organisation."""

    class Kind(models.TextChoices):
        INFORMATION_HUB = "information_hub", _("Information hub on migration")
        HELP_DESK = "help_desk", _("Municipal help desk")
        INFORMATION_POINT = "information_point", _("Information point")
        MOBILE_UNIT = "mobile_unit", _("Mobile unit")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        CLOSED = "closed", _("Closed")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        WHATSAPP = "whatsapp", _("WhatsApp")
        ONLINE = "online", _("Online")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="hubs",
        verbose_name=_("operator organisation"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="hubs", verbose_name=_("country")
    )
    municipality = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.PROTECT,
        related_name="hubs",
        limit_choices_to={"level": AdministrativeArea.Level.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.ACTIVE
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    timezone = models.CharField(
        _("time zone"),
        max_length=60,
        default="America/Tegucigalpa",
        help_text=_("For example America/Mexico_City."),
    )
    # Stored as ",es,en," so that a containment filter works on every database.
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    channels = models.CharField(_("channels"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    location = models.OneToOneField(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub",
        verbose_name=_("HSDS location"),
    )
    assured_date = models.DateField(_("last verified"), null=True, blank=True)
    assurer_email = models.EmailField(_("verified by"), blank=True)
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
        opening_hours=models.CharField(
            _("opening hours"),
            max_length=300,
            blank=True,
            help_text=_("As people should read it, for example: Monday to Friday, 8:00 to 16:00."),
        ),
    )

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ("slug",)
        indexes: ClassVar = [
            models.Index(fields=["country", "status"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("directory:hub_detail", kwargs={"slug": self.slug})

    @property
    def organisation_id(self) -> int:
        """Permissions check hub staff against the operator."""
        return self.operator_id

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def channel_codes(self) -> list[str]:
        return [code for code in self.channels.split(",") if code]

    def get_channel_labels(self) -> list[str]:
        labels = dict(self.Channel.choices)
        return [str(labels.get(code, code)) for code in self.channel_codes]

    @property
    def is_stale(self) -> bool:
        return is_stale(self.assured_date)

    def clean(self) -> None:
        if (
            self.municipality_id
            and self.country_id
            and self.municipality.country_id != self.country_id
        ):
            raise ValidationError(
                {"municipality": _("The municipality must be in the hub's country.")}
            )


class Service(HsdsModel, TranslatableModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("organization"),
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.ACTIVE
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(_("last verified"), null=True, blank=True)
    assurer_email = models.EmailField(_("verified by"), blank=True)
    last_modified = models.DateTimeField(_("last modified"), null=True, blank=True)
    # Extensions of ours.
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("hub"),
    )
    categories = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        through="Attribute",
        related_name="services",
        verbose_name=_("categories"),
    )
    # Where the service is, kept by the services module from its hub or first location.
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_services",
        verbose_name=_("country"),
    )
    municipality = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_services",
        verbose_name=_("municipality"),
    )
    latitude = latitude_field()
    longitude = longitude_field()
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=250),
        alternate_name=models.CharField(_("alternate name"), max_length=250, blank=True),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
        interpretation_services=LimitedTextField(
            _("interpretation services"), blank=True, max_length=text_limits.TEXT
        ),
        application_process=LimitedTextField(
            _("how to apply"), blank=True, max_length=text_limits.TEXT
        ),
        fees_description=LimitedTextField(_("fees"), blank=True, max_length=text_limits.TEXT),
        wait_time=models.CharField(_("wait time"), max_length=250, blank=True),
        fees=LimitedTextField(
            _("fees (deprecated HSDS field)"), blank=True, max_length=text_limits.TEXT
        ),
        accreditations=LimitedTextField(
            _("accreditations"), blank=True, max_length=text_limits.TEXT
        ),
        eligibility_description=LimitedTextField(
            _("who can use it"), blank=True, max_length=text_limits.TEXT
        ),
        licenses=LimitedTextField(_("licences"), blank=True, max_length=text_limits.TEXT),
        alert=LimitedTextField(_("alert"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes: ClassVar = [
            models.Index(fields=["country", "status"]),
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["latitude", "longitude"]),
            # The search without a place lists the most recently verified first: read in this
            # order, its first page is twenty index entries, not a sort of every service.
            models.Index(fields=["-assured_date", "id"], name="service_recently_verified"),
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.id)

    def get_absolute_url(self) -> str:
        return reverse("directory:service_detail", kwargs={"pk": self.pk})

    def terms_of(self, taxonomy_code: str) -> list[TaxonomyTerm]:
        """Terms attached through HSDS attributes (needs, migration profiles…)."""
        return [
            attribute.taxonomy_term
            for attribute in self.attributes.all()
            if attribute.taxonomy_term.taxonomy.code == taxonomy_code
        ]

    @property
    def needs(self) -> list[TaxonomyTerm]:
        return self.terms_of("service-categories")

    @property
    def migration_profiles(self) -> list[TaxonomyTerm]:
        """An extension of ours, carried in HSDS as attributes of the migration-situations
        taxonomy."""
        return self.terms_of("migration-situations")

    @property
    def organisation_id(self) -> int | None:
        """Hub staff act on the services of the hubs their organisation runs."""
        return self.hub.operator_id if self.hub_id and self.hub else None

    @property
    def is_stale(self) -> bool:
        return is_stale(self.assured_date)

    def clean(self) -> None:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError(
                {"maximum_age": _("The maximum age cannot be below the minimum age.")}
            )


class ServiceAtLocation(HsdsModel):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT)

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Address(HsdsModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(_("attention"), max_length=200, blank=True)
    address_1 = models.CharField(_("address"), max_length=300)
    address_2 = models.CharField(_("address (continued)"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=150)
    region = models.CharField(_("region"), max_length=150, blank=True)
    state_province = models.CharField(_("state or province"), max_length=150)
    postal_code = models.CharField(_("postal code"), max_length=30)
    country = models.CharField(_("country code"), max_length=2)
    address_type = models.CharField(
        _("address type"), max_length=20, choices=Location.LocationType.choices
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city}"


class Contact(HsdsModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.email or str(self.id)


class Phone(HsdsModel):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=60)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(_("type"), max_length=30, blank=True)
    description = LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number

    @property
    def dial(self) -> str:
        """The number as a tel: link needs it: digits and a leading +."""
        return dial_number(self.number)


class Schedule(HsdsModel, TranslatableModel):
    """HSDS schedule (iCalendar recurrence). Weekly rules with opening times drive "open now"."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    dtstart = models.DateField(_("first day"), null=True, blank=True)
    timezone = models.FloatField(_("UTC offset"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    wkst = models.CharField(_("week starts"), max_length=2, blank=True)
    freq = models.CharField(_("frequency"), max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveIntegerField(_("interval"), null=True, blank=True)
    byday = models.CharField(_("days"), max_length=60, blank=True)
    byweekno = models.CharField(_("weeks of the year"), max_length=200, blank=True)
    bymonthday = models.CharField(_("days of the month"), max_length=200, blank=True)
    byyearday = models.CharField(_("days of the year"), max_length=300, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    schedule_link = models.URLField(_("schedule link"), max_length=500, blank=True)
    attending_type = models.CharField(_("how to attend"), max_length=300, blank=True)
    translations = TranslatedFields(
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
        notes=LimitedTextField(_("notes"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at or ''}-{self.closes_at or ''}"


class Language(HsdsModel):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=10, blank=True, db_index=True)
    note = LimitedTextField(_("note"), blank=True, max_length=text_limits.TEXT)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name or self.code


class CostOption(HsdsModel, TranslatableModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    translations = TranslatedFields(
        option=models.CharField(_("option"), max_length=300, blank=True),
        amount_description=models.CharField(_("amount description"), max_length=300, blank=True),
    )

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")

    def __str__(self) -> str:
        return f"{self.amount or ''} {self.currency}".strip() or str(self.id)


class RequiredDocument(HsdsModel, TranslatableModel):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents"
    )
    uri = models.URLField(_("web address"), max_length=500, blank=True)
    translations = TranslatedFields(
        document=LimitedTextField(_("document"), max_length=text_limits.TEXT)
    )

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return str(self.safe_translation_getter("document", any_language=True) or self.id)[:80]


class ServiceArea(HsdsModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    area = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    description = LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT)
    extent = LimitedTextField(_("extent"), blank=True, max_length=text_limits.TEXT)
    extent_type = models.CharField(_("extent type"), max_length=30, blank=True)
    uri = models.CharField(_("web address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name or str(self.id)


class Accessibility(HsdsModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT)
    details = LimitedTextField(_("details"), blank=True, max_length=text_limits.TEXT)
    url = models.URLField(_("web address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return self.description[:80] or str(self.id)


class TaxonomyIdentity(models.Model):
    """The HSDS id and details of one of our taxonomies, kept so an export repeats them."""

    taxonomy = models.OneToOneField(Taxonomy, on_delete=models.CASCADE, related_name="hsds")
    hsds_id = models.UUIDField(_("HSDS id"), unique=True)
    uri = models.URLField(_("web address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("HSDS taxonomy identity")
        verbose_name_plural = _("HSDS taxonomy identities")

    def __str__(self) -> str:
        return str(self.hsds_id)


class TermIdentity(models.Model):
    term = models.OneToOneField(TaxonomyTerm, on_delete=models.CASCADE, related_name="hsds")
    hsds_id = models.UUIDField(_("HSDS id"), unique=True)
    parent_id = models.UUIDField(_("HSDS parent id"), null=True, blank=True)
    taxonomy_label = models.CharField(_("taxonomy as named in HSDS"), max_length=200, blank=True)
    term_uri = models.URLField(_("web address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("HSDS taxonomy term identity")
        verbose_name_plural = _("HSDS taxonomy term identities")

    def __str__(self) -> str:
        return str(self.hsds_id)


class Attribute(HsdsModel):
    """HSDS attribute: a taxonomy term attached to a service (its need categories, among others)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="+", verbose_name=_("term")
    )
    link_type = models.CharField(_("link type"), max_length=100, blank=True)
    link_entity = models.CharField(_("link entity"), max_length=100, blank=True, default="service")
    value = models.CharField(_("value"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["service", "taxonomy_term"], name="unique_service_attribute_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} · {self.taxonomy_term_id}"


class ReferralPathway(TranslatableModel):
    """A route of care (ruta de atención): what to do, step by step, in one situation and place."""

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    situation = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy__code": "service-categories"},
        verbose_name=_("need"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="pathways", verbose_name=_("country")
    )
    municipality = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathways",
        limit_choices_to={"level": AdministrativeArea.Level.MUNICIPALITY},
        verbose_name=_("municipality"),
        help_text=_("Leave empty for a pathway that holds for the whole country."),
    )
    first_call = models.CharField(
        _("call first"), max_length=40, blank=True, help_text=_("A phone number to call first.")
    )
    is_published = models.BooleanField(pgettext_lazy("referral pathway", "published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        title=models.CharField(_("situation"), max_length=200),
        summary=LimitedTextField(_("summary"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("referral pathway")
        verbose_name_plural = _("referral pathways")
        ordering = ("slug",)

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("directory:pathway_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        municipality = self.municipality if self.municipality_id else None
        if municipality is not None and municipality.country_id != self.country_id:
            raise ValidationError(
                {"municipality": _("The municipality must be in the pathway's country.")}
            )


class PathwayStep(TranslatableModel):
    pathway = models.ForeignKey(ReferralPathway, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    services = models.ManyToManyField(
        Service, blank=True, related_name="pathway_steps", verbose_name=_("services")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    translations = TranslatedFields(
        title=models.CharField(_("step"), max_length=200),
        instructions=LimitedTextField(_("what to do"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ("pathway", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["pathway", "position"], name="unique_step_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.safe_translation_getter('title', any_language=True)}"


def dial_number(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return ("+" if number.strip().strip('"').startswith("+") else "") + digits


class ListingReport(models.Model):
    """A problem with a hub's or a service's listing, reported by anyone, without an account:
    a queue for the hub's staff and the country's reviewers, who resolve or dismiss it."""

    class Problem(models.TextChoices):
        WRONG_PHONE = "wrong_phone", _("The phone number is wrong")
        CLOSED = "closed", _("It has closed")
        MOVED = "moved", _("It has moved")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        # A context keeps these apart from other modules' words.
        OPEN = "open", pgettext_lazy("listing report", "Open")
        RESOLVED = "resolved", pgettext_lazy("listing report", "Resolved")
        DISMISSED = "dismissed", pgettext_lazy("listing report", "Dismissed")

    hub = models.ForeignKey(
        Hub,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="problem_reports",
        verbose_name=_("hub"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="problem_reports",
        verbose_name=_("service"),
    )
    # The listing's country, for its reviewers (a service imported without a hub has one too).
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    problem = models.CharField(_("problem"), max_length=20, choices=Problem.choices)
    details = LimitedTextField(_("details"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    handling_note = LimitedTextField(_("note"), blank=True, max_length=text_limits.NOTE)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing report")
        verbose_name_plural = _("listing reports")
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["status", "country"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(hub__isnull=False) | models.Q(service__isnull=False),
                name="listing_report_names_a_listing",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.get_problem_display()}"

    @property
    def listing(self) -> Hub | Service | None:
        return self.service or self.hub

    @property
    def organisation_id(self) -> int | None:
        """Hub staff handle the reports on their organisation's hubs and those hubs' services."""
        return self.hub.operator_id if self.hub_id and self.hub else None

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
