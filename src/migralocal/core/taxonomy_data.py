"""Reference taxonomies for MigraLocal.

Plain data, no Django: the controlled vocabularies used to tag services, consultations,
organisations, assessments and commitments. Each taxonomy has a code, a bilingual name and
description, and an ordered list of terms (code, bilingual label and description, optional parent
term code). Labels and descriptions are short working texts written for the platform, not
official wording.
"""

from __future__ import annotations

TAXONOMIES: list[dict] = [
    {
        "code": "gcm-objectives",
        "name": {
            "es": "Objetivos del Pacto Mundial para la Migración",
            "en": "Global Compact for Migration objectives",
        },
        "description": {
            "es": (
                "Los 23 objetivos del Pacto Mundial para la Migración Segura, Ordenada y Regular, "
                "usados para clasificar compromisos, servicios y contenidos de aprendizaje."
            ),
            "en": (
                "The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration, "
                "used to tag commitments, services and learning content."
            ),
        },
        "terms": [
            {
                "code": "gcm-01",
                "label": {
                    "es": "Datos precisos y desglosados",
                    "en": "Accurate and disaggregated data",
                },
                "description": {
                    "es": (
                        "Recopilar, analizar y compartir datos confiables y desglosados para "
                        "diseñar políticas migratorias basadas en evidencia."
                    ),
                    "en": (
                        "Collect, analyse and share reliable, disaggregated data to design "
                        "evidence-based migration policies."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-02",
                "label": {
                    "es": "Reducir los factores adversos que impulsan la migración",
                    "en": "Minimise adverse drivers of migration",
                },
                "description": {
                    "es": (
                        "Atender los factores estructurales, como la pobreza, la violencia, los "
                        "desastres y el cambio climático, que obligan a las personas a dejar su "
                        "hogar."
                    ),
                    "en": (
                        "Tackle the structural factors, such as poverty, violence, disasters and "
                        "climate change, that force people to leave their homes."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-03",
                "label": {
                    "es": "Información oportuna en todas las etapas de la migración",
                    "en": "Timely information at all stages of migration",
                },
                "description": {
                    "es": (
                        "Brindar a las personas migrantes información precisa, oportuna y "
                        "accesible antes de partir, durante el tránsito y en el lugar de destino."
                    ),
                    "en": (
                        "Give migrants accurate, timely and accessible information before "
                        "departure, in transit and at destination."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-04",
                "label": {
                    "es": "Identidad jurídica y documentación",
                    "en": "Legal identity and documentation",
                },
                "description": {
                    "es": (
                        "Garantizar que cada persona migrante cuente con identidad jurídica y con "
                        "los documentos necesarios para acceder a derechos y servicios."
                    ),
                    "en": (
                        "Make sure every migrant has proof of legal identity and the documents "
                        "needed to access rights and services."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-05",
                "label": {"es": "Vías de migración regular", "en": "Regular migration pathways"},
                "description": {
                    "es": (
                        "Ampliar y diversificar las opciones regulares para migrar por trabajo, "
                        "estudio, familia o razones humanitarias."
                    ),
                    "en": (
                        "Expand and diversify regular options to migrate for work, study, family "
                        "or humanitarian reasons."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-06",
                "label": {
                    "es": "Contratación equitativa y trabajo decente",
                    "en": "Fair recruitment and decent work",
                },
                "description": {
                    "es": (
                        "Proteger a las personas trabajadoras migrantes de las prácticas de "
                        "contratación abusivas y garantizar condiciones de trabajo decentes."
                    ),
                    "en": (
                        "Protect migrant workers from abusive recruitment practices and guarantee "
                        "decent working conditions."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-07",
                "label": {
                    "es": "Reducir las vulnerabilidades en la migración",
                    "en": "Reduce vulnerabilities in migration",
                },
                "description": {
                    "es": (
                        "Identificar y atender los riesgos que enfrentan las personas migrantes, "
                        "con especial atención a la niñez y a quienes están en situación de "
                        "vulnerabilidad."
                    ),
                    "en": (
                        "Identify and respond to the risks migrants face, with special attention "
                        "to children and people in vulnerable situations."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-08",
                "label": {
                    "es": "Salvar vidas y buscar a migrantes desaparecidos",
                    "en": "Save lives and search for missing migrants",
                },
                "description": {
                    "es": (
                        "Prevenir muertes en las rutas migratorias, buscar a las personas "
                        "migrantes desaparecidas y apoyar a sus familias."
                    ),
                    "en": (
                        "Prevent deaths along migration routes, search for missing migrants and "
                        "support their families."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-09",
                "label": {
                    "es": "Combatir el tráfico ilícito de migrantes",
                    "en": "Counter migrant smuggling",
                },
                "description": {
                    "es": (
                        "Fortalecer la acción conjunta contra las redes de tráfico ilícito, "
                        "protegiendo los derechos de las personas migrantes objeto de tráfico."
                    ),
                    "en": (
                        "Strengthen joint action against smuggling networks while protecting the "
                        "rights of smuggled migrants."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-10",
                "label": {
                    "es": "Combatir la trata de personas",
                    "en": "Counter trafficking in persons",
                },
                "description": {
                    "es": (
                        "Prevenir la trata de personas, sancionar a los responsables, y proteger y "
                        "asistir a las víctimas y sobrevivientes."
                    ),
                    "en": (
                        "Prevent trafficking in persons, prosecute those responsible, and protect "
                        "and assist victims and survivors."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-11",
                "label": {
                    "es": "Gestión integrada y coordinada de fronteras",
                    "en": "Integrated and coordinated border management",
                },
                "description": {
                    "es": (
                        "Gestionar las fronteras de forma coordinada, segura y respetuosa de los "
                        "derechos humanos."
                    ),
                    "en": "Manage borders in a coordinated, safe way that respects human rights.",
                },
                "parent": None,
            },
            {
                "code": "gcm-12",
                "label": {
                    "es": "Identificación, evaluación y derivación",
                    "en": "Screening, assessment and referral",
                },
                "description": {
                    "es": (
                        "Aplicar procedimientos claros a la llegada para identificar necesidades y "
                        "derivar a las personas a la protección y los servicios adecuados."
                    ),
                    "en": (
                        "Use clear procedures on arrival to identify needs and refer people to the "
                        "right protection and services."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-13",
                "label": {
                    "es": "Detención solo como último recurso",
                    "en": "Detention only as a last resort",
                },
                "description": {
                    "es": (
                        "Recurrir a la detención migratoria solo cuando sea estrictamente "
                        "necesaria y por el menor tiempo posible, dando prioridad a las "
                        "alternativas."
                    ),
                    "en": (
                        "Use immigration detention only when strictly necessary and for the "
                        "shortest time, giving priority to alternatives."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-14",
                "label": {
                    "es": "Protección y asistencia consular",
                    "en": "Consular protection and assistance",
                },
                "description": {
                    "es": (
                        "Fortalecer los servicios consulares para que las personas connacionales "
                        "en el exterior reciban protección y apoyo."
                    ),
                    "en": (
                        "Strengthen consular services so that nationals abroad receive protection "
                        "and support."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-15",
                "label": {"es": "Acceso a servicios básicos", "en": "Access to basic services"},
                "description": {
                    "es": (
                        "Garantizar que las personas migrantes puedan usar de forma segura los "
                        "servicios de salud, educación y otros servicios básicos, sin importar su "
                        "situación migratoria."
                    ),
                    "en": (
                        "Ensure migrants can safely use health, education and other basic "
                        "services, whatever their migration status."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-16",
                "label": {
                    "es": "Inclusión y cohesión social",
                    "en": "Inclusion and social cohesion",
                },
                "description": {
                    "es": (
                        "Empoderar a las personas migrantes y a las comunidades de acogida para "
                        "construir sociedades inclusivas y cohesionadas."
                    ),
                    "en": (
                        "Empower migrants and host communities to build inclusive and cohesive "
                        "societies."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-17",
                "label": {
                    "es": "Eliminar la discriminación y promover un debate informado",
                    "en": "End discrimination and promote factual debate",
                },
                "description": {
                    "es": (
                        "Combatir toda forma de discriminación y promover un debate público sobre "
                        "la migración basado en evidencia."
                    ),
                    "en": (
                        "Combat all forms of discrimination and encourage public debate on "
                        "migration that is grounded in evidence."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-18",
                "label": {
                    "es": "Desarrollo y reconocimiento de competencias",
                    "en": "Skills development and recognition",
                },
                "description": {
                    "es": (
                        "Invertir en el desarrollo de habilidades y facilitar el reconocimiento de "
                        "las calificaciones y competencias de las personas migrantes."
                    ),
                    "en": (
                        "Invest in skills and make it easier to recognise the qualifications and "
                        "competences of migrants."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-19",
                "label": {
                    "es": "Contribuciones de la diáspora al desarrollo",
                    "en": "Diaspora contributions to development",
                },
                "description": {
                    "es": (
                        "Crear condiciones para que las personas migrantes y las diásporas "
                        "contribuyan al desarrollo en todos los países."
                    ),
                    "en": (
                        "Create conditions for migrants and diaspora communities to contribute to "
                        "development in all countries."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-20",
                "label": {
                    "es": "Remesas e inclusión financiera",
                    "en": "Remittances and financial inclusion",
                },
                "description": {
                    "es": (
                        "Lograr que el envío de remesas sea más rápido, seguro y económico, y "
                        "ampliar el acceso a servicios financieros."
                    ),
                    "en": (
                        "Make sending remittances faster, safer and cheaper, and widen access to "
                        "financial services."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-21",
                "label": {
                    "es": "Retorno seguro y reintegración sostenible",
                    "en": "Safe return and sustainable reintegration",
                },
                "description": {
                    "es": (
                        "Cooperar para que el retorno sea seguro y digno, y apoyar una "
                        "reintegración duradera en las comunidades de origen."
                    ),
                    "en": (
                        "Cooperate for safe and dignified return and support lasting reintegration "
                        "in communities of origin."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-22",
                "label": {
                    "es": "Portabilidad de la protección social",
                    "en": "Portability of social protection",
                },
                "description": {
                    "es": (
                        "Permitir que las personas trabajadoras migrantes conserven sus derechos "
                        "de seguridad social y los beneficios adquiridos al cambiar de país."
                    ),
                    "en": (
                        "Allow migrant workers to keep their social security rights and earned "
                        "benefits when they move between countries."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gcm-23",
                "label": {
                    "es": "Cooperación internacional y alianzas",
                    "en": "International cooperation and partnerships",
                },
                "description": {
                    "es": (
                        "Trabajar en conjunto entre países y sectores para lograr una migración "
                        "segura, ordenada y regular."
                    ),
                    "en": (
                        "Work together across countries and sectors to achieve safe, orderly and "
                        "regular migration."
                    ),
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "sdg",
        "name": {"es": "Objetivos de Desarrollo Sostenible", "en": "Sustainable Development Goals"},
        "description": {
            "es": (
                "Los 17 objetivos de la Agenda 2030, además de la meta 10.7 sobre políticas "
                "migratorias."
            ),
            "en": "The 17 goals of the 2030 Agenda, plus target 10.7 on migration policy.",
        },
        "terms": [
            {
                "code": "sdg-01",
                "label": {"es": "Fin de la pobreza", "en": "No poverty"},
                "description": {
                    "es": "Erradicar la pobreza extrema y reducir todas las formas de privación.",
                    "en": "Eradicate extreme poverty and reduce every form of deprivation.",
                },
                "parent": None,
            },
            {
                "code": "sdg-02",
                "label": {"es": "Hambre cero", "en": "Zero hunger"},
                "description": {
                    "es": (
                        "Acabar con el hambre, mejorar la nutrición y apoyar la agricultura "
                        "sostenible."
                    ),
                    "en": "End hunger, improve nutrition and support sustainable farming.",
                },
                "parent": None,
            },
            {
                "code": "sdg-03",
                "label": {"es": "Salud y bienestar", "en": "Good health and well-being"},
                "description": {
                    "es": "Vidas saludables y bienestar para las personas de todas las edades.",
                    "en": "Healthy lives and well-being for people of all ages.",
                },
                "parent": None,
            },
            {
                "code": "sdg-04",
                "label": {"es": "Educación de calidad", "en": "Quality education"},
                "description": {
                    "es": (
                        "Educación inclusiva, equitativa y de calidad, y oportunidades de "
                        "aprendizaje a lo largo de la vida."
                    ),
                    "en": (
                        "Inclusive, fair and good-quality education and lifelong learning "
                        "opportunities."
                    ),
                },
                "parent": None,
            },
            {
                "code": "sdg-05",
                "label": {"es": "Igualdad de género", "en": "Gender equality"},
                "description": {
                    "es": "Igualdad de derechos y oportunidades para las mujeres y las niñas.",
                    "en": "Equal rights and opportunities for women and girls.",
                },
                "parent": None,
            },
            {
                "code": "sdg-06",
                "label": {"es": "Agua limpia y saneamiento", "en": "Clean water and sanitation"},
                "description": {
                    "es": (
                        "Agua segura y saneamiento para todas las personas, con una gestión "
                        "sostenible."
                    ),
                    "en": "Safe water and sanitation for everyone, managed sustainably.",
                },
                "parent": None,
            },
            {
                "code": "sdg-07",
                "label": {
                    "es": "Energía asequible y no contaminante",
                    "en": "Affordable and clean energy",
                },
                "description": {
                    "es": "Energía confiable, moderna y asequible para todas las personas.",
                    "en": "Reliable, modern and affordable energy for all.",
                },
                "parent": None,
            },
            {
                "code": "sdg-08",
                "label": {
                    "es": "Trabajo decente y crecimiento económico",
                    "en": "Decent work and economic growth",
                },
                "description": {
                    "es": (
                        "Empleo productivo y trabajo decente, junto con un crecimiento económico "
                        "sostenible."
                    ),
                    "en": (
                        "Productive employment and decent work alongside sustainable economic "
                        "growth."
                    ),
                },
                "parent": None,
            },
            {
                "code": "sdg-09",
                "label": {
                    "es": "Industria, innovación e infraestructura",
                    "en": "Industry, innovation and infrastructure",
                },
                "description": {
                    "es": "Infraestructura resiliente, industrialización inclusiva e innovación.",
                    "en": "Resilient infrastructure, inclusive industry and innovation.",
                },
                "parent": None,
            },
            {
                "code": "sdg-10",
                "label": {"es": "Reducción de las desigualdades", "en": "Reduced inequalities"},
                "description": {
                    "es": "Reducir la desigualdad dentro de los países y entre ellos.",
                    "en": "Reduce inequality within and between countries.",
                },
                "parent": None,
            },
            {
                "code": "sdg-10.7",
                "label": {
                    "es": "Migración bien gestionada (meta 10.7)",
                    "en": "Well-managed migration (target 10.7)",
                },
                "description": {
                    "es": (
                        "Facilitar una migración ordenada, segura, regular y responsable mediante "
                        "políticas migratorias planificadas y bien gestionadas."
                    ),
                    "en": (
                        "Make migration orderly, safe, regular and responsible through "
                        "well-planned and well-managed migration policies."
                    ),
                },
                "parent": "sdg-10",
            },
            {
                "code": "sdg-11",
                "label": {
                    "es": "Ciudades y comunidades sostenibles",
                    "en": "Sustainable cities and communities",
                },
                "description": {
                    "es": (
                        "Ciudades y asentamientos humanos inclusivos, seguros, resilientes y "
                        "sostenibles."
                    ),
                    "en": (
                        "Inclusive, safe, resilient and sustainable cities and human settlements."
                    ),
                },
                "parent": None,
            },
            {
                "code": "sdg-12",
                "label": {
                    "es": "Producción y consumo responsables",
                    "en": "Responsible consumption and production",
                },
                "description": {
                    "es": "Usar los recursos naturales de forma eficiente y reducir los desechos.",
                    "en": "Use natural resources efficiently and cut waste.",
                },
                "parent": None,
            },
            {
                "code": "sdg-13",
                "label": {"es": "Acción por el clima", "en": "Climate action"},
                "description": {
                    "es": "Acción urgente frente al cambio climático y sus efectos.",
                    "en": "Urgent action against climate change and its effects.",
                },
                "parent": None,
            },
            {
                "code": "sdg-14",
                "label": {"es": "Vida submarina", "en": "Life below water"},
                "description": {
                    "es": "Proteger los océanos, los mares y los recursos marinos.",
                    "en": "Protect oceans, seas and marine resources.",
                },
                "parent": None,
            },
            {
                "code": "sdg-15",
                "label": {"es": "Vida de ecosistemas terrestres", "en": "Life on land"},
                "description": {
                    "es": (
                        "Proteger los ecosistemas terrestres y los bosques, y detener la pérdida "
                        "de biodiversidad."
                    ),
                    "en": "Protect land ecosystems and forests, and halt the loss of biodiversity.",
                },
                "parent": None,
            },
            {
                "code": "sdg-16",
                "label": {
                    "es": "Paz, justicia e instituciones sólidas",
                    "en": "Peace, justice and strong institutions",
                },
                "description": {
                    "es": (
                        "Sociedades pacíficas e inclusivas, con acceso a la justicia e "
                        "instituciones que rinden cuentas."
                    ),
                    "en": (
                        "Peaceful and inclusive societies with access to justice and accountable "
                        "institutions."
                    ),
                },
                "parent": None,
            },
            {
                "code": "sdg-17",
                "label": {
                    "es": "Alianzas para lograr los objetivos",
                    "en": "Partnerships for the goals",
                },
                "description": {
                    "es": (
                        "Mayor cooperación mundial y los medios necesarios para alcanzar los "
                        "objetivos."
                    ),
                    "en": "Stronger global cooperation and the means needed to achieve the goals.",
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "consultation-topics",
        "name": {"es": "Temas de consulta", "en": "Consultation topics"},
        "description": {
            "es": (
                "Temas sobre los que consultan las personas cuando acuden a un centro de "
                "información."
            ),
            "en": "Topics people ask about when they contact an information hub.",
        },
        "terms": [
            {
                "code": "labour-migration",
                "label": {"es": "Migración laboral", "en": "Labour migration"},
                "description": {
                    "es": (
                        "Trabajo en el extranjero, ofertas de empleo, contratos y derechos "
                        "laborales."
                    ),
                    "en": "Working abroad, job offers, contracts and labour rights.",
                },
                "parent": None,
            },
            {
                "code": "documents",
                "label": {
                    "es": "Regularización y documentos",
                    "en": "Regularisation and documents",
                },
                "description": {
                    "es": (
                        "Situación migratoria, permisos, visas, documentos de identidad y otros "
                        "trámites."
                    ),
                    "en": "Migration status, permits, visas, identity papers and other paperwork.",
                },
                "parent": None,
            },
            {
                "code": "asylum",
                "label": {"es": "Asilo y refugio", "en": "Asylum and refugee status"},
                "description": {
                    "es": "Solicitud de protección internacional y seguimiento del trámite.",
                    "en": "Applying for international protection and following up on the process.",
                },
                "parent": None,
            },
            {
                "code": "return-reintegration",
                "label": {"es": "Retorno y reintegración", "en": "Return and reintegration"},
                "description": {
                    "es": "Regreso al país de origen y reconstrucción del proyecto de vida.",
                    "en": "Coming back to the country of origin and rebuilding life there.",
                },
                "parent": None,
            },
            {
                "code": "health",
                "label": {"es": "Salud", "en": "Health"},
                "description": {
                    "es": "Acceso a atención médica, medicamentos y seguro de salud.",
                    "en": "Access to medical care, medicines and health insurance.",
                },
                "parent": None,
            },
            {
                "code": "psychosocial",
                "label": {"es": "Apoyo psicosocial", "en": "Psychosocial support"},
                "description": {
                    "es": "Malestar emocional, duelo, estrés o necesidad de hablar con alguien.",
                    "en": "Emotional distress, grief, stress or the need to talk to someone.",
                },
                "parent": None,
            },
            {
                "code": "education",
                "label": {"es": "Educación", "en": "Education"},
                "description": {
                    "es": "Inscripción escolar, reconocimiento de estudios, cursos y capacitación.",
                    "en": "School enrolment, recognition of studies, courses and training.",
                },
                "parent": None,
            },
            {
                "code": "housing",
                "label": {"es": "Vivienda", "en": "Housing"},
                "description": {
                    "es": "Albergue, alquiler y condiciones de vivienda.",
                    "en": "Shelter, renting and housing conditions.",
                },
                "parent": None,
            },
            {
                "code": "trafficking-smuggling",
                "label": {"es": "Trata y tráfico de personas", "en": "Trafficking and smuggling"},
                "description": {
                    "es": (
                        "Explotación, engaño o riesgos relacionados con redes de trata o de "
                        "tráfico de personas."
                    ),
                    "en": (
                        "Exploitation, deception or risks linked to trafficking or smuggling "
                        "networks."
                    ),
                },
                "parent": None,
            },
            {
                "code": "family-reunification",
                "label": {"es": "Reunificación familiar", "en": "Family reunification"},
                "description": {
                    "es": "Reunir a la familia o localizar a familiares.",
                    "en": "Bringing family members together or locating relatives.",
                },
                "parent": None,
            },
            {
                "code": "remittances",
                "label": {"es": "Remesas", "en": "Remittances"},
                "description": {
                    "es": "Envío y recepción de dinero de forma segura y a bajo costo.",
                    "en": "Sending and receiving money safely and at low cost.",
                },
                "parent": None,
            },
            {
                "code": "other",
                "label": {"es": "Otros temas", "en": "Other"},
                "description": {
                    "es": "Cualquier tema que no esté incluido en las demás categorías.",
                    "en": "Any topic not covered by the other categories.",
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "service-categories",
        "name": {"es": "Categorías de servicios", "en": "Service categories"},
        "description": {
            "es": (
                "Tipos de servicios disponibles para personas migrantes, usados para organizar el "
                "directorio de servicios."
            ),
            "en": (
                "Types of services available to migrants, used to organise the service directory."
            ),
        },
        "terms": [
            {
                "code": "information-orientation",
                "label": {"es": "Información y orientación", "en": "Information and orientation"},
                "description": {
                    "es": "Orientación general sobre derechos, trámites y dónde encontrar ayuda.",
                    "en": "General guidance on rights, procedures and where to find help.",
                },
                "parent": None,
            },
            {
                "code": "documents-procedures",
                "label": {"es": "Documentos y trámites", "en": "Documents and procedures"},
                "description": {
                    "es": (
                        "Apoyo para obtener documentos de identidad, permisos, constancias y otros "
                        "documentos."
                    ),
                    "en": (
                        "Help to obtain identity papers, permits, certificates and other documents."
                    ),
                },
                "parent": None,
            },
            {
                "code": "legal-aid",
                "label": {"es": "Asesoría jurídica", "en": "Legal aid"},
                "description": {
                    "es": (
                        "Asesoría y representación legal gratuita o de bajo costo en temas "
                        "migratorios y afines."
                    ),
                    "en": (
                        "Free or low-cost legal advice and representation on migration and related "
                        "matters."
                    ),
                },
                "parent": None,
            },
            {
                "code": "asylum-refugee",
                "label": {
                    "es": "Asilo y protección internacional",
                    "en": "Asylum and refugee protection",
                },
                "description": {
                    "es": (
                        "Apoyo para solicitar asilo o la condición de refugiado y dar seguimiento "
                        "al proceso."
                    ),
                    "en": (
                        "Support to apply for asylum or refugee status and to follow the process."
                    ),
                },
                "parent": None,
            },
            {
                "code": "labour-employment",
                "label": {"es": "Trabajo y empleo", "en": "Work and employment"},
                "description": {
                    "es": (
                        "Intermediación laboral, orientación sobre derechos laborales y apoyo para "
                        "emprender."
                    ),
                    "en": "Job placement, advice on labour rights and support to start a business.",
                },
                "parent": None,
            },
            {
                "code": "pre-departure-orientation",
                "label": {
                    "es": "Orientación previa a la salida",
                    "en": "Pre-departure orientation",
                },
                "description": {
                    "es": (
                        "Orientación para quienes planean trabajar en el extranjero, incluida la "
                        "contratación segura y los contratos."
                    ),
                    "en": (
                        "Guidance for people planning to work abroad, including safe recruitment "
                        "and contracts."
                    ),
                },
                "parent": None,
            },
            {
                "code": "health-care",
                "label": {"es": "Atención de salud", "en": "Health care"},
                "description": {
                    "es": "Atención médica, vacunación y servicios de salud sexual y reproductiva.",
                    "en": "Medical care, vaccination and sexual and reproductive health services.",
                },
                "parent": None,
            },
            {
                "code": "mental-health-psychosocial",
                "label": {
                    "es": "Salud mental y apoyo psicosocial",
                    "en": "Mental health and psychosocial support",
                },
                "description": {
                    "es": (
                        "Contención emocional, acompañamiento psicológico y atención a personas "
                        "afectadas por la violencia o la pérdida."
                    ),
                    "en": (
                        "Emotional support, counselling and care for people affected by violence "
                        "or loss."
                    ),
                },
                "parent": None,
            },
            {
                "code": "shelter-housing",
                "label": {"es": "Albergue y vivienda", "en": "Shelter and housing"},
                "description": {
                    "es": (
                        "Alojamiento temporal y apoyo para encontrar una vivienda segura y "
                        "asequible."
                    ),
                    "en": "Temporary shelter and help to find safe and affordable housing.",
                },
                "parent": None,
            },
            {
                "code": "food-basic-needs",
                "label": {"es": "Alimentación y necesidades básicas", "en": "Food and basic needs"},
                "description": {
                    "es": "Comidas, despensas, kits de higiene, ropa y otros artículos esenciales.",
                    "en": "Meals, food parcels, hygiene kits, clothing and other essential items.",
                },
                "parent": None,
            },
            {
                "code": "education-training",
                "label": {"es": "Educación y capacitación", "en": "Education and training"},
                "description": {
                    "es": "Inscripción escolar, clases de idiomas y formación para el trabajo.",
                    "en": "School enrolment, language classes and vocational training.",
                },
                "parent": None,
            },
            {
                "code": "child-protection",
                "label": {"es": "Protección de la niñez", "en": "Child protection"},
                "description": {
                    "es": (
                        "Atención especializada para niñas, niños y adolescentes, en especial "
                        "quienes viajan solos."
                    ),
                    "en": (
                        "Specialised care for children and adolescents, especially those "
                        "travelling alone."
                    ),
                },
                "parent": None,
            },
            {
                "code": "anti-trafficking",
                "label": {
                    "es": "Prevención de la trata y atención a sobrevivientes",
                    "en": "Trafficking prevention and survivor support",
                },
                "description": {
                    "es": (
                        "Identificación, protección y asistencia a sobrevivientes de trata de "
                        "personas."
                    ),
                    "en": (
                        "Identification, protection and assistance for survivors of trafficking in "
                        "persons."
                    ),
                },
                "parent": None,
            },
            {
                "code": "gender-based-violence",
                "label": {"es": "Violencia basada en género", "en": "Gender-based violence"},
                "description": {
                    "es": (
                        "Espacios seguros, gestión de casos y derivación para sobrevivientes de "
                        "violencia basada en género."
                    ),
                    "en": (
                        "Safe spaces, case management and referral for survivors of gender-based "
                        "violence."
                    ),
                },
                "parent": None,
            },
            {
                "code": "return-reintegration",
                "label": {"es": "Retorno y reintegración", "en": "Return and reintegration"},
                "description": {
                    "es": (
                        "Recepción de personas retornadas y apoyo para rehacer su vida en sus "
                        "comunidades."
                    ),
                    "en": (
                        "Reception of returnees and support to rebuild their lives in their "
                        "communities."
                    ),
                },
                "parent": None,
            },
            {
                "code": "family-reunification",
                "label": {
                    "es": "Reunificación y búsqueda familiar",
                    "en": "Family reunification and tracing",
                },
                "description": {
                    "es": (
                        "Apoyo para restablecer el contacto con familiares y reunir a familias "
                        "separadas."
                    ),
                    "en": (
                        "Help to restore contact with relatives and to reunite separated families."
                    ),
                },
                "parent": None,
            },
            {
                "code": "financial-inclusion-remittances",
                "label": {
                    "es": "Inclusión financiera y remesas",
                    "en": "Financial inclusion and remittances",
                },
                "description": {
                    "es": (
                        "Cuentas bancarias, educación financiera y formas seguras y económicas de "
                        "enviar dinero."
                    ),
                    "en": (
                        "Bank accounts, financial education and safe, low-cost ways to send money."
                    ),
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "areas-of-work",
        "name": {"es": "Áreas de trabajo", "en": "Areas of work"},
        "description": {
            "es": "Campos temáticos en los que trabajan las organizaciones.",
            "en": "Thematic fields in which organisations are active.",
        },
        "terms": [
            {
                "code": "human-rights",
                "label": {"es": "Derechos humanos", "en": "Human rights"},
                "description": {
                    "es": (
                        "Defensa y promoción de los derechos de las personas migrantes y sus "
                        "familias."
                    ),
                    "en": "Defence and promotion of the rights of migrants and their families.",
                },
                "parent": None,
            },
            {
                "code": "humanitarian-assistance",
                "label": {"es": "Asistencia humanitaria", "en": "Humanitarian assistance"},
                "description": {
                    "es": "Ayuda de emergencia como albergue, alimentos, agua y primeros auxilios.",
                    "en": "Emergency aid such as shelter, food, water and first aid.",
                },
                "parent": None,
            },
            {
                "code": "legal-aid",
                "label": {"es": "Asesoría jurídica", "en": "Legal aid"},
                "description": {
                    "es": "Asesoría legal, representación y litigio estratégico.",
                    "en": "Legal advice, representation and strategic litigation.",
                },
                "parent": None,
            },
            {
                "code": "labour-inclusion",
                "label": {"es": "Inclusión laboral", "en": "Labour inclusion"},
                "description": {
                    "es": "Acceso al trabajo decente, emprendimiento y derechos laborales.",
                    "en": "Access to decent work, entrepreneurship and labour rights.",
                },
                "parent": None,
            },
            {
                "code": "health",
                "label": {
                    "es": "Salud y bienestar psicosocial",
                    "en": "Health and psychosocial well-being",
                },
                "description": {
                    "es": "Atención de la salud física y mental, y promoción de la salud.",
                    "en": "Physical and mental health care and health promotion.",
                },
                "parent": None,
            },
            {
                "code": "education",
                "label": {"es": "Educación", "en": "Education"},
                "description": {
                    "es": (
                        "Escolarización, alfabetización, aprendizaje de idiomas y formación "
                        "técnica."
                    ),
                    "en": "Schooling, literacy, language learning and vocational training.",
                },
                "parent": None,
            },
            {
                "code": "gender-equality",
                "label": {"es": "Igualdad de género", "en": "Gender equality"},
                "description": {
                    "es": (
                        "Derechos de las mujeres y de las personas LGBTIQ+, y prevención de la "
                        "violencia basada en género."
                    ),
                    "en": (
                        "Rights of women and LGBTIQ+ people and prevention of gender-based "
                        "violence."
                    ),
                },
                "parent": None,
            },
            {
                "code": "children-youth",
                "label": {"es": "Niñez y juventud", "en": "Children and youth"},
                "description": {
                    "es": (
                        "Protección y desarrollo de niñas, niños, adolescentes y jóvenes en "
                        "movilidad."
                    ),
                    "en": (
                        "Protection and development of children, adolescents and young people on "
                        "the move."
                    ),
                },
                "parent": None,
            },
            {
                "code": "anti-trafficking",
                "label": {"es": "Lucha contra la trata", "en": "Anti-trafficking"},
                "description": {
                    "es": (
                        "Prevención de la trata y del tráfico de personas, y atención a "
                        "sobrevivientes."
                    ),
                    "en": "Prevention of trafficking and smuggling and assistance to survivors.",
                },
                "parent": None,
            },
            {
                "code": "return-reintegration",
                "label": {"es": "Retorno y reintegración", "en": "Return and reintegration"},
                "description": {
                    "es": (
                        "Recepción y reintegración económica, social y psicosocial de personas "
                        "retornadas."
                    ),
                    "en": (
                        "Reception and economic, social and psychosocial reintegration of "
                        "returnees."
                    ),
                },
                "parent": None,
            },
            {
                "code": "research-data",
                "label": {"es": "Investigación y datos", "en": "Research and data"},
                "description": {
                    "es": "Estudios, encuestas y datos que orientan las políticas y la práctica.",
                    "en": "Studies, surveys and data that inform policy and practice.",
                },
                "parent": None,
            },
            {
                "code": "advocacy-policy",
                "label": {
                    "es": "Incidencia y políticas públicas",
                    "en": "Advocacy and public policy",
                },
                "description": {
                    "es": (
                        "Incidencia en leyes, presupuestos y políticas públicas a nivel local y "
                        "nacional."
                    ),
                    "en": (
                        "Influencing laws, budgets and public policies at local and national level."
                    ),
                },
                "parent": None,
            },
            {
                "code": "community-organising",
                "label": {"es": "Organización comunitaria", "en": "Community organising"},
                "description": {
                    "es": (
                        "Fortalecimiento de grupos liderados por personas migrantes y de sus "
                        "vínculos con las comunidades de acogida."
                    ),
                    "en": (
                        "Strengthening migrant-led groups and ties between newcomers and host "
                        "communities."
                    ),
                },
                "parent": None,
            },
            {
                "code": "anti-racism",
                "label": {
                    "es": "Antirracismo y no discriminación",
                    "en": "Anti-racism and non-discrimination",
                },
                "description": {
                    "es": (
                        "Acciones contra el racismo, la xenofobia y la discriminación, incluida la "
                        "formación."
                    ),
                    "en": (
                        "Countering racism, xenophobia and discrimination, including through "
                        "training."
                    ),
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "migof-domains",
        "name": {
            "es": "Dimensiones de la gobernanza migratoria",
            "en": "Migration governance domains",
        },
        "description": {
            "es": (
                "Las seis dimensiones del Marco de Gobernanza de la Migración, usadas para "
                "estructurar las evaluaciones de gobernanza local."
            ),
            "en": (
                "The six domains of the Migration Governance Framework, used to structure local "
                "governance assessments."
            ),
        },
        "terms": [
            {
                "code": "migrants-rights",
                "label": {"es": "Derechos de las personas migrantes", "en": "Migrants' rights"},
                "description": {
                    "es": (
                        "Medida en que las personas migrantes pueden ejercer sus derechos y "
                        "acceder a servicios como salud, educación y protección social."
                    ),
                    "en": (
                        "Whether migrants can exercise their rights and reach services such as "
                        "health, education and social protection."
                    ),
                },
                "parent": None,
            },
            {
                "code": "whole-of-government",
                "label": {
                    "es": "Enfoque de gobierno integral",
                    "en": "Whole-of-government approach",
                },
                "description": {
                    "es": (
                        "Instituciones, coordinación y transparencia de la política migratoria "
                        "entre dependencias y niveles de gobierno."
                    ),
                    "en": (
                        "Institutions, coordination and transparency of migration policy across "
                        "departments and levels of government."
                    ),
                },
                "parent": None,
            },
            {
                "code": "partnerships",
                "label": {"es": "Alianzas", "en": "Partnerships"},
                "description": {
                    "es": (
                        "Cooperación con otros gobiernos, la sociedad civil, el sector privado y "
                        "las comunidades migrantes."
                    ),
                    "en": (
                        "Cooperation with other governments, civil society, the private sector and "
                        "migrant communities."
                    ),
                },
                "parent": None,
            },
            {
                "code": "socioeconomic-wellbeing",
                "label": {
                    "es": "Bienestar socioeconómico de las personas migrantes",
                    "en": "Socioeconomic well-being of migrants",
                },
                "description": {
                    "es": (
                        "Acceso al trabajo, reconocimiento de competencias, movilidad estudiantil "
                        "y aporte económico de la migración."
                    ),
                    "en": (
                        "Access to work, recognition of skills, student mobility and the economic "
                        "contribution of migration."
                    ),
                },
                "parent": None,
            },
            {
                "code": "crises",
                "label": {
                    "es": "Movilidad en situaciones de crisis",
                    "en": "Mobility dimensions of crises",
                },
                "description": {
                    "es": (
                        "Preparación y respuesta para personas migrantes y desplazadas ante "
                        "desastres, conflictos y otras emergencias."
                    ),
                    "en": (
                        "Preparedness and response for migrants and displaced people in disasters, "
                        "conflicts and other emergencies."
                    ),
                },
                "parent": None,
            },
            {
                "code": "safe-orderly-regular",
                "label": {
                    "es": "Migración segura, ordenada y regular",
                    "en": "Safe, orderly and regular migration",
                },
                "description": {
                    "es": (
                        "Gestión de fronteras, acciones contra la trata y el tráfico de personas, "
                        "y retorno y reintegración."
                    ),
                    "en": (
                        "Border management, action against trafficking and smuggling, and return "
                        "and reintegration."
                    ),
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "migration-situations",
        "name": {"es": "Situaciones de movilidad", "en": "Migration situations"},
        "description": {
            "es": (
                "Etapa del ciclo migratorio en la que se encuentra una persona, usada para "
                "orientar la información y los servicios."
            ),
            "en": (
                "The stage of the migration cycle a person is in, used to target information and "
                "services."
            ),
        },
        "terms": [
            {
                "code": "in-transit",
                "label": {"es": "En tránsito", "en": "In transit"},
                "description": {
                    "es": "Persona que pasa por un lugar rumbo a otro destino.",
                    "en": "Person passing through a place on the way to another destination.",
                },
                "parent": None,
            },
            {
                "code": "returnee",
                "label": {"es": "Persona retornada", "en": "Returnee"},
                "description": {
                    "es": "Persona que regresó, de forma voluntaria o no, a su país de origen.",
                    "en": (
                        "Person who has come back, voluntarily or not, to their country of origin."
                    ),
                },
                "parent": None,
            },
            {
                "code": "prospective-labour-migrant",
                "label": {
                    "es": "Persona que planea migrar por trabajo",
                    "en": "Planning to migrate for work",
                },
                "description": {
                    "es": "Persona que considera o prepara su salida para trabajar en otro país.",
                    "en": "Person considering or preparing to work abroad.",
                },
                "parent": None,
            },
            {
                "code": "asylum-seeker-refugee",
                "label": {
                    "es": "Persona solicitante de asilo o refugiada",
                    "en": "Asylum seeker or refugee",
                },
                "description": {
                    "es": "Persona que busca protección internacional o que ya la tiene.",
                    "en": "Person seeking or already holding international protection.",
                },
                "parent": None,
            },
            {
                "code": "resident-migrant",
                "label": {"es": "Persona migrante residente", "en": "Resident migrant"},
                "description": {
                    "es": (
                        "Persona que se ha establecido en el país, con o sin situación migratoria "
                        "regular."
                    ),
                    "en": "Person who has settled in the country, with or without regular status.",
                },
                "parent": None,
            },
            {
                "code": "family-member",
                "label": {
                    "es": "Familiar de una persona migrante",
                    "en": "Family member of a migrant",
                },
                "description": {
                    "es": (
                        "Familiar de una persona que migró, ya sea que permanezca en el lugar de "
                        "origen o que se reúna con ella."
                    ),
                    "en": (
                        "Relative of a person who migrated, whether staying behind or joining them."
                    ),
                },
                "parent": None,
            },
        ],
    },
    {
        "code": "organisation-capacity-areas",
        "name": {"es": "Áreas de capacidad organizacional", "en": "Organisational capacity areas"},
        "description": {
            "es": (
                "Áreas en las que las organizaciones de la sociedad civil evalúan y fortalecen sus "
                "capacidades."
            ),
            "en": (
                "Areas in which civil-society organisations assess and strengthen their capacities."
            ),
        },
        "terms": [
            {
                "code": "digital-transformation",
                "label": {"es": "Transformación digital", "en": "Digital transformation"},
                "description": {
                    "es": (
                        "Uso de herramientas digitales, protección de datos y servicios en línea "
                        "en el trabajo cotidiano."
                    ),
                    "en": (
                        "Use of digital tools, data protection and online services in everyday "
                        "work."
                    ),
                },
                "parent": None,
            },
            {
                "code": "organisational-adaptability",
                "label": {
                    "es": "Capacidad de adaptación organizacional",
                    "en": "Organisational adaptability",
                },
                "description": {
                    "es": (
                        "Capacidad de ajustar planes, equipos y servicios cuando cambia el "
                        "contexto."
                    ),
                    "en": "Ability to adjust plans, teams and services when the context changes.",
                },
                "parent": None,
            },
            {
                "code": "financial-sustainability",
                "label": {"es": "Sostenibilidad financiera", "en": "Financial sustainability"},
                "description": {
                    "es": (
                        "Financiamiento diverso y estable, buena presupuestación y rendición de "
                        "cuentas financiera."
                    ),
                    "en": (
                        "Diverse and stable funding, sound budgeting and financial accountability."
                    ),
                },
                "parent": None,
            },
            {
                "code": "racial-profiling-non-discrimination",
                "label": {
                    "es": "Perfilamiento racial y no discriminación",
                    "en": "Racial profiling and non-discrimination",
                },
                "description": {
                    "es": (
                        "Reconocer y prevenir el perfilamiento racial y las prácticas "
                        "discriminatorias, dentro y fuera de la organización."
                    ),
                    "en": (
                        "Recognising and preventing racial profiling and discriminatory practices, "
                        "inside and outside the organisation."
                    ),
                },
                "parent": None,
            },
        ],
    },
]
