# ruff: noqa: RUF001  (en dashes belong in the titles' year ranges)
"""Demo commitments and practices, in our own words, after the kinds of entries in DOMAIN.md.

Anonymous entries carry a submitter's e-mail and no account; those still "pending" are published
as not verified and wait in the demo reviewer's queue (Honduras, Mexico, El Salvador).
"""

from __future__ import annotations

from typing import Any

COMMITMENTS: list[dict[str, Any]] = [
    {
        "slug": "maipu-gobernanza-migratoria-e-inclusion-social",
        "organisation": "ilustre-municipalidad-de-maipu",
        "kind": "commitment",
        "status": "in_progress",
        "state": "verified",
        "language": "es",
        "start": "2022-03-01",
        "end": "2025-12-31",
        "objectives": ["gcm-16", "gcm-15", "gcm-23"],
        "sdgs": ["sdg-10.7", "sdg-11", "sdg-16"],
        "themes": ["human-rights", "advocacy-policy"],
        "partners": "Consejo comunal de organizaciones migrantes\nUniversidades de la zona",
        "funding": "Presupuesto municipal",
        "links": "",
        "published": "2023-04-12T10:00:00",
        "title": {
            "es": "Maipú refuerza su capacidad de gobernar la migración y la inclusión social",
            "en": "Maipú builds its capacity to govern migration and promote social inclusion",
        },
        "summary": {
            "es": "Una oficina municipal coordinada, funcionarios formados y una mesa con las "
            "organizaciones migrantes para que los servicios de la comuna lleguen a todos.",
            "en": "A coordinated municipal office, trained officials and a round table with "
            "migrant organisations, so that the borough's services reach everyone.",
        },
        "description": {
            "es": "La comuna se propone:\n\n"
            "- ordenar en **una sola oficina** la orientación a personas migrantes;\n"
            "- formar a su personal de atención en derechos y no discriminación;\n"
            "- reunir cada trimestre una mesa con organizaciones migrantes y vecinales.\n\n"
            "El avance se publica en este registro.",
            "en": "The borough intends to:\n\n"
            "- bring guidance for migrants together in **a single office**;\n"
            "- train its front-line staff in rights and non-discrimination;\n"
            "- convene a round table of migrant and neighbourhood groups every quarter.\n\n"
            "Progress is published in this registry.",
        },
        "updates": [
            {
                "date": "2023-10-02",
                "text": {
                    "es": "Se abrió la oficina única y 40 funcionarias y funcionarios completaron "
                    "el primer módulo de formación.",
                    "en": "The single office opened and 40 officials completed the first "
                    "training module.",
                },
            },
            {
                "date": "2024-06-18",
                "text": {
                    "es": "La mesa con organizaciones migrantes sesionó cuatro veces este año.",
                    "en": "The round table with migrant organisations met four times this year.",
                },
            },
        ],
    },
    {
        "slug": "terrassa-docentes-darija-competencias-interculturales",
        "organisation": "ajuntament-de-terrassa",
        "kind": "commitment",
        "status": "in_progress",
        "state": "verified",
        "language": "es",
        "start": "2023-09-01",
        "end": "2026-06-30",
        "objectives": ["gcm-16", "gcm-17", "gcm-15"],
        "sdgs": ["sdg-04", "sdg-10"],
        "themes": ["education", "anti-racism"],
        "partners": "Centros de primaria y secundaria de la ciudad\nAsociaciones de familias",
        "funding": "Ayuntamiento\nFondos autonómicos de educación",
        "links": "",
        "published": "2023-11-20T09:30:00",
        "title": {
            "es": "Terrassa forma a sus docentes en darija y en competencias interculturales",
            "en": "Terrassa trains its teachers in Moroccan Arabic and intercultural skills",
        },
        "summary": {
            "es": "Cursos para maestras y profesores de primaria y secundaria en árabe marroquí, "
            "mediación intercultural y prácticas antirracistas en el aula.",
            "en": "Courses for primary and secondary teachers in Moroccan Arabic, intercultural "
            "mediation and anti-racist classroom practice.",
        },
        "description": {
            "es": "Alrededor de uno de cada dieciséis habitantes de la ciudad tiene origen "
            "marroquí, y en algunos barrios la proporción llega a cerca de dos de cada cinco. "
            "Los cursos ayudan a los centros a hablar con las familias y a prevenir el racismo.",
            "en": "Around one in sixteen residents has Moroccan roots, and in some "
            "neighbourhoods the share is close to two in five. The courses help schools talk "
            "with families and prevent racism.",
        },
        "updates": [
            {
                "date": "2024-02-15",
                "text": {
                    "es": "Primera promoción: 60 docentes de 12 centros.",
                    "en": "First cohort: 60 teachers from 12 schools.",
                },
            }
        ],
    },
    {
        "slug": "carmen-de-la-legua-plan-local-migrantes-refugiados-2023-2026",
        "organisation": "municipalidad-distrital-de-carmen-de-la-legua-reynoso",
        "kind": "commitment",
        "status": "in_progress",
        "state": "pending",
        "anonymous_email": "vecina.callao@example.org",
        "language": "es",
        "start": "2023-01-01",
        "end": "2026-12-31",
        "objectives": ["gcm-15", "gcm-16", "gcm-07"],
        "sdgs": ["sdg-10.7", "sdg-11"],
        "themes": ["human-rights", "community-organising"],
        "partners": "",
        "funding": "",
        "links": "",
        "published": "2024-03-08T16:00:00",
        "title": {
            "es": "Plan municipal de acción local para personas migrantes y refugiadas 2023–2026",
        },
        "summary": {
            "es": "El distrito aprobó un plan con acciones de acogida, acceso a servicios y "
            "convivencia para las personas migrantes y refugiadas que viven en él.",
        },
        "description": {
            "es": "Enviado por una vecina del distrito. El plan incluye orientación en la "
            "municipalidad, campañas contra la discriminación y trabajo con las juntas "
            "vecinales.",
        },
        "updates": [],
    },
    {
        "slug": "legazpi-mesa-de-ayuda-trabajadores-en-el-exterior",
        "organisation": "city-government-of-legazpi",
        "kind": "commitment",
        "status": "in_progress",
        "state": "verified",
        "language": "en",
        "start": "2022-07-01",
        "end": None,
        "objectives": ["gcm-03", "gcm-06", "gcm-19"],
        "sdgs": ["sdg-08", "sdg-10.7"],
        "themes": ["labour-inclusion", "return-reintegration"],
        "partners": "Civil-society organisations\nDiaspora associations",
        "funding": "City budget",
        "links": "",
        "published": "2023-02-01T08:00:00",
        "title": {
            "en": "Legazpi City expands its help desk for overseas workers",
            "es": "Legazpi amplía su mesa de ayuda para trabajadores en el exterior",
        },
        "summary": {
            "en": "One desk in city hall explains the process and risks of working abroad, plans "
            "pre-departure seminars and follows workers' families' needs with the diaspora.",
            "es": "Una ventanilla en el ayuntamiento explica los trámites y riesgos de trabajar "
            "en el exterior, organiza seminarios previos a la partida y sigue las necesidades de "
            "las familias con la diáspora.",
        },
        "description": {
            "en": "The desk gathers information on government services, maps the stakeholders "
            "with civil society and plans better access to health care for workers' families.",
            "es": "La ventanilla reúne información sobre servicios públicos, mapea a los actores "
            "junto con la sociedad civil y prepara un mejor acceso a la salud para las familias.",
        },
        "updates": [],
    },
    {
        "slug": "programa-conjunto-migracion-desarrollo-sostenible-2019-2023",
        "organisation": "programa-regional-gobernanza-migratoria-local-honduras",
        "kind": "programme",
        "status": "completed",
        "state": "verified",
        "language": "es",
        "start": "2019-01-01",
        "end": "2023-12-31",
        "objectives": ["gcm-23", "gcm-01", "gcm-19"],
        "sdgs": ["sdg-17", "sdg-10.7"],
        "themes": ["advocacy-policy", "research-data"],
        "partners": "Gobiernos locales participantes\nAgencias de cooperación",
        "funding": "Fondo multidonante",
        "links": "",
        "published": "2022-05-05T12:00:00",
        "title": {
            "es": "Programa conjunto sobre migración para el desarrollo sostenible (2019–2023)",
            "en": "Joint programme on migration for sustainable development (2019–2023)",
        },
        "summary": {
            "es": "Cinco años de apoyo a gobiernos locales para incluir la migración en sus "
            "planes de desarrollo, con datos, formación y alianzas.",
            "en": "Five years of support for local governments to bring migration into their "
            "development plans, with data, training and partnerships.",
        },
        "description": {
            "es": "El programa terminó en 2023. Sus guías y lecciones aprendidas alimentan los "
            "cursos de la plataforma.",
            "en": "The programme ended in 2023. Its guides and lessons learnt feed the "
            "platform's courses.",
        },
        "updates": [],
    },
    {
        "slug": "capacitaciones-a-medios-narrativa-equilibrada-migracion",
        "organisation_name": "Red de Comunicadoras y Comunicadores por la Movilidad Humana",
        "country": "SV",
        "kind": "practice",
        "status": "in_progress",
        "state": "pending",
        "anonymous_email": "red.comunicadores@example.org",
        "language": "es",
        "start": "2024-02-01",
        "end": None,
        "objectives": ["gcm-17", "gcm-03"],
        "sdgs": ["sdg-16"],
        "themes": ["anti-racism", "advocacy-policy"],
        "partners": "",
        "funding": "",
        "links": "",
        "published": "2024-05-20T11:00:00",
        "title": {"es": "Capacitaciones a medios para una narrativa equilibrada sobre migración"},
        "summary": {
            "es": "Talleres con redacciones locales para informar sobre migración con datos, sin "
            "estereotipos y dando voz a las personas migrantes.",
        },
        "description": {
            "es": "Cada taller dura una jornada e incluye ejercicios con titulares reales.",
        },
        "updates": [],
    },
    {
        "slug": "academia-de-periodismo-sobre-movilidad-humana",
        "organisation_name": "Academia de Periodismo sobre Movilidad Humana",
        "country": "MX",
        "kind": "practice",
        "status": "in_progress",
        "state": "pending",
        "anonymous_email": "academia.periodismo@example.org",
        "language": "es",
        "start": "2023-08-01",
        "end": None,
        "objectives": ["gcm-17", "gcm-03"],
        "sdgs": ["sdg-04", "sdg-16"],
        "themes": ["education", "advocacy-policy"],
        "partners": "Universidades públicas",
        "funding": "",
        "links": "",
        "published": "2024-06-03T13:00:00",
        "title": {"es": "Academia de cursos en línea para periodistas sobre movilidad humana"},
        "summary": {
            "es": "Cursos gratuitos para periodistas sobre cómo cubrir la migración, el refugio y "
            "el retorno con rigor y respeto.",
        },
        "description": {"es": "Tres cursos al año, con certificado y tutoría."},
        "updates": [],
    },
    {
        "slug": "san-pedro-sula-ventanilla-personas-retornadas",
        "organisation": "alcaldia-municipal-de-san-pedro-sula",
        "kind": "commitment",
        "status": "planned",
        "state": "pending",
        "submitted_by": "focal.point@demo.migralocal.org",
        "language": "es",
        "start": "2025-01-01",
        "end": "2026-12-31",
        "objectives": ["gcm-21", "gcm-03", "gcm-12"],
        "sdgs": ["sdg-08", "sdg-10.7"],
        "themes": ["return-reintegration", "labour-inclusion"],
        "partners": "Centro de información sobre migración",
        "funding": "Presupuesto municipal",
        "links": "",
        "published": "2024-09-10T10:00:00",
        "title": {
            "es": "Ventanilla municipal para personas retornadas en San Pedro Sula",
            "en": "A municipal window for returnees in San Pedro Sula",
        },
        "summary": {
            "es": "Atención en un solo lugar para quienes regresan: documentos, empleo, "
            "apoyo psicosocial y referencia a servicios.",
            "en": "One place for people who return: documents, jobs, psychosocial support and "
            "referral to services.",
        },
        "description": {"es": "La ventanilla funcionará junto al centro de información."},
        "updates": [],
    },
    {
        "slug": "feria-de-empleo-para-personas-retornadas-choloma",
        "organisation": "municipalidad-de-choloma",
        "kind": "practice",
        "status": "planned",
        "state": "changes_requested",
        "anonymous_email": "empleo.choloma@example.org",
        "language": "es",
        "start": "2025-03-01",
        "end": None,
        "objectives": ["gcm-21", "gcm-18"],
        "sdgs": ["sdg-08"],
        "themes": ["labour-inclusion"],
        "partners": "",
        "funding": "",
        "links": "",
        "published": "2024-10-01T09:00:00",
        "change_request": "Indique quién organiza la feria y con qué empresas, por favor.",
        "title": {"es": "Feria de empleo para personas retornadas"},
        "summary": {"es": "Una feria anual con empresas de la zona para personas retornadas."},
        "description": {"es": ""},
        "updates": [],
    },
    {
        "slug": "quito-formacion-funcionarios-movilidad-humana",
        "organisation": "municipio-del-distrito-metropolitano-de-quito",
        "kind": "practice",
        "status": "completed",
        "state": "verified",
        "language": "es",
        "start": "2021-05-01",
        "end": "2022-12-31",
        "objectives": ["gcm-15", "gcm-16", "gcm-12"],
        "sdgs": ["sdg-10.7", "sdg-11", "sdg-05"],
        "themes": ["advocacy-policy", "gender-equality"],
        "partners": "Secretarías metropolitanas",
        "funding": "Cooperación internacional",
        "links": "",
        "published": "2023-01-16T15:00:00",
        "title": {
            "es": "Quito forma a su personal en movilidad humana y rutas de atención",
            "en": "Quito trains its staff in human mobility and referral pathways",
        },
        "summary": {
            "es": "Cursos presenciales y en línea para funcionarias y funcionarios "
            "metropolitanos, con participación equilibrada de mujeres y hombres.",
            "en": "In-person and online courses for metropolitan officials, with balanced "
            "participation of women and men.",
        },
        "description": {
            "es": "Más de doscientas personas de varias secretarías completaron la formación.",
            "en": "More than two hundred people from several secretariats completed the course.",
        },
        "updates": [],
    },
]
