"""`manage.py load_framework FILE.yaml [--publish]`, or `--default` for the shipped framework."""

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from migralocal.assessments import services
from migralocal.assessments.framework_format import FrameworkFormatError
from migralocal.assessments.models import Question

DEFAULT_FRAMEWORK = Path(__file__).resolve().parents[2] / "frameworks" / "default.yaml"


def read_framework_file(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text: {error}") from error
    except yaml.YAMLError as error:
        raise CommandError(f"{path}: not valid YAML: {error}") from error
    except RecursionError as error:
        raise CommandError(f"{path}: nested too deeply to be a framework.") from error


class Command(BaseCommand):
    help = "Check a framework file and load it as a new version (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="framework YAML file")
        parser.add_argument(
            "--default", action="store_true", help="load the framework shipped with MigraLocal"
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish the version (it becomes read-only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = DEFAULT_FRAMEWORK if options["default"] else options["file"]
        if path is None:
            raise CommandError("Give a framework file, or --default.")
        data = read_framework_file(path)
        try:
            framework, created = services.framework_load(data=data, publish=options["publish"])
        except FrameworkFormatError as error:
            problems = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"{path}: {len(error.problems)} problem(s), nothing was loaded:\n{problems}"
            ) from error
        questions = Question.objects.filter(indicator__dimension__framework=framework).count()
        state = "loaded" if created else "unchanged"
        self.stdout.write(
            f"{framework.code} version {framework.version} ({framework.status}) {state}: "
            f"{framework.dimensions.count()} dimensions, {questions} questions.\n"
        )
