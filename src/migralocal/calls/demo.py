"""The demo's call: MigraCiudades' call for the 2026 rounds, closed, with a cohort of the demo
municipalities of its countries that have a 2026 round, and one application still waiting for a
decision (a municipality without a 2026 round: accepting it starts one). Loaded after the
programmes' demo; the call is upserted (its deadline is past, as a recorded call's is), the
applications and decisions go through the services, and loading twice is a no-op."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from migralocal.assessments.models import Assessment, Framework, Stage
from migralocal.calls import services
from migralocal.calls.models import Call, CallApplication
from migralocal.core.demo import DEMO_DOMAIN, Writer, set_translations, upsert
from migralocal.core.models import Organisation, User
from migralocal.programmes.models import Programme

PROGRAMME = "migraciudades-convocatoria-2025"
YEAR = 2026
DEADLINE = datetime.date(2025, 11, 30)
TEXTS = {
    "title": {
        "es": "Convocatoria MigraCiudades 2026",
        "en": "MigraCiudades 2026 call",
    },
    "description": {
        "es": "Municipios de Chile, Ecuador, España, Perú y Filipinas que quieran recorrer juntos "
        "el ciclo de certificación en gobernanza migratoria local en 2026: autoevaluación, "
        "revisión, taller, plan de trabajo y sello.",
        "en": "Municipalities of Chile, Ecuador, Spain, Peru and the Philippines that want to go "
        "through the local migration governance certification cycle together in 2026: "
        "self-assessment, review, workshop, work plan and seal.",
    },
}
MOTIVATION = (
    "El municipio quiere medir su gestión de la movilidad humana con otros municipios de la "
    "región y aprender de ellos en los talleres de la cohorte."
)
# Without a 2026 round: its application waits for the managers' decision.
WAITING = "municipalidad-distrital-de-carmen-de-la-legua-reynoso"


def _applied_on() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(DEADLINE, datetime.time(10)))


@transaction.atomic
def load(stdout: Writer) -> None:
    programme = Programme.objects.filter(slug=PROGRAMME).first()
    framework = (
        Framework.objects.filter(status=Framework.Status.PUBLISHED)
        .order_by("-published_at", "-version")
        .first()
    )
    admin = User.objects.filter(email=f"admin@{DEMO_DOMAIN}").first()
    manager = User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()
    if None in (programme, framework, admin, manager):
        stdout.write("Calls: skipped (no MigraCiudades programme or framework).\n")
        return
    assert programme is not None and framework is not None  # noqa: S101  (for mypy)
    assert admin is not None and manager is not None  # noqa: S101  (for mypy)
    call = upsert(
        Call,
        {"programme": programme, "year": YEAR},
        {"framework": framework, "deadline": DEADLINE},
    )
    set_translations(call, TEXTS)
    with_rounds = Organisation.objects.filter(
        assessments__year=YEAR,
        assessments__framework=framework,
        country__in=programme.countries.all(),
    ).exclude(assessments__stage__in=[Stage.DECLINED, Stage.APPLIED])
    municipalities = [*with_rounds.distinct().order_by("name")]
    waiting = Organisation.objects.filter(slug=WAITING).first()
    if waiting is not None and not Assessment.objects.filter(organisation=waiting, year=YEAR):
        municipalities.append(waiting)
    added = 0
    for municipality in municipalities:
        if CallApplication.objects.filter(call=call, municipality=municipality).exists():
            continue
        application = services.call_apply(
            call=call,
            municipality=municipality,
            user=admin,
            motivation=MOTIVATION,
            now=_applied_on(),
        )
        added += 1
        if municipality != waiting:
            services.application_accept(application=application, user=manager)
    stdout.write(f"Calls: 1 call, {added} applications newly recorded.\n")
