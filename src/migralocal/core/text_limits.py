"""Free text that people type has a maximum length, checked everywhere it comes in.

Django checks a TextField's `max_length` only in the forms built from the model. A
`LimitedTextField` also checks it when a record is validated, and refuses to save a longer text
whatever the path (a service, an import, a bulk insert), so that no page, API call or file can
store megabytes in a field meant for a paragraph. Hand-written forms use the same constants.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext as _

NOTE = 2_000  # a note, a comment, what a person asked for
TEXT = 5_000  # a description, an answer
LONG_TEXT = 20_000  # a commitment's full description
LESSON_BODY = 100_000  # a course lesson in Markdown


def too_long_message(limit: int, length: int) -> str:
    return _(
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d)."
    ) % {"limit_value": limit, "show_value": length}


class LimitedTextField(models.TextField):
    """A TextField whose `max_length` holds on every way in, not only in model forms."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        if isinstance(value, str) and self.max_length and len(value) > self.max_length:
            # Forms, serializers and imports say this to the person first; this is the backstop
            # for a path that forgot to.
            raise ValidationError({self.name: [too_long_message(self.max_length, len(value))]})
        return value
