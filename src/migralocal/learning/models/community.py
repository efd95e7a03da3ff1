"""The regional community: an organisation's membership and what the directory shows of it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core.models import Organisation


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
        populations_served=models.CharField(_("populations served"), max_length=300, blank=True)
    )

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        ordering = ("organisation__name",)

    def __str__(self) -> str:
        return str(self.organisation)
