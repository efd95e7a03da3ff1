"""LongSelect writes the same drop-down as Django's Select, faster."""

from __future__ import annotations

import re

import pytest
from django import forms

from migralocal.core.models import Country
from migralocal.core.tests.world import World
from migralocal.core.widgets import LongSelect

CHOICES = [("", "Any"), ("1", "Uno <b>"), ("2", "Dos & tres")]


class Both(forms.Form):
    fast = forms.ChoiceField(choices=CHOICES, widget=LongSelect, required=False)
    plain = forms.ChoiceField(choices=CHOICES, required=False)


def options(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", option) for option in re.findall(r"<option[^>]*>[^<]*</option>", html)
    ]


def test_the_options_are_those_of_djangos_select_with_the_choice_selected() -> None:
    form = Both({"fast": "2", "plain": "2"})
    fast, plain = str(form["fast"]), str(form["plain"])
    assert options(fast) == options(plain)
    assert '<option value="2" selected>Dos &amp; tres</option>' in fast
    assert "Uno &lt;b&gt;" in fast
    assert 'name="fast" id="id_fast"' in fast


@pytest.mark.django_db
def test_model_choices_keep_their_values_and_labels(world: World) -> None:
    field = forms.ModelChoiceField(
        queryset=Country.objects.filter(code__in=["HN", "SV"]).order_by("code"),
        widget=LongSelect,
        empty_label="Any country",
    )
    html = field.widget.render("country", world.honduras.pk, {"id": "id_country"})
    assert f'<option value="{world.honduras.pk}" selected>Honduras</option>' in html
    assert '<option value="">Any country</option>' in html
    assert html.count("<option") == 3
