"""Events (workshops, webinars, meetings, summits) and the registrations and attendance of each."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation
from migralocal.core.text_limits import LimitedTextField
from migralocal.learning.models.common import new_token, validate_time_zone


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNSTATED = "unstated", _("Prefers not to say")


class ParticipantRole(models.TextChoices):
    MUNICIPAL_OFFICIAL = "municipal_official", _("Municipal official")
    NATIONAL_OFFICIAL = "national_official", _("National government official")
    HUB_STAFF = "hub_staff", _("Information hub staff")
    CIVIL_SOCIETY = "civil_society", _("Civil-society staff")
    OTHER = "other", _("Other")


class Event(TranslatableModel):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        VIRTUAL_MEETING = "virtual_meeting", _("Virtual meeting")
        SUMMIT = "summit", _("Summit")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="learning_events", verbose_name=_("country")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("local time zone"),
        max_length=60,
        default="America/Tegucigalpa",
        validators=[validate_time_zone],
        help_text=_("Where the event is held or organised, such as America/Mexico_City."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the event ends."),
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Anyone with an e-mail address may register.")
    )
    check_in_code = models.CharField(
        _("self check-in code"), max_length=40, unique=True, default=new_token
    )
    series = models.ForeignKey(
        "learning.EventSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("-starts_at",)
        indexes: ClassVar = [models.Index(fields=["country", "starts_at"])]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("title", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("learning:event_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An event must end after it starts.")})

    @property
    def registration_deadline(self) -> dt.datetime:
        """Registration closes at the trainer's deadline, and at the latest when the event ends."""
        if self.registration_closes_at and self.registration_closes_at < self.ends_at:
            return self.registration_closes_at
        return self.ends_at

    def registration_is_open(self, now: dt.datetime) -> bool:
        return now < self.registration_deadline

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (as written)"), max_length=200, blank=True)
    # Figures split by it: the officials trained of each secretariat or agency of a municipality.
    department = models.CharField(
        _("department or unit"),
        max_length=200,
        blank=True,
        help_text=_("The secretariat, agency or unit within the organisation, if any."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # The page's language at registration: e-mails about the place are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    attendance_mode = models.CharField(
        _("attended"), max_length=20, choices=Mode.choices, blank=True
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ("event", "registered_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "email"], name="unique_event_registration")
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"
