"""Demo hubs, services and referral pathways. Plain data, no Django.

Hubs are run by the demo organisations of core's dataset. Names of places are real; hubs,
addresses and phone numbers are illustrative (numbers use the 555 range or obviously fictitious
digits).
"""

from __future__ import annotations

# slug, operator slug, municipality code, kind, timezone, languages, offset (lat, lon), names
HUBS: list[dict] = [
    {
        "slug": "ventanilla-el-progreso",
        "operator": "municipalidad-de-el-progreso",
        "municipality": "HN-YO-1804",
        "kind": "information_hub",
        "timezone": "America/Tegucigalpa",
        "languages": ["es", "en"],
        "phone": "+504 2647-5550",
        "whatsapp": "+504 9555-0101",
        "address": "Palacio Municipal, 2.ª avenida, barrio El Centro",
        "name": {
            "es": "Ventanilla de Atención al Migrante de El Progreso",
            "en": "El Progreso Migrant Information Window",
        },
        "services": ["info", "labour", "documents", "psychosocial", "trafficking", "return"],
    },
    {
        "slug": "ventanilla-san-pedro-sula",
        "operator": "alcaldia-municipal-de-san-pedro-sula",
        "municipality": "HN-CR-0501",
        "kind": "information_hub",
        "timezone": "America/Tegucigalpa",
        "languages": ["es", "en"],
        "phone": "+504 2545-5550",
        "whatsapp": "+504 9555-0202",
        "address": "Centro Cívico Gubernamental, 1.ª calle",
        "name": {
            "es": "Ventanilla Municipal de Información sobre Migración de San Pedro Sula",
            "en": "San Pedro Sula Municipal Migration Information Window",
        },
        "services": [
            "info",
            "labour",
            "documents",
            "psychosocial",
            "trafficking",
            "return",
            "health",
        ],
    },
    {
        "slug": "centro-retorno-san-pedro-sula",
        "operator": "alcaldia-municipal-de-san-pedro-sula",
        "municipality": "HN-CR-0501",
        "kind": "help_desk",
        "timezone": "America/Tegucigalpa",
        "languages": ["es"],
        "phone": "+504 2545-5551",
        "address": "Terminal de buses, módulo 4",
        "offset": (0.01, 0.012),
        "name": {
            "es": "Mesa de atención a personas retornadas",
            "en": "Returnee help desk",
        },
        "services": ["return", "labour", "psychosocial"],
    },
    {
        "slug": "ventanilla-san-salvador",
        "operator": "alcaldia-municipal-de-san-salvador",
        "municipality": "SV-san-salvador",
        "kind": "information_hub",
        "timezone": "America/El_Salvador",
        "languages": ["es", "en"],
        "phone": "+503 2555-0100",
        "address": "Alameda Juan Pablo II, edificio municipal",
        "name": {
            "es": "Centro Municipal de Información sobre Migración de San Salvador",
            "en": "San Salvador Municipal Migration Information Centre",
        },
        "services": ["info", "labour", "documents", "psychosocial", "return"],
    },
    {
        "slug": "faro-migrante-san-salvador",
        "operator": "fundacion-faro-migrante",
        "municipality": "SV-san-salvador",
        "kind": "information_point",
        "timezone": "America/El_Salvador",
        "languages": ["es"],
        "phone": "+503 2555-0110",
        "address": "Colonia Escalón, calle El Mirador",
        "offset": (0.012, -0.018),
        "name": {
            "es": "Punto de información Faro Migrante",
            "en": "Faro Migrante information point",
        },
        "services": ["psychosocial", "trafficking", "asylum"],
    },
    {
        "slug": "ventanilla-san-miguel",
        "operator": "alcaldia-municipal-de-san-miguel",
        "municipality": "SV-san-miguel",
        "kind": "information_hub",
        "timezone": "America/El_Salvador",
        "languages": ["es"],
        "phone": "+503 2555-0200",
        "address": "Avenida Roosevelt, alcaldía municipal",
        "name": {
            "es": "Ventanilla de Migración de San Miguel",
            "en": "San Miguel Migration Window",
        },
        "services": ["info", "labour", "documents", "return"],
        "stale": True,
    },
    {
        "slug": "ventanilla-santa-ana",
        "operator": "alcaldia-municipal-de-santa-ana",
        "municipality": "SV-santa-ana",
        "kind": "mobile_unit",
        "timezone": "America/El_Salvador",
        "languages": ["es"],
        "phone": "+503 2555-0300",
        "address": "Recorre los cantones del municipio; salida desde el parque Libertad",
        "name": {
            "es": "Unidad móvil de información migratoria de Santa Ana",
            "en": "Santa Ana mobile migration information unit",
        },
        "services": ["info", "documents", "trafficking"],
    },
    {
        "slug": "ofw-help-desk-legazpi",
        "operator": "city-government-of-legazpi",
        "municipality": "PH-legazpi",
        "kind": "help_desk",
        "timezone": "Asia/Manila",
        "languages": ["en", "tl", "bik"],
        "phone": "+63 52 555 0100",
        "address": "Legazpi City Hall, Old Albay District",
        "name": {
            "es": "Oficina de atención a trabajadores en el extranjero de Legazpi",
            "en": "Legazpi City Overseas Workers' Help Desk",
        },
        "services": ["predeparture", "ofw_families", "health_ofw"],
    },
]

# The 18 Mexican cities with an information point: municipality code, operator slug, time zone.
MEXICAN_POINTS: list[tuple[str, str, str]] = [
    ("MX-tijuana", "h-ayuntamiento-de-tijuana", "America/Tijuana"),
    ("MX-mexicali", "asociacion-enlace-informativo-migrante", "America/Tijuana"),
    ("MX-ciudad-juarez", "h-ayuntamiento-de-juarez", "America/Ciudad_Juarez"),
    ("MX-nogales", "asociacion-enlace-informativo-migrante", "America/Hermosillo"),
    ("MX-reynosa", "asociacion-enlace-informativo-migrante", "America/Matamoros"),
    ("MX-matamoros", "asociacion-enlace-informativo-migrante", "America/Matamoros"),
    ("MX-nuevo-laredo", "asociacion-enlace-informativo-migrante", "America/Matamoros"),
    ("MX-piedras-negras", "asociacion-enlace-informativo-migrante", "America/Matamoros"),
    ("MX-monterrey", "h-ayuntamiento-de-monterrey", "America/Monterrey"),
    ("MX-saltillo", "asociacion-enlace-informativo-migrante", "America/Monterrey"),
    ("MX-ciudad-de-mexico", "asociacion-enlace-informativo-migrante", "America/Mexico_City"),
    ("MX-guadalajara", "h-ayuntamiento-de-guadalajara", "America/Mexico_City"),
    ("MX-puebla", "h-ayuntamiento-de-puebla", "America/Mexico_City"),
    ("MX-oaxaca-de-juarez", "asociacion-enlace-informativo-migrante", "America/Mexico_City"),
    ("MX-tapachula", "h-ayuntamiento-de-tapachula", "America/Mexico_City"),
    ("MX-tenosique", "asociacion-enlace-informativo-migrante", "America/Mexico_City"),
    ("MX-villahermosa", "asociacion-enlace-informativo-migrante", "America/Mexico_City"),
    ("MX-queretaro", "asociacion-enlace-informativo-migrante", "America/Mexico_City"),
]
MEXICAN_POINT_SERVICES = ["info", "documents", "asylum", "labour", "psychosocial"]

# Service templates: needs (service-categories codes), profiles (migration-situations codes).
SERVICES: dict[str, dict] = {
    "info": {
        "needs": ["information-orientation"],
        "profiles": ["in-transit", "returnee", "prospective-labour-migrant", "family-member"],
        "name": {
            "es": "Información y orientación migratoria",
            "en": "Migration information and guidance",
        },
        "description": {
            "es": "Atención gratuita y confidencial: te explicamos tus opciones, tus derechos y "
            "los riesgos de la migración irregular, y te referimos a quien puede ayudarte.",
            "en": "Free, confidential advice: we explain your options, your rights and the risks "
            "of irregular migration, and refer you to whoever can help.",
        },
        "eligibility": {
            "es": "Cualquier persona, sin importar su nacionalidad o situación.",
            "en": "Anyone, whatever their nationality or status.",
        },
    },
    "labour": {
        "needs": ["labour-employment", "pre-departure-orientation"],
        "profiles": ["prospective-labour-migrant", "returnee"],
        "name": {
            "es": "Orientación sobre migración laboral y trabajo en el extranjero",
            "en": "Guidance on labour migration and work abroad",
        },
        "description": {
            "es": "Cómo buscar trabajo en el extranjero por vías regulares, cómo reconocer "
            "ofertas engañosas y agencias de reclutamiento no autorizadas, y qué documentos "
            "preparar antes de viajar.",
            "en": "How to find work abroad through regular channels, how to recognise deceptive "
            "offers and unlicensed recruiters, and which documents to prepare before leaving.",
        },
        "application": {
            "es": "Acércate en horario de atención o escríbenos por WhatsApp.",
            "en": "Come during opening hours or write to us on WhatsApp.",
        },
    },
    "documents": {
        "needs": ["documents-procedures"],
        "profiles": ["returnee", "in-transit", "resident-migrant"],
        "name": {
            "es": "Apoyo con documentos y trámites",
            "en": "Help with documents and procedures",
        },
        "description": {
            "es": "Te orientamos para obtener o reponer tu documento de identidad, tu partida de "
            "nacimiento y tu pasaporte, y para apostillar o validar documentos.",
            "en": "Guidance to obtain or replace your identity card, birth certificate and "
            "passport, and to apostille or validate documents.",
        },
        "documents": {
            "es": "Documento de identidad o partida de nacimiento, si los tienes.",
            "en": "Identity card or birth certificate, if you have them.",
        },
    },
    "psychosocial": {
        "needs": ["mental-health-psychosocial"],
        "profiles": ["returnee", "in-transit", "family-member"],
        "name": {
            "es": "Primeros auxilios psicológicos y apoyo psicosocial",
            "en": "Psychological first aid and psychosocial support",
        },
        "description": {
            "es": "Escucha y acompañamiento para personas que viven una situación difícil "
            "durante la migración o el retorno; referencia a atención especializada.",
            "en": "Listening and support for people going through a hard time during migration "
            "or return; referral to specialised care.",
        },
    },
    "trafficking": {
        "needs": ["anti-trafficking", "gender-based-violence"],
        "profiles": ["in-transit", "returnee", "prospective-labour-migrant"],
        "name": {
            "es": "Prevención de la trata y atención a sobrevivientes",
            "en": "Trafficking prevention and survivor support",
        },
        "description": {
            "es": "Información para reconocer la trata de personas y el tráfico ilícito, y "
            "atención confidencial y referencia a la red de protección para sobrevivientes.",
            "en": "Information to recognise human trafficking and smuggling, and confidential "
            "support and referral to the protection network for survivors.",
        },
    },
    "return": {
        "needs": ["return-reintegration", "labour-employment"],
        "profiles": ["returnee"],
        "name": {
            "es": "Acompañamiento para el retorno y la reintegración",
            "en": "Return and reintegration support",
        },
        "description": {
            "es": "Para personas retornadas: bolsa de trabajo municipal, capacitación técnica, "
            "apoyo para emprender y referencia a programas de reintegración.",
            "en": "For returnees: the municipal job board, technical training, support to start "
            "a business and referral to reintegration programmes.",
        },
    },
    "health": {
        "needs": ["health-care"],
        "profiles": ["in-transit", "returnee", "resident-migrant"],
        "name": {"es": "Referencia a servicios de salud", "en": "Referral to health services"},
        "description": {
            "es": "Te referimos al centro de salud más cercano; la atención de emergencia no "
            "requiere documentos.",
            "en": "We refer you to the nearest health centre; emergency care needs no documents.",
        },
    },
    "asylum": {
        "needs": ["asylum-refugee", "legal-aid"],
        "profiles": ["asylum-seeker-refugee", "in-transit"],
        "name": {
            "es": "Información sobre asilo y protección internacional",
            "en": "Information on asylum and international protection",
        },
        "description": {
            "es": "Qué es la condición de refugiado, cómo solicitarla y en qué plazos, y dónde "
            "recibir asesoría jurídica gratuita.",
            "en": "What refugee status is, how and by when to apply for it, and where to get "
            "free legal advice.",
        },
    },
    "predeparture": {
        "needs": ["pre-departure-orientation", "labour-employment"],
        "profiles": ["prospective-labour-migrant"],
        "name": {
            "es": "Seminarios de orientación previa a la salida",
            "en": "Pre-departure orientation seminars",
        },
        "description": {
            "es": "Sesiones para personas que se van a trabajar al extranjero: contratos, "
            "derechos laborales, remesas, salud y cómo pedir ayuda en el país de destino.",
            "en": "Sessions for people about to work abroad: contracts, labour rights, "
            "remittances, health and how to get help in the country of destination.",
        },
        "application": {
            "es": "Inscríbete en la oficina o por teléfono.",
            "en": "Sign up at the desk or by phone.",
        },
    },
    "ofw_families": {
        "needs": ["information-orientation", "financial-inclusion-remittances"],
        "profiles": ["family-member", "returnee"],
        "name": {
            "es": "Asistencia a trabajadores en el extranjero y sus familias",
            "en": "Assistance to overseas workers and their families",
        },
        "description": {
            "es": "Información sobre servicios del gobierno, seguimiento de casos con la "
            "diáspora y la sociedad civil, y orientación sobre remesas y ahorro.",
            "en": "Information on government services, case follow-up with the diaspora and "
            "civil society, and guidance on remittances and savings.",
        },
    },
    "health_ofw": {
        "needs": ["health-care"],
        "profiles": ["prospective-labour-migrant", "family-member"],
        "name": {
            "es": "Acceso a la atención de salud para trabajadores migrantes",
            "en": "Access to health care for migrant workers",
        },
        "description": {
            "es": "Orientación sobre exámenes médicos previos al viaje y afiliación a la "
            "seguridad social de salud.",
            "en": "Guidance on pre-travel medical examinations and health insurance enrolment.",
        },
    },
}

PATHWAYS: list[dict] = [
    {
        "slug": "victima-de-trata-san-pedro-sula",
        "country": "HN",
        "municipality": "HN-CR-0501",
        "situation": "anti-trafficking",
        "first_call": "911",
        "title": {
            "es": "Si eres víctima de trata de personas",
            "en": "If you are a victim of human trafficking",
        },
        "summary": {
            "es": "Nadie puede retener tus documentos ni obligarte a trabajar. Hay ayuda "
            "gratuita y confidencial.",
            "en": "No one may keep your documents or force you to work. Free, confidential help "
            "is available.",
        },
        "steps": [
            (
                {"es": "Ponte a salvo", "en": "Get to safety"},
                {
                    "es": "Si estás en peligro, llama al 911.",
                    "en": "If you are in danger, call 911.",
                },
                "911",
                [],
            ),
            (
                {"es": "Busca la ventanilla municipal", "en": "Go to the municipal window"},
                {
                    "es": "Te escuchan sin juzgarte y te acompañan a denunciar si lo deseas.",
                    "en": "Staff listen without judging and go with you to report it if you wish.",
                },
                "",
                [("ventanilla-san-pedro-sula", "trafficking")],
            ),
            (
                {"es": "Recibe atención psicosocial", "en": "Receive psychosocial care"},
                {
                    "es": "Apoyo emocional y seguimiento mientras se resuelve tu caso.",
                    "en": "Emotional support and follow-up while your case is dealt with.",
                },
                "",
                [("ventanilla-san-pedro-sula", "psychosocial")],
            ),
        ],
    },
    {
        "slug": "retornado-busca-trabajo-el-progreso",
        "country": "HN",
        "municipality": "HN-YO-1804",
        "situation": "return-reintegration",
        "first_call": "+504 2647-5550",
        "title": {
            "es": "Si regresaste y buscas trabajo",
            "en": "If you have come back and are looking for work",
        },
        "summary": {
            "es": "Pasos para reintegrarte: documentos, bolsa de trabajo y capacitación.",
            "en": "Steps to settle back in: documents, the job board and training.",
        },
        "steps": [
            (
                {"es": "Recupera tus documentos", "en": "Get your documents back"},
                {
                    "es": "Sin documento de identidad es difícil que te contraten.",
                    "en": "Without an identity card it is hard to be hired.",
                },
                "",
                [("ventanilla-el-progreso", "documents")],
            ),
            (
                {"es": "Inscríbete en la bolsa de trabajo", "en": "Join the job board"},
                {
                    "es": "La ventanilla registra tu experiencia y te conecta con empleadores.",
                    "en": "The window records your experience and connects you with employers.",
                },
                "",
                [("ventanilla-el-progreso", "return")],
            ),
            (
                {"es": "Cuida tu bienestar", "en": "Look after your well-being"},
                {
                    "es": "El retorno puede ser duro; pide apoyo psicosocial si lo necesitas.",
                    "en": "Coming back can be hard; ask for psychosocial support if you need it.",
                },
                "",
                [("ventanilla-el-progreso", "psychosocial")],
            ),
        ],
    },
    {
        "slug": "nina-nino-no-acompanado-tapachula",
        "country": "MX",
        "municipality": "MX-tapachula",
        "situation": "child-protection",
        "first_call": "911",
        "title": {
            "es": "Si eres una niña, niño o adolescente que viaja solo",
            "en": "If you are a child or teenager travelling alone",
        },
        "summary": {
            "es": "Tienes derecho a protección, a no ser detenido y a que te escuchen.",
            "en": "You have the right to protection, not to be detained, and to be heard.",
        },
        "steps": [
            (
                {
                    "es": "Pide ayuda a una persona adulta de confianza o llama al 911",
                    "en": "Ask a trusted adult for help or call 911",
                },
                {
                    "es": "La policía debe avisar a la procuraduría de protección de la niñez.",
                    "en": "The police must inform the child protection authority.",
                },
                "911",
                [],
            ),
            (
                {"es": "Acude al punto de información", "en": "Go to the information point"},
                {
                    "es": "Te explican tus derechos y avisan a la autoridad de protección.",
                    "en": "Staff explain your rights and alert the protection authority.",
                },
                "",
                [("punto-informacion-tapachula", "info")],
            ),
        ],
    },
    {
        "slug": "solicitar-asilo-tapachula",
        "country": "MX",
        "municipality": "MX-tapachula",
        "situation": "asylum-refugee",
        "first_call": "",
        "title": {
            "es": "Si quieres pedir asilo en México",
            "en": "If you want to ask for asylum in Mexico",
        },
        "summary": {
            "es": "La solicitud es gratuita y tiene plazos: infórmate cuanto antes.",
            "en": "Applying is free and has deadlines: find out as soon as you can.",
        },
        "steps": [
            (
                {"es": "Infórmate sobre el procedimiento", "en": "Learn about the procedure"},
                {
                    "es": "Qué es la condición de refugiado y qué plazos hay.",
                    "en": "What refugee status is and which deadlines apply.",
                },
                "",
                [("punto-informacion-tapachula", "asylum")],
            ),
            (
                {"es": "Prepara tus documentos", "en": "Prepare your documents"},
                {
                    "es": "Reúne lo que tengas; no tener documentos no impide solicitar.",
                    "en": "Gather what you have; lacking documents does not stop you applying.",
                },
                "",
                [("punto-informacion-tapachula", "documents")],
            ),
            (
                {"es": "Cuida tu salud emocional", "en": "Look after your emotional health"},
                {
                    "es": "La espera puede ser larga; hay apoyo disponible.",
                    "en": "The wait can be long; support is available.",
                },
                "",
                [("punto-informacion-tapachula", "psychosocial")],
            ),
        ],
    },
    {
        "slug": "primeros-auxilios-psicologicos-san-salvador",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "situation": "mental-health-psychosocial",
        "first_call": "+503 2555-0110",
        "title": {
            "es": "Si necesitas primeros auxilios psicológicos",
            "en": "If you need psychological first aid",
        },
        "summary": {
            "es": "Sentir angustia tras una experiencia difícil es normal. Pide apoyo.",
            "en": "Feeling distressed after a hard experience is normal. Ask for support.",
        },
        "steps": [
            (
                {"es": "Llama o escribe", "en": "Call or write"},
                {
                    "es": "Una persona capacitada te escucha y te orienta.",
                    "en": "A trained person listens and guides you.",
                },
                "+503 2555-0110",
                [("faro-migrante-san-salvador", "psychosocial")],
            ),
            (
                {"es": "Acude a la atención de seguimiento", "en": "Go to follow-up care"},
                {
                    "es": "Sesiones de apoyo psicosocial en el centro municipal.",
                    "en": "Psychosocial support sessions at the municipal centre.",
                },
                "",
                [("ventanilla-san-salvador", "psychosocial")],
            ),
        ],
    },
    {
        "slug": "ofw-in-distress-legazpi",
        "country": "PH",
        "municipality": "PH-legazpi",
        "situation": "labour-employment",
        "first_call": "+63 52 555 0100",
        "title": {
            "es": "Si un familiar que trabaja en el extranjero está en problemas",
            "en": "If a family member working abroad is in trouble",
        },
        "summary": {
            "es": "La oficina municipal da seguimiento al caso con las instancias nacionales.",
            "en": "The city desk follows the case up with national agencies.",
        },
        "steps": [
            (
                {"es": "Reporta el caso en la oficina", "en": "Report the case at the desk"},
                {
                    "es": "Lleva el contrato y los datos de contacto del empleador si los tienes.",
                    "en": "Bring the contract and the employer's contact details if you have them.",
                },
                "+63 52 555 0100",
                [("ofw-help-desk-legazpi", "ofw_families")],
            ),
            (
                {"es": "Recibe orientación para la familia", "en": "Get guidance for the family"},
                {
                    "es": "Apoyo con remesas, salud y trámites mientras se resuelve el caso.",
                    "en": "Help with remittances, health and paperwork meanwhile.",
                },
                "",
                [("ofw-help-desk-legazpi", "health_ofw")],
            ),
        ],
    },
]
