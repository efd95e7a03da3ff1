"""Event series: events that recur under one name (the community's virtual meetings, its
summits), so that people can find them together and follow what comes next."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.text_limits import LimitedTextField


class EventSeries(TranslatableModel):
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Anyone may see the series and follow it.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ("slug",)

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.slug)

    def get_absolute_url(self) -> str:
        return reverse("learning:event_series", kwargs={"slug": self.slug})
