"""The assessments demo: every round applied with its mayor's real, one-page letter of intent."""

from __future__ import annotations

import io

from pypdf import PdfReader

from migralocal.assessments.models import Application


def test_demo_letters_of_intent_are_one_page_pdfs_signed_by_their_mayor(demo_db: None) -> None:
    applications = Application.objects.select_related("assessment__organisation")
    assert applications.count() >= 10
    for application in applications:
        with application.letter.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()), strict=True)
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert application.mayor_name in text
        assert application.assessment.organisation.name in text
        assert "Carta de intención" in text
    mayors = set(applications.values_list("mayor_name", flat=True))
    assert len(mayors) >= 10
