"""`manage.py load_reference_data`: load the shipped taxonomies and questionnaires again from
their data files, after a file has changed (docs/data-files.md). Adds and updates, never deletes."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from migralocal.core.data_files import DataFileError
from migralocal.core.reference_data import reference_data_reload


class Command(BaseCommand):
    help = "Load the reference data files (taxonomies, questionnaires) into the database again."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaders = reference_data_reload()
        except DataFileError as error:
            raise CommandError(str(error)) from error
        for load in loaders:
            self.stdout.write(f"Loaded {load.__module__}.{load.__name__}")
