"""The admin of discussions: platform admins open spaces (names and descriptions in each
language); threads and posts are read here, while moderation happens on the site's pages."""

from __future__ import annotations

from django.contrib import admin
from parler.admin import TranslatableAdmin

from migralocal.learning import models


@admin.register(models.DiscussionSpace)
class DiscussionSpaceAdmin(TranslatableAdmin):
    list_display = ("__str__", "audience", "country", "topic", "is_open", "position")
    list_filter = ("audience", "country", "is_open")
    search_fields = ("slug", "translations__name")


@admin.register(models.DiscussionThread)
class DiscussionThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "space", "started_by", "last_post_at", "is_locked")
    list_filter = ("space", "is_locked")
    search_fields = ("title",)
    raw_id_fields = ("started_by",)
    readonly_fields = ("space", "started_by", "last_post_at")
