"""insert_many writes the same rows through COPY (PostgreSQL) as through bulk_create (others)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from migralocal.core.bulk import insert_many
from migralocal.core.models import AccessLog, Country

pytestmark = pytest.mark.django_db


def access_rows(count: int) -> list[tuple[str, int, str, str, str]]:
    kind = ContentType.objects.get_for_model(Country)
    return [
        (f"person{n}@example.org", kind.pk, str(n), f"Línea\t{n}\n«texto»", "Auditoría")
        for n in range(count)
    ]


def test_rows_keep_their_values_and_ids_come_back_in_row_order() -> None:
    columns = ("user_email", "content_type_id", "object_id", "object_repr", "reason")
    ids = insert_many(AccessLog, columns, access_rows(5), returning_ids=True)
    assert len(ids) == len(set(ids)) == 5
    for n, pk in enumerate(ids):
        entry = AccessLog.objects.get(pk=pk)
        assert (entry.user_email, entry.object_id) == (f"person{n}@example.org", str(n))
        assert entry.object_repr == f"Línea\t{n}\n«texto»"


def test_left_out_fields_take_their_defaults() -> None:
    columns = ("user_email", "content_type_id", "object_id", "object_repr", "reason")
    assert insert_many(AccessLog, columns, access_rows(3)) == []
    entries = list(AccessLog.objects.all())
    assert len(entries) == 3
    assert all(entry.accessed_at is not None for entry in entries)
    assert all(entry.user_id is None for entry in entries)


def test_new_rows_after_a_copy_get_fresh_ids() -> None:
    columns = ("user_email", "content_type_id", "object_id", "object_repr", "reason")
    ids = insert_many(AccessLog, columns, access_rows(2), returning_ids=True)
    later = AccessLog.objects.create(
        user_email="later@example.org",
        content_type=ContentType.objects.get_for_model(Country),
        object_id="x",
        object_repr="x",
        reason="x",
    )
    assert later.pk not in ids


def test_an_unknown_column_is_refused() -> None:
    with pytest.raises(ValueError, match="no column"):
        insert_many(AccessLog, ("nickname",), [("x",)])
