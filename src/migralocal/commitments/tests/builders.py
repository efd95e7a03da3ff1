"""Build commitments for tests through the real services, in any moderation state."""

from __future__ import annotations

import itertools
from typing import Any

from migralocal.commitments import services
from migralocal.commitments.models import Commitment, ModerationState
from migralocal.core.models import Country, Organisation, TaxonomyTerm
from migralocal.core.tests.world import World

_numbers = itertools.count(1)


def content(
    *,
    title: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    country: Country | None = None,
    objectives: tuple[str, ...] = ("gcm-16",),
    sdgs: tuple[str, ...] = ("sdg-10.7",),
    themes: tuple[str, ...] = ("human-rights",),
    kind: str = "commitment",
    status: str = "in_progress",
    language: str = "es",
    **extra: Any,
) -> services.CommitmentContent:
    return services.CommitmentContent(
        kind=kind,
        status=status,
        texts={
            language: services.CommitmentText(
                title or f"Compromiso {next(_numbers)}",
                "Un resumen breve del compromiso.",
                "Una **descripción** con detalles.",
            )
        },
        objectives=list(TaxonomyTerm.objects.of("gcm-objectives").filter(code__in=objectives)),
        sdgs=list(TaxonomyTerm.objects.of("sdg").filter(code__in=sdgs)),
        themes=list(TaxonomyTerm.objects.of("areas-of-work").filter(code__in=themes)),
        organisation=organisation,
        organisation_name=organisation_name,
        country=country,
        **extra,
    )


class CommitmentBuilder:
    """`build.pending(...)`, `build.verified(...)`…: an entry of El Progreso (Honduras) unless
    told otherwise, taken to the wanted state by the same services the pages use."""

    def __init__(self, world: World) -> None:
        self.world = world

    def anonymous(self, *, email: str = "someone@example.org", **kwargs: Any) -> Commitment:
        kwargs.setdefault("organisation", self.world.el_progreso_municipality)
        return services.commitment_submit(
            content=content(**kwargs), language="es", submitter=None, email=email
        )

    def pending(self, **kwargs: Any) -> Commitment:
        commitment = self.anonymous(**kwargs)
        return services.commitment_confirm_email(commitment=commitment)

    def verified(self, **kwargs: Any) -> Commitment:
        commitment = self.pending(**kwargs)
        return services.commitment_verify(commitment=commitment, reviewer=self.world.user("admin"))

    def in_state(self, state: str, **kwargs: Any) -> Commitment:
        admin = self.world.user("admin")
        if state == ModerationState.AWAITING_CONFIRMATION:
            return self.anonymous(**kwargs)
        if state == ModerationState.PENDING:
            return self.pending(**kwargs)
        if state == ModerationState.VERIFIED:
            return self.verified(**kwargs)
        commitment = self.pending(**kwargs)
        if state == ModerationState.CHANGES_REQUESTED:
            return services.commitment_request_changes(
                commitment=commitment, reviewer=admin, message="Añada fechas."
            )
        return services.commitment_reject(commitment=commitment, reviewer=admin, reason="Spam.")

    def hidden(self, **kwargs: Any) -> Commitment:
        commitment = self.verified(**kwargs)
        for _ in range(services.FLAGS_TO_HIDE):
            services.commitment_flag(commitment=commitment, reason="spam")
        commitment.refresh_from_db()
        return commitment
