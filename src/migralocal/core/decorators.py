"""How a page declares who may open it: one decorator for every page that is not public.

A view names the permission it needs and, for a page about one record, the loader of that
record. The loader is one function per kind of record (`hub_for`, `assessment_for`…, in each
app's `loaders.py`): it takes the request and the address's parameters and returns the record,
or answers 404 when there is none or when the user may not know that it exists.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect

from migralocal.core.models import User

Response = TypeVar("Response", bound=HttpResponseBase)
Loader = Callable[..., Any]

_DECLARED = "declared_access"


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a page that only signed-in people reach (`permission_required` without
    `visitors=True`)."""

    user: User


@dataclass(frozen=True)
class Access:
    """What a view declared: the permission, how its record is loaded, whether visitors may try."""

    permission: str
    load: Loader | None
    visitors: bool


def permission_required(
    permission: str, *, load: Loader | None = None, visitors: bool = False
) -> Callable[[Callable[..., Response]], Callable[..., Response | HttpResponseRedirect]]:
    """Let through those who hold `permission`, on the record `load` returns when given.

    `load(request, **parameters)` takes the address's parameters it names; the view receives
    the record right after the request, and the parameters the loader did not take.

    Visitors (not signed in) are sent to sign in before anything is loaded, unless
    `visitors=True` (a page the public may open for some records): then they are sent to sign
    in only when they lack the permission. Signed-in people without it get the 403 page.
    """
    taken = _parameters_of(load)

    def decorator(view: Callable[..., Response]) -> Callable[..., Response | HttpResponseRedirect]:
        @wraps(view)
        def guarded(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> Response | HttpResponseRedirect:
            if not (visitors or request.user.is_authenticated):
                return redirect_to_login(request.get_full_path())
            record = None
            if load is not None:
                record = load(request, **{name: kwargs.pop(name) for name in taken})
            if not request.user.has_perm(permission, record):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            if load is None:
                return view(request, *args, **kwargs)
            return view(request, record, *args, **kwargs)

        setattr(guarded, _DECLARED, Access(permission, load, visitors))
        return guarded

    return decorator


def declared_access(view: Callable[..., Any]) -> Access | None:
    """What `permission_required` declared on `view` (through any decorator that wraps it)."""
    return getattr(view, _DECLARED, None)


def _parameters_of(load: Loader | None) -> tuple[str, ...]:
    """The address parameters a loader takes: all of its parameters but the request."""
    if load is None:
        return ()
    return tuple(inspect.signature(load).parameters)[1:]
