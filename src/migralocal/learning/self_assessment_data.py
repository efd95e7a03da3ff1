"""The shipped organisational self-assessment: five statements in each of the four capacity
areas, rated from 0 (not at all) to 4 (fully in place). Plain data; loaded by a migration."""

from __future__ import annotations

QUESTIONS: list[dict] = [
    # digital transformation
    {"code": "dt-tools", "area": "digital-transformation", "text": {
        "es": "El equipo usa herramientas digitales compartidas para planificar y dar seguimiento.",
        "en": "The team uses shared digital tools to plan and follow up its work."}},
    {"code": "dt-data-protection", "area": "digital-transformation", "text": {
        "es": "Protegemos los datos personales de las personas migrantes con reglas escritas.",
        "en": "We protect migrants' personal data with written rules."}},
    {"code": "dt-online-services", "area": "digital-transformation", "text": {
        "es": "Ofrecemos orientación o servicios en línea a las personas que atendemos.",
        "en": "We offer guidance or services online to the people we serve."}},
    {"code": "dt-skills", "area": "digital-transformation", "text": {
        "es": "El personal recibe formación regular en competencias digitales.",
        "en": "Staff receive regular training in digital skills."}},
    {"code": "dt-security", "area": "digital-transformation", "text": {
        "es": "Tenemos copias de seguridad y cuentas protegidas con doble factor.",
        "en": "We keep back-ups and protect accounts with two-factor sign-in."}},
    # organisational adaptability
    {"code": "oa-planning", "area": "organisational-adaptability", "text": {
        "es": "Revisamos nuestro plan de trabajo cuando cambia el contexto migratorio.",
        "en": "We review our work plan when the migration context changes."}},
    {"code": "oa-feedback", "area": "organisational-adaptability", "text": {
        "es": "Recogemos la opinión de las personas atendidas y la usamos para mejorar.",
        "en": "We collect the views of the people we serve and use them to improve."}},
    {"code": "oa-continuity", "area": "organisational-adaptability", "text": {
        "es": "Tenemos un plan para seguir trabajando durante emergencias o crisis.",
        "en": "We have a plan to keep working through emergencies or crises."}},
    {"code": "oa-learning", "area": "organisational-adaptability", "text": {
        "es": "El equipo comparte aprendizajes y buenas prácticas de forma sistemática.",
        "en": "The team shares lessons and good practice systematically."}},
    {"code": "oa-partnerships", "area": "organisational-adaptability", "text": {
        "es": "Trabajamos en alianza con otras organizaciones y con el gobierno local.",
        "en": "We work in partnership with other organisations and local government."}},
    # financial sustainability
    {"code": "fs-diverse-funding", "area": "financial-sustainability", "text": {
        "es": "Ningún financiador aporta más de la mitad de nuestro presupuesto.",
        "en": "No single funder provides more than half of our budget."}},
    {"code": "fs-budget", "area": "financial-sustainability", "text": {
        "es": "Preparamos un presupuesto anual y lo comparamos con el gasto real.",
        "en": "We prepare an annual budget and compare it with actual spending."}},
    {"code": "fs-reserves", "area": "financial-sustainability", "text": {
        "es": "Tenemos reservas para cubrir al menos tres meses de operación.",
        "en": "We hold reserves to cover at least three months of operation."}},
    {"code": "fs-accountability", "area": "financial-sustainability", "text": {
        "es": "Publicamos informes financieros o auditorías cada año.",
        "en": "We publish financial reports or audits every year."}},
    {"code": "fs-proposals", "area": "financial-sustainability", "text": {
        "es": "Contamos con capacidad para redactar propuestas de financiamiento.",
        "en": "We have the capacity to write funding proposals."}},
    # racial profiling and non-discrimination
    {"code": "nd-policy", "area": "racial-profiling-non-discrimination", "text": {
        "es": "Tenemos una política escrita contra la discriminación y el perfilamiento racial.",
        "en": "We have a written policy against discrimination and racial profiling."}},
    {"code": "nd-training", "area": "racial-profiling-non-discrimination", "text": {
        "es": "El personal se forma en enfoques antirracistas e interculturales.",
        "en": "Staff are trained in anti-racist and intercultural approaches."}},
    {"code": "nd-complaints", "area": "racial-profiling-non-discrimination", "text": {
        "es": "Las personas pueden presentar quejas por trato discriminatorio y reciben respuesta.",
        "en": "People can complain about discriminatory treatment and receive an answer."}},
    {"code": "nd-data", "area": "racial-profiling-non-discrimination", "text": {
        "es": "Analizamos nuestros datos para detectar trato desigual entre grupos.",
        "en": "We analyse our data to detect unequal treatment between groups."}},
    {"code": "nd-advocacy", "area": "racial-profiling-non-discrimination", "text": {
        "es": "Documentamos casos de perfilamiento racial y los llevamos a las autoridades.",
        "en": "We document cases of racial profiling and raise them with the authorities."}},
]  # fmt: skip


def load_self_assessment_questions(apps: object, schema_editor: object = None) -> None:
    """Upsert the statements with historical models (parler's tables written directly)."""
    question_model = apps.get_model("learning", "SelfAssessmentQuestion")  # type: ignore[attr-defined]
    translation_model = apps.get_model("learning", "SelfAssessmentQuestionTranslation")  # type: ignore[attr-defined]
    term_model = apps.get_model("core", "TaxonomyTerm")  # type: ignore[attr-defined]
    for position, spec in enumerate(QUESTIONS):
        area = term_model.objects.get(
            taxonomy__code="organisation-capacity-areas", code=spec["area"]
        )
        question, _created = question_model.objects.update_or_create(
            code=spec["code"], defaults={"area": area, "position": position}
        )
        for language, text in spec["text"].items():
            translation_model.objects.update_or_create(
                master=question, language_code=language, defaults={"text": text}
            )
