"""Settings-level pieces of the REST API: pagination, the rules-based permission, error format.

Kept apart from the viewsets because Django REST framework imports these while it loads itself.
"""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters import IsoDateTimeFilter
from django_filters.fields import IsoDateTimeField
from rest_framework import authentication, exceptions, pagination, permissions, throttling
from rest_framework.request import Request
from rest_framework.response import Response


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class SharedCounterThrottle(throttling.SimpleRateThrottle):
    """DRF's rate throttles, counted with one shared counter per address or user that starts at
    the first request and lasts the rate's period. DRF's own reads a list of timestamps and
    writes it back: two processes doing so at once lose a request, and it costs two round trips
    to the cache."""

    seconds_left = 0.0

    def allow_request(self, request: Request, view: Any) -> bool:
        from migralocal.core.redis_cache import count_in_window

        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        count, self.seconds_left = count_in_window(self.key, self.duration)
        return count <= self.num_requests

    def wait(self) -> float | None:
        return self.seconds_left


class VisitorRateThrottle(SharedCounterThrottle, throttling.AnonRateThrottle):
    """The "anon" rate, per address, for requests without a signed-in user."""


class SignedInRateThrottle(SharedCounterThrottle, throttling.UserRateThrottle):
    """The "user" rate, for signed-in requests only. DRF's own would also count visitors by
    address, on top of the "anon" rate that already does."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None  # not throttled here; VisitorRateThrottle counts visitors
        return super().get_cache_key(request, view)


TWO_FACTOR_REQUIRED = _(
    "Your role lets you see personal data, so your account needs two-factor authentication. "
    "Set it up under Account security on the website, then use the API again."
)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 date and time, brought to UTC before any query: a database refuses some offsets
    Python accepts (PostgreSQL stops at ±15:59), and a refused query spoils the transaction."""

    def to_python(self, value: Any) -> dt.datetime | None:
        parsed = super().to_python(value)
        if parsed is None or parsed.tzinfo is None:
            return parsed
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError as error:  # year 1 or 9999 moved past the calendar's end
            raise DjangoValidationError(self.error_messages["invalid"], code="invalid") from error


class UtcDateTimeFilter(IsoDateTimeFilter):
    field_class = UtcDateTimeField


class RulesPermission(permissions.BasePermission):
    """Apply the same `rules` permissions as the pages.

    A view names, per action, the permission it needs in `action_permissions`; `None` means the
    action is open and the view's queryset already limits what can be seen. Actions a view does
    not list are refused.
    """

    def _permission_for(self, view: Any) -> tuple[bool, str | None]:
        action = getattr(view, "action", None) or view.request.method.lower()
        mapping: dict[str, str | None] = getattr(view, "action_permissions", {})
        return action in mapping, mapping.get(action)

    def has_permission(self, request: Request, view: Any) -> bool:
        # Imported here: DRF loads this module while Django's apps are still loading.
        from migralocal.core.two_factor import two_factor_missing

        if two_factor_missing(request.user):
            raise exceptions.PermissionDenied(TWO_FACTOR_REQUIRED)
        listed, permission = self._permission_for(view)
        if not listed:
            return False
        if permission is None or getattr(view, "detail", False):
            return True  # an action on one record is checked against that record
        return bool(request.user.has_perm(permission))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        _listed, permission = self._permission_for(view)
        return permission is None or bool(request.user.has_perm(permission, obj))


def problem_details_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Errors as RFC 9457 problem details, with their text in the request's language."""
    from rest_framework.views import exception_handler

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # Django's message names the model and is not translated
    elif isinstance(exc, DjangoValidationError):
        # A service refused the write: its (translated) messages become field errors.
        from rest_framework.serializers import as_serializer_error

        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError(_("The request is larger than the server accepts."))
    elif isinstance(exc, DataError):
        # A filter value the database cannot compare (a date with an impossible offset) is
        # malformed input, not a server error.
        exc = exceptions.ParseError()
    response = exception_handler(exc, context)
    if response is None:
        return None
    problem: dict[str, Any] = {
        "type": "about:blank",
        "status": response.status_code,
        "title": HTTPStatus(response.status_code).phrase,
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["title"] = str(_("The request has invalid data."))
        problem["errors"] = response.data
    elif isinstance(response.data, dict) and "detail" in response.data:
        problem["detail"] = str(response.data["detail"])
    response.data = problem
    response.content_type = "application/problem+json"
    return response


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, checked against the stored digest of the key. A token made
    before its owner's last password change is refused like an unknown one."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        from migralocal.core.services import api_token_authenticate

        token = api_token_authenticate(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return token.user, token
