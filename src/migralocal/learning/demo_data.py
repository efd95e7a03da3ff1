"""Demo content for Learning: courses with lessons and quizzes, learning paths. Plain data."""

from __future__ import annotations


def _lesson(es_title: str, en_title: str, es_body: str, en_body: str, minutes: int = 20) -> dict:
    return {
        "title": {"es": es_title, "en": en_title},
        "body": {"es": es_body, "en": en_body},
        "minutes": minutes,
    }


def _quiz(es_q: str, en_q: str, options: list[tuple[str, str, bool]], kind: str = "single") -> dict:
    return {
        "text": {"es": es_q, "en": en_q},
        "kind": kind,
        "choices": [{"text": {"es": es, "en": en}, "correct": ok} for es, en, ok in options],
    }


CERTIFICATION_COURSES: list[dict] = [
    {
        "slug": "acceso-a-derechos",
        "module": 1,
        "title": {
            "es": "Acceso a derechos de las personas migrantes",
            "en": "Access to rights for migrants",
        },
        "summary": {
            "es": "Derechos de las personas migrantes y cómo garantizarlos desde el municipio.",
            "en": "Migrants' rights and how a municipality can guarantee them.",
        },
        "lessons": [
            _lesson(
                "Marco de derechos", "The rights framework",
                "## Derechos para todas las personas\n\nLas personas migrantes tienen los mismos "
                "**derechos humanos** que cualquier otra persona, sin importar su situación "
                "migratoria.\n\n- Salud\n- Educación\n- Acceso a la justicia",
                "## Rights for everyone\n\nMigrants hold the same **human rights** as anyone "
                "else, whatever their migration status.\n\n- Health\n- Education\n- Access to "
                "justice",
            ),
            _lesson(
                "Barreras de acceso en lo local", "Barriers to access at local level",
                "Identifique las barreras **documentales, de idioma y de información** que "
                "encuentran las personas en su municipio.",
                "Identify the **document, language and information** barriers people meet in "
                "your municipality.",
            ),
        ],
        "quiz": [
            _quiz(
                "¿Quién tiene derecho a la atención de salud de urgencia?",
                "Who is entitled to emergency health care?",
                [("Toda persona, sin importar su situación migratoria", "Everyone, whatever "
                  "their migration status", True),
                 ("Solo las personas con residencia", "Only residents", False)],
            ),
            _quiz(
                "¿Qué barreras de acceso son frecuentes?", "Which barriers to access are common?",
                [("Documentos", "Documents", True), ("Idioma", "Language", True),
                 ("La estatura", "Height", False)],
                kind="multiple",
            ),
        ],
    },
    {
        "slug": "integracion-economica-social-cultural-politica",
        "module": 2,
        "title": {
            "es": "Integración económica, social, cultural y política",
            "en": "Economic, social, cultural and political integration",
        },
        "summary": {
            "es": "Herramientas municipales para la integración y la cohesión social.",
            "en": "Municipal tools for integration and social cohesion.",
        },
        "lessons": [
            _lesson(
                "Integración socioeconómica", "Socio-economic integration",
                "El empleo, la vivienda y la inclusión financiera son la base de la "
                "integración.",
                "Work, housing and financial inclusion are the basis of integration.",
            ),
            _lesson(
                "Participación y cohesión", "Participation and cohesion",
                "Abra espacios de **participación** para las personas migrantes en la vida "
                "local.",
                "Open spaces for migrants to **take part** in local life.",
            ),
        ],
        "quiz": [
            _quiz(
                "¿Qué favorece la cohesión social?", "What favours social cohesion?",
                [("Espacios de participación compartidos", "Shared spaces for participation",
                  True), ("Servicios separados por nacionalidad", "Services separated by "
                  "nationality", False)],
            ),
        ],
    },
    {
        "slug": "diseno-de-politica-publica-migratoria",
        "module": 3,
        "title": {
            "es": "Diseño de política pública migratoria",
            "en": "Designing public policy on migration",
        },
        "summary": {
            "es": "Del diagnóstico al plan de trabajo con mecanismo de monitoreo.",
            "en": "From diagnostic to a work plan with a monitoring mechanism.",
        },
        "lessons": [
            _lesson(
                "Diagnóstico y priorización", "Diagnostic and prioritisation",
                "Use la evidencia del diagnóstico para **priorizar** acciones por impacto y "
                "factibilidad.",
                "Use the diagnostic's evidence to **prioritise** actions by impact and "
                "feasibility.",
            ),
            _lesson(
                "Plan de trabajo y monitoreo", "Work plan and monitoring",
                "Cada acción tiene responsable, plazo, presupuesto e indicador.",
                "Each action has an owner, a deadline, a budget and an indicator.",
            ),
        ],
        "quiz": [
            _quiz(
                "¿Qué debe tener cada acción del plan?", "What must each action of the plan have?",
                [("Responsable y plazo", "An owner and a deadline", True),
                 ("Un eslogan", "A slogan", False)],
            ),
        ],
    },
    {
        "slug": "gobernanza-migratoria-basica",
        "module": 4,
        "title": {
            "es": "Fundamentos de gobernanza migratoria",
            "en": "Migration governance basics",
        },
        "summary": {
            "es": "Principios y objetivos de la gobernanza migratoria y su versión local.",
            "en": "Principles and objectives of migration governance and its local version.",
        },
        "lessons": [
            _lesson(
                "Principios y objetivos", "Principles and objectives",
                "La gobernanza migratoria se apoya en los **derechos**, la **evidencia** y las "
                "**alianzas**.",
                "Migration governance rests on **rights**, **evidence** and **partnerships**.",
            ),
            _lesson(
                "Gobernanza local", "Local governance",
                "El municipio coordina con el gobierno nacional y la sociedad civil.",
                "The municipality coordinates with national government and civil society.",
            ),
        ],
        "quiz": [
            _quiz(
                "¿En qué se apoya la gobernanza migratoria?", "What does migration governance "
                "rest on?",
                [("Derechos, evidencia y alianzas", "Rights, evidence and partnerships", True),
                 ("Solo control fronterizo", "Border control only", False)],
            ),
        ],
    },
]  # fmt: skip

CAPACITY_COURSES: list[dict] = [
    {
        "slug": "transformacion-digital-para-osc",
        "area": "digital-transformation",
        "title": {"es": "Transformación digital para OSC", "en": "Digital transformation for CSOs"},
        "summary": {"es": "Herramientas digitales y protección de datos.",
                    "en": "Digital tools and data protection."},
        "lessons": [
            _lesson("Herramientas compartidas", "Shared tools",
                    "Elija herramientas que el equipo pueda usar sin conexión estable.",
                    "Choose tools the team can use without a stable connection."),
            _lesson("Protección de datos", "Data protection",
                    "Recoja **solo los datos necesarios** y protéjalos.",
                    "Collect **only the data you need** and protect it."),
        ],
        "quiz": [_quiz("¿Qué datos conviene recoger?", "Which data should you collect?",
                       [("Solo los necesarios", "Only those needed", True),
                        ("Todos los posibles", "As many as possible", False)])],
    },
    {
        "slug": "adaptabilidad-organizacional",
        "area": "organisational-adaptability",
        "title": {"es": "Adaptabilidad organizacional", "en": "Organisational adaptability"},
        "summary": {"es": "Planificar y ajustar ante contextos cambiantes.",
                    "en": "Planning and adjusting as the context changes."},
        "lessons": [
            _lesson("Planes flexibles", "Flexible plans",
                    "Revise su plan cada trimestre.", "Review your plan every quarter."),
        ],
        "quiz": [_quiz("¿Cada cuánto revisar el plan?", "How often to review the plan?",
                       [("Con regularidad", "Regularly", True), ("Nunca", "Never", False)])],
    },
    {
        "slug": "sostenibilidad-financiera",
        "area": "financial-sustainability",
        "title": {"es": "Sostenibilidad financiera", "en": "Financial sustainability"},
        "summary": {"es": "Diversificar fondos y rendir cuentas.",
                    "en": "Diversifying funds and accounting for them."},
        "lessons": [
            _lesson("Diversificar el financiamiento", "Diversifying funding",
                    "Evite depender de un solo financiador.", "Avoid depending on one funder."),
        ],
        "quiz": [_quiz("¿Qué reduce el riesgo financiero?", "What reduces financial risk?",
                       [("Varias fuentes de fondos", "Several sources of funds", True),
                        ("Un solo financiador", "A single funder", False)])],
    },
    {
        "slug": "perfilamiento-racial-y-no-discriminacion",
        "area": "racial-profiling-non-discrimination",
        "title": {"es": "Perfilamiento racial y no discriminación",
                  "en": "Racial profiling and non-discrimination"},
        "summary": {"es": "Reconocer, documentar y prevenir el perfilamiento racial.",
                    "en": "Recognising, documenting and preventing racial profiling."},
        "lessons": [
            _lesson("Reconocer el perfilamiento", "Recognising profiling",
                    "El perfilamiento racial es tratar a alguien como sospechoso por su origen.",
                    "Racial profiling is treating someone as a suspect because of their origin."),
            _lesson("Documentar casos", "Documenting cases",
                    "Registre fecha, lugar, autoridad y testigos.",
                    "Record the date, place, authority and witnesses."),
        ],
        "quiz": [_quiz("¿Qué registrar al documentar un caso?", "What to record for a case?",
                       [("Fecha y lugar", "Date and place", True),
                        ("Autoridad involucrada", "Authority involved", True),
                        ("Color favorito", "Favourite colour", False)], kind="multiple")],
    },
]  # fmt: skip

PATHS: list[dict] = [
    {
        "slug": "organizacion-digital-y-resiliente",
        "areas": ["digital-transformation", "organisational-adaptability"],
        "courses": ["transformacion-digital-para-osc", "adaptabilidad-organizacional"],
        "title": {"es": "Organización digital y resiliente",
                  "en": "Digital and resilient organisation"},
        "profile": {"es": "Equipos que atienden en línea y en terreno",
                    "en": "Teams serving people online and in the field"},
        "description": {"es": "Herramientas digitales seguras y planes que se adaptan.",
                        "en": "Safe digital tools and plans that adapt."},
    },
    {
        "slug": "finanzas-sostenibles",
        "areas": ["financial-sustainability"],
        "courses": ["sostenibilidad-financiera", "adaptabilidad-organizacional"],
        "title": {"es": "Finanzas sostenibles", "en": "Sustainable finances"},
        "profile": {"es": "Dirección y administración de OSC", "en": "CSO management and finance"},
        "description": {"es": "Diversificar ingresos y rendir cuentas.",
                        "en": "Diversify income and account for it."},
    },
    {
        "slug": "derechos-sin-discriminacion",
        "areas": ["racial-profiling-non-discrimination"],
        "courses": ["perfilamiento-racial-y-no-discriminacion", "acceso-a-derechos"],
        "title": {"es": "Derechos sin discriminación", "en": "Rights without discrimination"},
        "profile": {"es": "Equipos de atención y defensa", "en": "Front-line and advocacy teams"},
        "description": {"es": "Prevenir y documentar el perfilamiento racial.",
                        "en": "Prevent and document racial profiling."},
    },
]  # fmt: skip
