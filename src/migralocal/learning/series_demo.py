"""The demo's event series: the community's virtual meetings and its summits, each a series that
visitors can browse and follow."""

from __future__ import annotations

from migralocal.core.demo import set_translations, upsert
from migralocal.learning.models import Event, EventSeries

SERIES = (
    (
        "encuentros-virtuales",
        Event.Kind.VIRTUAL_MEETING,
        {
            "es": "Encuentros virtuales de la comunidad",
            "en": "The community's virtual meetings",
        },
        {
            "es": "Cada mes, las organizaciones de la comunidad regional comparten su trabajo "
            "con personas migrantes, refugiadas y retornadas.",
            "en": "Every month, the organisations of the regional community share their work "
            "with migrants, refugees and returnees.",
        },
    ),
    (
        "cumbres",
        Event.Kind.SUMMIT,
        {"es": "Cumbres de la comunidad", "en": "The community's summits"},
        {
            "es": "Las cumbres, virtuales y presenciales, que reúnen a toda la comunidad.",
            "en": "The summits, online and in person, that bring the whole community together.",
        },
    ),
)


def load_series() -> int:
    """Put the demo's virtual meetings and summits in their series; returns the events placed."""
    placed = 0
    for slug, kind, names, descriptions in SERIES:
        series = upsert(EventSeries, {"slug": slug}, {"is_public": True})
        set_translations(series, {"name": names, "description": descriptions})
        placed += Event.objects.filter(kind=kind).exclude(series=series).update(series=series)
    return placed
