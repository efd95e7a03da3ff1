"""Form widgets shared by the modules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html_join


class LongSelect(forms.Select):
    """A drop-down of many plain choices (a country's municipalities, the world's countries),
    its options written in one pass. Django renders each option through a template of its own:
    for a few hundred municipalities that was most of a dashboard's time. For flat choices only,
    without groups."""

    template_name = "core/widgets/long_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = set(context["widget"]["value"])
        context["widget"]["options"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) in chosen else "", label)
                for choice, label in self.choices
            ),
        )
        return context


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO 8601 (YYYY-MM-DD), whatever the page's
    language: with the language's format ("05/03/2025" in Spanish) the picker shows nothing, and
    an edit form would lose the dates it holds."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
