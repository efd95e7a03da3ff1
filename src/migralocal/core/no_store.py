"""Responses that show personal data are kept by no cache: not the browser's (a shared office
computer, the back button after signing out), not a proxy's. Pages declare it with
`@never_stored`, API views with `NeverStoredMixin`; both set the header here, so that it reads
the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponseBase
from rest_framework.request import Request

NO_STORE = "no-store, private"
# Set on a page view, so that a test can list every page that declares personal data.
SHOWS_PERSONAL_DATA = "shows_personal_data"

Response = TypeVar("Response", bound=HttpResponseBase)


def mark_never_stored(response: Response) -> Response:
    response["Cache-Control"] = NO_STORE
    return response


def never_stored(view: Callable[..., Response]) -> Callable[..., Response]:
    """A page that shows personal data: whatever it answers is never stored by a cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Response:
        return mark_never_stored(view(request, *args, **kwargs))

    setattr(wrapper, SHOWS_PERSONAL_DATA, True)
    return wrapper


class NeverStoredMixin:
    """For API views whose answers show personal data."""

    shows_personal_data = True

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        return mark_never_stored(response)
