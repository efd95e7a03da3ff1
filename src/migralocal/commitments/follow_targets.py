"""What may be followed in Commitments (see core/following.py): one commitment, and the public
list under given filters, kept as the list's query string in one canonical order."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from migralocal.commitments.models import Commitment, Kind, Status
from migralocal.commitments.selectors import (
    NOT_VERIFIED,
    VERIFIED,
    CommitmentFilters,
    commitment_search,
)
from migralocal.core.following import Described, FollowTarget, News

COMMITMENT = "commitment"
COMMITMENT_LIST = "commitment_list"

# The news Commitments announces (services.py).
PUBLISHED = "published"  # a new entry is public
VERIFIED_NEWS = "verified"  # a reviewer verified an entry
PROGRESS = "progress"  # the owner recorded progress
STATUS = "status"  # the entry's status changed

FILTER_NAMES = ("text", "country", "theme", "objective", "sdg", "kind", "status", "verification")
MAX_KEY_LENGTH = 500


def _public(pk: int) -> Commitment | None:
    return Commitment.objects.published().filter(pk=pk).first()


def _as_pk(key: str) -> int | None:
    return int(key) if key.isdigit() and len(key) < 12 else None


class OneCommitment:
    def normalise(self, raw_key: str) -> str | None:
        pk = _as_pk(raw_key.strip())
        return str(pk) if pk is not None else None

    def describe(self, key: str) -> Described | None:
        pk = _as_pk(key)
        commitment = _public(pk) if pk is not None else None
        if commitment is None:
            return None
        return Described(title=str(commitment), path=commitment.get_absolute_url())

    def affected_keys(self, news: str, object_id: int, keys: set[str]) -> set[str]:
        if news not in (VERIFIED_NEWS, PROGRESS, STATUS):
            return set()
        return keys & {str(object_id)}

    def news(self, news: str, object_id: int) -> News | None:
        commitment = _public(object_id)
        if commitment is None:
            return None
        title = str(commitment)
        texts = {
            VERIFIED_NEWS: _("A reviewer verified %(title)s."),
            PROGRESS: _("%(title)s has a new progress update."),
            STATUS: _("The status of %(title)s is now: %(status)s."),
        }
        subjects = {
            VERIFIED_NEWS: _("Verified: %(title)s"),
            PROGRESS: _("Progress: %(title)s"),
            STATUS: _("New status: %(title)s"),
        }
        values = {"title": title, "status": commitment.get_status_display()}
        return News(
            subject=subjects[news] % values,
            text=texts[news] % values,
            path=commitment.get_absolute_url(),
        )


def filters_of(key: str) -> CommitmentFilters:
    """The filters a kept key stands for; values no longer known are ignored, as on the list."""
    from migralocal.commitments.forms import CommitmentFilterForm  # forms → services → here

    return CommitmentFilterForm(QueryDict(key)).filters()


class CommitmentList:
    def normalise(self, raw_key: str) -> str | None:
        """The valid filters only, in one order, with their codes: the same list followed from
        two addresses that differ in order or in empty or unknown values is one follow."""
        if len(raw_key) > 2 * MAX_KEY_LENGTH:
            return None
        from migralocal.commitments.forms import CommitmentFilterForm  # forms → services → here

        raw = QueryDict(raw_key.lstrip("?"))
        form = CommitmentFilterForm({name: raw.get(name, "") for name in FILTER_NAMES})
        form.is_valid()
        pairs = []
        for name in FILTER_NAMES:
            if name in form.errors:
                continue
            value = form.cleaned_data.get(name)
            if not value:
                continue
            code = getattr(value, "code", value)
            pairs.append((name, " ".join(str(code).split())))
        key = urlencode(pairs)
        return key if len(key) <= MAX_KEY_LENGTH else None

    def describe(self, key: str) -> Described | None:
        filters = filters_of(key)
        labels = {VERIFIED: _("Verified only"), NOT_VERIFIED: _("Not verified only")}
        values = (
            f"“{filters.text}”" if filters.text else "",
            filters.country,
            filters.theme,
            filters.objective,
            filters.sdg,
            Kind(filters.kind).label if filters.kind else "",
            Status(filters.status).label if filters.status else "",
            labels.get(filters.verification, ""),
        )
        shown = [str(value) for value in values if value]
        title = (
            _("Commitments: %(filters)s") % {"filters": ", ".join(shown)}
            if shown
            else _("All commitments")
        )
        path = reverse("commitments:list") + (f"?{key}" if key else "")
        return Described(title=title, path=path)

    def affected_keys(self, news: str, object_id: int, keys: set[str]) -> set[str]:
        """A list's followers hear of an entry when it becomes public; those of a list of
        verified entries only, when it is verified."""
        if news not in (PUBLISHED, VERIFIED_NEWS):
            return set()
        affected = set()
        for key in keys:
            filters = filters_of(key)
            wants_verified = filters.verification == VERIFIED
            if (news == VERIFIED_NEWS) != wants_verified:
                continue
            if commitment_search(filters).filter(pk=object_id).exists():
                affected.add(key)
        return affected

    def news(self, news: str, object_id: int) -> News | None:
        commitment = _public(object_id)
        if commitment is None:
            return None
        values = {"title": str(commitment), "organisation": commitment.display_organisation}
        return News(
            subject=_("New commitment: %(title)s") % values,
            text=_(
                "A new entry matches a list of commitments you follow: %(title)s (%(organisation)s)."  # noqa: E501
            )
            % values,
            path=commitment.get_absolute_url(),
        )


TARGETS: dict[str, FollowTarget] = {COMMITMENT: OneCommitment(), COMMITMENT_LIST: CommitmentList()}
