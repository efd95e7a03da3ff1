"""The forms of the content translation pages: which file to download, which to bring back."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.core.content_translation import module_name, modules, target_languages
from migralocal.core.content_translation_files import EXTENSIONS
from migralocal.core.forms import language_name


def _language_choices() -> list[tuple[str, str]]:
    return [(code, f"{language_name(code)} ({code})") for code in target_languages()]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    module = forms.ChoiceField(label=_("Module"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xliff", _("XLIFF (translation tools)")), ("csv", _("CSV (spreadsheet)"))],
        initial="xliff",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].choices = _language_choices()  # type: ignore[attr-defined]
        self.fields["module"].choices = [  # type: ignore[attr-defined]
            ("", _("Every module")),
            *((module, module_name(module)) for module in modules()),
        ]


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(
        label=_("Translated file"),
        help_text=_("The XLIFF or CSV file downloaded here, with its targets filled in."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    replace = forms.BooleanField(
        label=_("Replace existing translations"),
        help_text=_(
            "Without this, a field that already has a translation in this language is kept."
        ),
        required=False,
    )

    def __init__(self, *args: object, may_replace: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].choices = _language_choices()  # type: ignore[attr-defined]
        if not may_replace:
            del self.fields["replace"]
