"""The Atom feed of any filtered list: the list's own query string subscribes to it."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from migralocal.commitments import selectors
from migralocal.commitments.forms import CommitmentFilterForm
from migralocal.commitments.models import Commitment
from migralocal.core.markdown import markdown_to_plain_text

FEED_SIZE = 50


class CommitmentFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        form = CommitmentFilterForm(request.GET or None)
        query = request.GET.copy()
        query.pop("page", None)
        return {"filters": form.filters(), "query": query.urlencode()}

    def title(self, obj: dict[str, Any]) -> str:
        if obj["query"]:
            return _("MigraLocal commitments (filtered)")
        return _("MigraLocal commitments")

    def subtitle(self, obj: dict[str, Any]) -> str:
        return _("New commitments, practices and programmes published in the registry.")

    def link(self, obj: dict[str, Any]) -> str:
        url = reverse("commitments:list")
        return f"{url}?{obj['query']}" if obj["query"] else url

    def items(self, obj: dict[str, Any]) -> list[Commitment]:
        return list(selectors.commitment_search(obj["filters"])[:FEED_SIZE])

    def item_title(self, item: Commitment) -> str:
        badge = _("verified") if item.is_verified else _("not verified")
        return f"{item} ({badge})"

    def item_description(self, item: Commitment) -> str:
        summary = item.safe_translation_getter("summary", any_language=True) or ""
        return f"{item.display_organisation} — {markdown_to_plain_text(summary, 500)}"

    def item_link(self, item: Commitment) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Commitment) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Commitment) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Commitment) -> list[str]:
        return [str(term) for term in item.themes.all()]

    def item_author_name(self, item: Commitment) -> str:
        return item.display_organisation
