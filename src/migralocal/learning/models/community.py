"""The regional community: an organisation's membership and what the directory shows of it, the
applications of organisations that ask to join, and the requests of people who ask to join an
organisation."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.models import Country, Organisation, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField


class CommunityProfile(TranslatableModel):
    """An organisation's membership of the regional community, with what the directory shows."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="community_profile",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    translations = TranslatedFields(
        populations_served=models.CharField(_("populations served"), max_length=300, blank=True),
        offers=LimitedTextField(_("what we offer"), blank=True, max_length=text_limits.NOTE),
        seeks=LimitedTextField(_("what we seek"), blank=True, max_length=text_limits.NOTE),
    )

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ("organisation__name",)

    def __str__(self) -> str:
        return str(self.organisation)


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    APPROVED = "approved", pgettext_lazy("application or request", "Approved")
    DECLINED = "declined", _("Declined")


def proof_upload_path(instance: models.Model, filename: str) -> str:
    """Proofs are served only through a permission-checked page, under an unguessable name."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"learning/proofs/{uuid.uuid4().hex}{suffix}"


class OrganisationApplication(models.Model):
    """An organisation asks to join the community; a reviewer of its country approves it (which
    creates the organisation, or links an existing one, and makes the applicant its
    administrator) or declines it with a reason."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="organisation_applications",
        verbose_name=_("applicant"),
    )
    name = models.CharField(_("organisation's name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=Organisation.Kind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="organisation_applications",
        verbose_name=_("country"),
    )
    areas_of_work = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="organisation_applications",
        limit_choices_to={"taxonomy__code": "areas-of-work"},
        verbose_name=_("areas of work"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    description = LimitedTextField(_("short description"), max_length=text_limits.NOTE)
    proof = models.FileField(
        _("proof of the organisation"), upload_to=proof_upload_path, blank=True
    )
    proof_name = models.CharField(_("proof's file name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = LimitedTextField(_("reason"), blank=True, max_length=text_limits.NOTE)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("application to join the community")
        verbose_name_plural = _("applications to join the community")
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:community_application", kwargs={"pk": self.pk})


class JoinRequest(models.Model):
    """A signed-up person asks to join an organisation; its administrators approve, giving the
    roles the person will hold, or decline with a reason."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("person"),
    )
    message = LimitedTextField(_("message"), blank=True, max_length=text_limits.NOTE)
    status = models.CharField(
        _("status"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = LimitedTextField(_("reason"), blank=True, max_length=text_limits.NOTE)

    class Meta:
        verbose_name = _("request to join an organisation")
        verbose_name_plural = _("requests to join an organisation")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("learning:join_request", kwargs={"pk": self.pk})
