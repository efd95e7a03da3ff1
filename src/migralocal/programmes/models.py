"""Programmes: the funded projects that own the work, and what belongs to each.

What belongs to a programme is held in many-to-many fields here, so that one activity may belong
to several programmes and the other apps' tables stay as they are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation
from migralocal.core.text_limits import LimitedTextField


class Programme(TranslatableModel):
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    donors = models.ManyToManyField(
        Organisation, blank=True, related_name="programmes_funded", verbose_name=_("donors")
    )
    implementers = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="programmes_implemented",
        verbose_name=_("implementing organisations"),
    )
    countries = models.ManyToManyField(
        Country, related_name="programmes", verbose_name=_("countries")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, such as USD or EUR.")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to visitors without an account.")
    )
    # Those who manage this programme: they edit it and choose what belongs to it. The country
    # programme roles of core say where someone works; this says which programme they answer for.
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_programmes",
        verbose_name=_("programme managers"),
    )
    hubs = models.ManyToManyField(
        "directory.Hub", blank=True, related_name="programmes", verbose_name=_("hubs")
    )
    events = models.ManyToManyField(
        "learning.Event", blank=True, related_name="programmes", verbose_name=_("learning events")
    )
    courses = models.ManyToManyField(
        "learning.Course", blank=True, related_name="programmes", verbose_name=_("courses")
    )
    learning_paths = models.ManyToManyField(
        "learning.LearningPath",
        blank=True,
        related_name="programmes",
        verbose_name=_("learning paths"),
    )
    mentoring_engagements = models.ManyToManyField(
        "learning.MentoringEngagement",
        blank=True,
        related_name="programmes",
        verbose_name=_("mentoring engagements"),
    )
    assessments = models.ManyToManyField(
        "assessments.Assessment",
        blank=True,
        related_name="programmes",
        verbose_name=_("assessment rounds"),
    )
    commitments = models.ManyToManyField(
        "commitments.Commitment",
        blank=True,
        related_name="programmes",
        verbose_name=_("commitments"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        code=models.CharField(_("code"), max_length=40),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("-starts_on", "slug")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_it_starts",
            ),
        )

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A programme ends after it starts.")})
        if self.budget is not None and not self.currency:
            raise ValidationError({"currency": _("Say the currency of the budget.")})


@dataclass(frozen=True)
class ActivityKind:
    """One kind of activity that may belong to a programme: the field that holds it, how to find
    its country (None: it has none, as a learning path) and the text a search looks in."""

    code: str
    field: str
    label: Promise
    country_path: str | None
    search_paths: tuple[str, ...]


ACTIVITY_KINDS: tuple[ActivityKind, ...] = (
    ActivityKind("hubs", "hubs", _("Hubs"), "country", ("translations__name", "slug")),
    ActivityKind(
        "events", "events", _("Learning events"), "country", ("translations__title", "slug")
    ),
    ActivityKind("courses", "courses", _("Courses"), "country", ("translations__title", "slug")),
    ActivityKind(
        "learning_paths",
        "learning_paths",
        _("Learning paths"),
        None,
        ("translations__title", "slug"),
    ),
    ActivityKind(
        "mentoring_engagements",
        "mentoring_engagements",
        _("Mentoring engagements"),
        "organisation__country",
        ("organisation__name",),
    ),
    ActivityKind(
        "assessments",
        "assessments",
        _("Assessment rounds"),
        "country",
        ("organisation__name",),
    ),
    ActivityKind(
        "commitments", "commitments", _("Commitments"), "country", ("translations__title", "slug")
    ),
    # Held on their side (CashProgramme.programmes, Engagement.programmes): reverse relations.
    ActivityKind(
        "cash_programmes",
        "cash_programmes",
        _("Cash assistance programmes"),
        "country",
        ("name", "slug"),
    ),
    ActivityKind(
        "advisory_engagements",
        "advisory_engagements",
        _("Technical assistance engagements"),
        "organisation__country",
        ("translations__title", "slug"),
    ),
)
KINDS_BY_CODE = {kind.code: kind for kind in ACTIVITY_KINDS}


def model_of(kind: ActivityKind) -> type[models.Model]:
    """The model of the activities of `kind` (a hub, an event…)."""
    return cast(type[models.Model], Programme._meta.get_field(kind.field).related_model)


from migralocal.programmes import results  # noqa: E402, F401  (the results framework's models)
