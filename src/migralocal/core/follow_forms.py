"""The follow form: an address, a language, and what to follow (hidden fields of the page)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migralocal.core.follow_services import MAX_EMAIL_LENGTH


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=MAX_EMAIL_LENGTH)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=())
    kind = forms.CharField(widget=forms.HiddenInput, max_length=40)
    key = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language_field = cast(forms.ChoiceField, self.fields["language"])
        language_field.choices = [(code, _(name)) for code, name in settings.LANGUAGES]
        language_field.initial = (get_language() or settings.LANGUAGE_CODE)[:2]
