"""Demonstration data for MigraLocal.

Plain data, no Django: countries, administrative areas (first-level divisions and municipalities,
with approximate coordinates) and organisations used to populate a demo instance. Municipal
governments are real public bodies described only generically; every other organisation
(national bodies, the international programme office and all civil-society organisations) is
fictional, and their websites use the reserved ``example.org`` domain.
"""

from __future__ import annotations

COUNTRIES: list[dict] = [
    {
        "code": "HN",
        "iso3": "HND",
        "name": {"es": "Honduras", "en": "Honduras"},
        "latitude": 14.8,
        "longitude": -86.8,
    },
    {
        "code": "MX",
        "iso3": "MEX",
        "name": {"es": "México", "en": "Mexico"},
        "latitude": 23.6,
        "longitude": -102.5,
    },
    {
        "code": "SV",
        "iso3": "SLV",
        "name": {"es": "El Salvador", "en": "El Salvador"},
        "latitude": 13.8,
        "longitude": -88.9,
    },
    {
        "code": "GT",
        "iso3": "GTM",
        "name": {"es": "Guatemala", "en": "Guatemala"},
        "latitude": 15.7,
        "longitude": -90.2,
    },
    {
        "code": "CO",
        "iso3": "COL",
        "name": {"es": "Colombia", "en": "Colombia"},
        "latitude": 4.1,
        "longitude": -72.9,
    },
    {
        "code": "EC",
        "iso3": "ECU",
        "name": {"es": "Ecuador", "en": "Ecuador"},
        "latitude": -1.8,
        "longitude": -78.2,
    },
    {
        "code": "PE",
        "iso3": "PER",
        "name": {"es": "Perú", "en": "Peru"},
        "latitude": -9.2,
        "longitude": -75.0,
    },
    {
        "code": "CL",
        "iso3": "CHL",
        "name": {"es": "Chile", "en": "Chile"},
        "latitude": -35.7,
        "longitude": -71.5,
    },
    {
        "code": "CR",
        "iso3": "CRI",
        "name": {"es": "Costa Rica", "en": "Costa Rica"},
        "latitude": 9.7,
        "longitude": -83.8,
    },
    {
        "code": "PH",
        "iso3": "PHL",
        "name": {"es": "Filipinas", "en": "Philippines"},
        "latitude": 12.9,
        "longitude": 121.8,
    },
    {
        "code": "ES",
        "iso3": "ESP",
        "name": {"es": "España", "en": "Spain"},
        "latitude": 40.2,
        "longitude": -3.6,
    },
    {
        "code": "US",
        "iso3": "USA",
        "name": {"es": "Estados Unidos", "en": "United States"},
        "latitude": 39.8,
        "longitude": -98.6,
    },
]

AREAS: list[dict] = [
    {
        "country": "HN",
        "level": "province",
        "code": "HN-AT",
        "name": "Atlántida",
        "parent": None,
        "latitude": 15.65,
        "longitude": -87.1,
    },
    {
        "country": "HN",
        "level": "province",
        "code": "HN-CR",
        "name": "Cortés",
        "parent": None,
        "latitude": 15.45,
        "longitude": -88.05,
    },
    {
        "country": "HN",
        "level": "province",
        "code": "HN-FM",
        "name": "Francisco Morazán",
        "parent": None,
        "latitude": 14.25,
        "longitude": -87.25,
    },
    {
        "country": "HN",
        "level": "province",
        "code": "HN-YO",
        "name": "Yoro",
        "parent": None,
        "latitude": 15.25,
        "longitude": -87.2,
    },
    {
        "country": "HN",
        "level": "municipality",
        "code": "HN-YO-1804",
        "name": "El Progreso",
        "parent": "HN-YO",
        "latitude": 15.4003,
        "longitude": -87.8011,
    },
    {
        "country": "HN",
        "level": "municipality",
        "code": "HN-CR-0501",
        "name": "San Pedro Sula",
        "parent": "HN-CR",
        "latitude": 15.5042,
        "longitude": -88.025,
    },
    {
        "country": "HN",
        "level": "municipality",
        "code": "HN-CR-0502",
        "name": "Choloma",
        "parent": "HN-CR",
        "latitude": 15.6144,
        "longitude": -87.953,
    },
    {
        "country": "HN",
        "level": "municipality",
        "code": "HN-FM-0801",
        "name": "Distrito Central (Tegucigalpa)",
        "parent": "HN-FM",
        "latitude": 14.0723,
        "longitude": -87.1921,
    },
    {
        "country": "HN",
        "level": "municipality",
        "code": "HN-AT-0101",
        "name": "La Ceiba",
        "parent": "HN-AT",
        "latitude": 15.7597,
        "longitude": -86.7822,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-BCN",
        "name": "Baja California",
        "parent": None,
        "latitude": 30.55,
        "longitude": -115.1,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-SON",
        "name": "Sonora",
        "parent": None,
        "latitude": 29.3,
        "longitude": -110.3,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-CHH",
        "name": "Chihuahua",
        "parent": None,
        "latitude": 28.8,
        "longitude": -106.1,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-COA",
        "name": "Coahuila",
        "parent": None,
        "latitude": 27.3,
        "longitude": -102.0,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-NLE",
        "name": "Nuevo León",
        "parent": None,
        "latitude": 25.6,
        "longitude": -99.9,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-TAM",
        "name": "Tamaulipas",
        "parent": None,
        "latitude": 24.3,
        "longitude": -98.8,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-JAL",
        "name": "Jalisco",
        "parent": None,
        "latitude": 20.6,
        "longitude": -103.6,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-QUE",
        "name": "Querétaro",
        "parent": None,
        "latitude": 20.8,
        "longitude": -99.9,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-CMX",
        "name": "Ciudad de México",
        "parent": None,
        "latitude": 19.35,
        "longitude": -99.15,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-PUE",
        "name": "Puebla",
        "parent": None,
        "latitude": 19.0,
        "longitude": -97.9,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-OAX",
        "name": "Oaxaca",
        "parent": None,
        "latitude": 17.1,
        "longitude": -96.4,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-TAB",
        "name": "Tabasco",
        "parent": None,
        "latitude": 17.9,
        "longitude": -92.6,
    },
    {
        "country": "MX",
        "level": "province",
        "code": "MX-CHP",
        "name": "Chiapas",
        "parent": None,
        "latitude": 16.5,
        "longitude": -92.5,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-tijuana",
        "name": "Tijuana",
        "parent": "MX-BCN",
        "latitude": 32.5149,
        "longitude": -117.0382,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-mexicali",
        "name": "Mexicali",
        "parent": "MX-BCN",
        "latitude": 32.6245,
        "longitude": -115.4523,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-ciudad-juarez",
        "name": "Ciudad Juárez",
        "parent": "MX-CHH",
        "latitude": 31.6904,
        "longitude": -106.4245,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-nogales",
        "name": "Nogales",
        "parent": "MX-SON",
        "latitude": 31.3086,
        "longitude": -110.9422,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-reynosa",
        "name": "Reynosa",
        "parent": "MX-TAM",
        "latitude": 26.0508,
        "longitude": -98.2979,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-matamoros",
        "name": "Matamoros",
        "parent": "MX-TAM",
        "latitude": 25.8697,
        "longitude": -97.5027,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-nuevo-laredo",
        "name": "Nuevo Laredo",
        "parent": "MX-TAM",
        "latitude": 27.4763,
        "longitude": -99.5164,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-piedras-negras",
        "name": "Piedras Negras",
        "parent": "MX-COA",
        "latitude": 28.7,
        "longitude": -100.5235,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-monterrey",
        "name": "Monterrey",
        "parent": "MX-NLE",
        "latitude": 25.6866,
        "longitude": -100.3161,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-saltillo",
        "name": "Saltillo",
        "parent": "MX-COA",
        "latitude": 25.4232,
        "longitude": -101.0053,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-ciudad-de-mexico",
        "name": "Ciudad de México",
        "parent": "MX-CMX",
        "latitude": 19.4326,
        "longitude": -99.1332,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-guadalajara",
        "name": "Guadalajara",
        "parent": "MX-JAL",
        "latitude": 20.6597,
        "longitude": -103.3496,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-puebla",
        "name": "Puebla",
        "parent": "MX-PUE",
        "latitude": 19.0414,
        "longitude": -98.2063,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-oaxaca-de-juarez",
        "name": "Oaxaca de Juárez",
        "parent": "MX-OAX",
        "latitude": 17.0732,
        "longitude": -96.7266,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-tapachula",
        "name": "Tapachula",
        "parent": "MX-CHP",
        "latitude": 14.9039,
        "longitude": -92.2575,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-tenosique",
        "name": "Tenosique",
        "parent": "MX-TAB",
        "latitude": 17.4717,
        "longitude": -91.4236,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-villahermosa",
        "name": "Villahermosa (Centro)",
        "parent": "MX-TAB",
        "latitude": 17.9892,
        "longitude": -92.9475,
    },
    {
        "country": "MX",
        "level": "municipality",
        "code": "MX-queretaro",
        "name": "Querétaro",
        "parent": "MX-QUE",
        "latitude": 20.5888,
        "longitude": -100.3899,
    },
    {
        "country": "SV",
        "level": "province",
        "code": "SV-SS",
        "name": "San Salvador",
        "parent": None,
        "latitude": 13.75,
        "longitude": -89.15,
    },
    {
        "country": "SV",
        "level": "province",
        "code": "SV-SM",
        "name": "San Miguel",
        "parent": None,
        "latitude": 13.5,
        "longitude": -88.2,
    },
    {
        "country": "SV",
        "level": "province",
        "code": "SV-SA",
        "name": "Santa Ana",
        "parent": None,
        "latitude": 14.15,
        "longitude": -89.55,
    },
    {
        "country": "SV",
        "level": "municipality",
        "code": "SV-san-salvador",
        "name": "San Salvador",
        "parent": "SV-SS",
        "latitude": 13.6929,
        "longitude": -89.2182,
    },
    {
        "country": "SV",
        "level": "municipality",
        "code": "SV-san-miguel",
        "name": "San Miguel",
        "parent": "SV-SM",
        "latitude": 13.4833,
        "longitude": -88.1833,
    },
    {
        "country": "SV",
        "level": "municipality",
        "code": "SV-santa-ana",
        "name": "Santa Ana",
        "parent": "SV-SA",
        "latitude": 13.9942,
        "longitude": -89.5597,
    },
    {
        "country": "GT",
        "level": "province",
        "code": "GT-01",
        "name": "Guatemala",
        "parent": None,
        "latitude": 14.65,
        "longitude": -90.5,
    },
    {
        "country": "GT",
        "level": "province",
        "code": "GT-09",
        "name": "Quetzaltenango",
        "parent": None,
        "latitude": 14.8,
        "longitude": -91.6,
    },
    {
        "country": "GT",
        "level": "province",
        "code": "GT-12",
        "name": "San Marcos",
        "parent": None,
        "latitude": 14.95,
        "longitude": -91.8,
    },
    {
        "country": "GT",
        "level": "municipality",
        "code": "GT-ciudad-de-guatemala",
        "name": "Ciudad de Guatemala",
        "parent": "GT-01",
        "latitude": 14.6349,
        "longitude": -90.5069,
    },
    {
        "country": "GT",
        "level": "municipality",
        "code": "GT-quetzaltenango",
        "name": "Quetzaltenango",
        "parent": "GT-09",
        "latitude": 14.8347,
        "longitude": -91.518,
    },
    {
        "country": "GT",
        "level": "municipality",
        "code": "GT-ayutla",
        "name": "Ayutla (Tecún Umán)",
        "parent": "GT-12",
        "latitude": 14.6778,
        "longitude": -92.1453,
    },
    {
        "country": "CO",
        "level": "province",
        "code": "CO-DC",
        "name": "Bogotá, Distrito Capital",
        "parent": None,
        "latitude": 4.6,
        "longitude": -74.1,
    },
    {
        "country": "CO",
        "level": "province",
        "code": "CO-NSA",
        "name": "Norte de Santander",
        "parent": None,
        "latitude": 8.0,
        "longitude": -73.0,
    },
    {
        "country": "CO",
        "level": "province",
        "code": "CO-ANT",
        "name": "Antioquia",
        "parent": None,
        "latitude": 7.0,
        "longitude": -75.5,
    },
    {
        "country": "CO",
        "level": "municipality",
        "code": "CO-bogota",
        "name": "Bogotá",
        "parent": "CO-DC",
        "latitude": 4.711,
        "longitude": -74.0721,
    },
    {
        "country": "CO",
        "level": "municipality",
        "code": "CO-cucuta",
        "name": "Cúcuta",
        "parent": "CO-NSA",
        "latitude": 7.8939,
        "longitude": -72.5078,
    },
    {
        "country": "CO",
        "level": "municipality",
        "code": "CO-medellin",
        "name": "Medellín",
        "parent": "CO-ANT",
        "latitude": 6.2442,
        "longitude": -75.5812,
    },
    {
        "country": "EC",
        "level": "province",
        "code": "EC-P",
        "name": "Pichincha",
        "parent": None,
        "latitude": -0.2,
        "longitude": -78.6,
    },
    {
        "country": "EC",
        "level": "province",
        "code": "EC-G",
        "name": "Guayas",
        "parent": None,
        "latitude": -2.2,
        "longitude": -79.9,
    },
    {
        "country": "EC",
        "level": "municipality",
        "code": "EC-quito",
        "name": "Quito",
        "parent": "EC-P",
        "latitude": -0.1807,
        "longitude": -78.4678,
    },
    {
        "country": "EC",
        "level": "municipality",
        "code": "EC-guayaquil",
        "name": "Guayaquil",
        "parent": "EC-G",
        "latitude": -2.171,
        "longitude": -79.9224,
    },
    {
        "country": "PE",
        "level": "province",
        "code": "PE-CAL",
        "name": "Callao",
        "parent": None,
        "latitude": -12.02,
        "longitude": -77.13,
    },
    {
        "country": "PE",
        "level": "province",
        "code": "PE-LMA",
        "name": "Lima Metropolitana",
        "parent": None,
        "latitude": -12.0,
        "longitude": -76.95,
    },
    {
        "country": "PE",
        "level": "municipality",
        "code": "PE-carmen-de-la-legua-reynoso",
        "name": "Carmen de la Legua Reynoso",
        "parent": "PE-CAL",
        "latitude": -12.0425,
        "longitude": -77.0922,
    },
    {
        "country": "PE",
        "level": "municipality",
        "code": "PE-lima",
        "name": "Lima",
        "parent": "PE-LMA",
        "latitude": -12.0464,
        "longitude": -77.0428,
    },
    {
        "country": "CL",
        "level": "province",
        "code": "CL-RM",
        "name": "Región Metropolitana de Santiago",
        "parent": None,
        "latitude": -33.5,
        "longitude": -70.7,
    },
    {
        "country": "CL",
        "level": "municipality",
        "code": "CL-maipu",
        "name": "Maipú",
        "parent": "CL-RM",
        "latitude": -33.5111,
        "longitude": -70.7581,
    },
    {
        "country": "CL",
        "level": "municipality",
        "code": "CL-santiago",
        "name": "Santiago",
        "parent": "CL-RM",
        "latitude": -33.4489,
        "longitude": -70.6693,
    },
    {
        "country": "CR",
        "level": "province",
        "code": "CR-SJ",
        "name": "San José",
        "parent": None,
        "latitude": 9.55,
        "longitude": -83.95,
    },
    {
        "country": "CR",
        "level": "municipality",
        "code": "CR-san-jose",
        "name": "San José",
        "parent": "CR-SJ",
        "latitude": 9.9281,
        "longitude": -84.0907,
    },
    {
        "country": "PH",
        "level": "province",
        "code": "PH-ALB",
        "name": "Albay",
        "parent": None,
        "latitude": 13.17,
        "longitude": 123.53,
    },
    {
        "country": "PH",
        "level": "province",
        "code": "PH-00",
        "name": "Metro Manila (National Capital Region)",
        "parent": None,
        "latitude": 14.6,
        "longitude": 121.0,
    },
    {
        "country": "PH",
        "level": "municipality",
        "code": "PH-legazpi",
        "name": "Legazpi City",
        "parent": "PH-ALB",
        "latitude": 13.1391,
        "longitude": 123.7438,
    },
    {
        "country": "PH",
        "level": "municipality",
        "code": "PH-quezon-city",
        "name": "Quezon City",
        "parent": "PH-00",
        "latitude": 14.676,
        "longitude": 121.0437,
    },
    {
        "country": "ES",
        "level": "province",
        "code": "ES-B",
        "name": "Barcelona",
        "parent": None,
        "latitude": 41.73,
        "longitude": 1.98,
    },
    {
        "country": "ES",
        "level": "municipality",
        "code": "ES-terrassa",
        "name": "Terrassa",
        "parent": "ES-B",
        "latitude": 41.5632,
        "longitude": 2.0089,
    },
    {
        "country": "ES",
        "level": "municipality",
        "code": "ES-barcelona",
        "name": "Barcelona",
        "parent": "ES-B",
        "latitude": 41.3874,
        "longitude": 2.1686,
    },
    {
        "country": "US",
        "level": "province",
        "code": "US-CA",
        "name": "California",
        "parent": None,
        "latitude": 37.2,
        "longitude": -119.5,
    },
    {
        "country": "US",
        "level": "province",
        "code": "US-TX",
        "name": "Texas",
        "parent": None,
        "latitude": 31.5,
        "longitude": -99.3,
    },
    {
        "country": "US",
        "level": "municipality",
        "code": "US-los-angeles",
        "name": "Los Angeles",
        "parent": "US-CA",
        "latitude": 34.0522,
        "longitude": -118.2437,
    },
    {
        "country": "US",
        "level": "municipality",
        "code": "US-houston",
        "name": "Houston",
        "parent": "US-TX",
        "latitude": 29.7604,
        "longitude": -95.3698,
    },
    {
        "country": "US",
        "level": "municipality",
        "code": "US-el-paso",
        "name": "El Paso",
        "parent": "US-TX",
        "latitude": 31.7619,
        "longitude": -106.485,
    },
]

ORGANISATIONS: list[dict] = [
    {
        "slug": "municipalidad-de-el-progreso",
        "name": "Municipalidad de El Progreso",
        "acronym": "",
        "kind": "municipality",
        "country": "HN",
        "municipality": "HN-YO-1804",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de El Progreso, en el departamento de Yoro, Honduras.",
            "en": "Municipal government of El Progreso, in the department of Yoro, Honduras.",
        },
    },
    {
        "slug": "alcaldia-municipal-de-san-pedro-sula",
        "name": "Alcaldía Municipal de San Pedro Sula",
        "acronym": "",
        "kind": "municipality",
        "country": "HN",
        "municipality": "HN-CR-0501",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de San Pedro Sula, en el departamento de Cortés, Honduras.",
            "en": "Municipal government of San Pedro Sula, in the department of Cortés, Honduras.",
        },
    },
    {
        "slug": "alcaldia-municipal-del-distrito-central",
        "name": "Alcaldía Municipal del Distrito Central",
        "acronym": "AMDC",
        "kind": "municipality",
        "country": "HN",
        "municipality": "HN-FM-0801",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": (
                "Gobierno municipal de el Distrito Central (Tegucigalpa y Comayagüela), capital de "
                "Honduras."
            ),
            "en": (
                "Municipal government of the Central District (Tegucigalpa and Comayagüela), "
                "capital of Honduras."
            ),
        },
    },
    {
        "slug": "municipalidad-de-choloma",
        "name": "Municipalidad de Choloma",
        "acronym": "",
        "kind": "municipality",
        "country": "HN",
        "municipality": "HN-CR-0502",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Choloma, en el departamento de Cortés, Honduras.",
            "en": "Municipal government of Choloma, in the department of Cortés, Honduras.",
        },
    },
    {
        "slug": "municipalidad-de-la-ceiba",
        "name": "Municipalidad de La Ceiba",
        "acronym": "",
        "kind": "municipality",
        "country": "HN",
        "municipality": "HN-AT-0101",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de La Ceiba, en el departamento de Atlántida, Honduras.",
            "en": "Municipal government of La Ceiba, in the department of Atlántida, Honduras.",
        },
    },
    {
        "slug": "alcaldia-municipal-de-san-salvador",
        "name": "Alcaldía Municipal de San Salvador",
        "acronym": "",
        "kind": "municipality",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de San Salvador, capital de El Salvador.",
            "en": "Municipal government of San Salvador, capital of El Salvador.",
        },
    },
    {
        "slug": "alcaldia-municipal-de-san-miguel",
        "name": "Alcaldía Municipal de San Miguel",
        "acronym": "",
        "kind": "municipality",
        "country": "SV",
        "municipality": "SV-san-miguel",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de San Miguel, en el oriente de El Salvador.",
            "en": "Municipal government of San Miguel, in eastern El Salvador.",
        },
    },
    {
        "slug": "alcaldia-municipal-de-santa-ana",
        "name": "Alcaldía Municipal de Santa Ana",
        "acronym": "",
        "kind": "municipality",
        "country": "SV",
        "municipality": "SV-santa-ana",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Santa Ana, en el occidente de El Salvador.",
            "en": "Municipal government of Santa Ana, in western El Salvador.",
        },
    },
    {
        "slug": "city-government-of-legazpi",
        "name": "City Government of Legazpi",
        "acronym": "",
        "kind": "municipality",
        "country": "PH",
        "municipality": "PH-legazpi",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": (
                "Gobierno municipal de la ciudad de Legazpi, en la provincia de Albay, Filipinas."
            ),
            "en": "Municipal government of Legazpi City, in the province of Albay, Philippines.",
        },
    },
    {
        "slug": "ilustre-municipalidad-de-maipu",
        "name": "Ilustre Municipalidad de Maipú",
        "acronym": "",
        "kind": "municipality",
        "country": "CL",
        "municipality": "CL-maipu",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Maipú, en la Región Metropolitana de Santiago, Chile.",
            "en": "Municipal government of Maipú, in the Santiago Metropolitan Region, Chile.",
        },
    },
    {
        "slug": "ajuntament-de-terrassa",
        "name": "Ajuntament de Terrassa",
        "acronym": "",
        "kind": "municipality",
        "country": "ES",
        "municipality": "ES-terrassa",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Terrassa, en la provincia de Barcelona, España.",
            "en": "Municipal government of Terrassa, in the province of Barcelona, Spain.",
        },
    },
    {
        "slug": "municipalidad-distrital-de-carmen-de-la-legua-reynoso",
        "name": "Municipalidad Distrital de Carmen de la Legua Reynoso",
        "acronym": "",
        "kind": "municipality",
        "country": "PE",
        "municipality": "PE-carmen-de-la-legua-reynoso",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": (
                "Gobierno municipal de el distrito de Carmen de la Legua Reynoso, en el Callao, "
                "Perú."
            ),
            "en": (
                "Municipal government of the district of Carmen de la Legua Reynoso, in Callao, "
                "Peru."
            ),
        },
    },
    {
        "slug": "municipio-del-distrito-metropolitano-de-quito",
        "name": "Municipio del Distrito Metropolitano de Quito",
        "acronym": "",
        "kind": "municipality",
        "country": "EC",
        "municipality": "EC-quito",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de el Distrito Metropolitano de Quito, capital del Ecuador.",
            "en": "Municipal government of the Metropolitan District of Quito, capital of Ecuador.",
        },
    },
    {
        "slug": "alcaldia-de-san-jose-de-cucuta",
        "name": "Alcaldía de San José de Cúcuta",
        "acronym": "",
        "kind": "municipality",
        "country": "CO",
        "municipality": "CO-cucuta",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": (
                "Gobierno municipal de Cúcuta, en Norte de Santander, en la frontera entre "
                "Colombia y Venezuela."
            ),
            "en": (
                "Municipal government of Cúcuta, in Norte de Santander, on the Colombia-Venezuela "
                "border."
            ),
        },
    },
    {
        "slug": "h-ayuntamiento-de-tijuana",
        "name": "H. Ayuntamiento de Tijuana",
        "acronym": "",
        "kind": "municipality",
        "country": "MX",
        "municipality": "MX-tijuana",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Tijuana, Baja California, en la frontera norte de México.",
            "en": "Municipal government of Tijuana, Baja California, on Mexico's northern border.",
        },
    },
    {
        "slug": "h-ayuntamiento-de-juarez",
        "name": "H. Ayuntamiento de Juárez",
        "acronym": "",
        "kind": "municipality",
        "country": "MX",
        "municipality": "MX-ciudad-juarez",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Ciudad Juárez, Chihuahua, en la frontera norte de México.",
            "en": "Municipal government of Ciudad Juárez, Chihuahua, on Mexico's northern border.",
        },
    },
    {
        "slug": "h-ayuntamiento-de-tapachula",
        "name": "H. Ayuntamiento de Tapachula",
        "acronym": "",
        "kind": "municipality",
        "country": "MX",
        "municipality": "MX-tapachula",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Tapachula, Chiapas, en la frontera sur de México.",
            "en": "Municipal government of Tapachula, Chiapas, on Mexico's southern border.",
        },
    },
    {
        "slug": "h-ayuntamiento-de-monterrey",
        "name": "H. Ayuntamiento de Monterrey",
        "acronym": "",
        "kind": "municipality",
        "country": "MX",
        "municipality": "MX-monterrey",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Monterrey, capital del estado de Nuevo León, México.",
            "en": "Municipal government of Monterrey, capital of the state of Nuevo León, Mexico.",
        },
    },
    {
        "slug": "h-ayuntamiento-de-puebla",
        "name": "H. Ayuntamiento de Puebla",
        "acronym": "",
        "kind": "municipality",
        "country": "MX",
        "municipality": "MX-puebla",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": (
                "Gobierno municipal de la ciudad de Puebla, capital del estado de Puebla, México."
            ),
            "en": (
                "Municipal government of the city of Puebla, capital of the state of Puebla, "
                "Mexico."
            ),
        },
    },
    {
        "slug": "h-ayuntamiento-de-guadalajara",
        "name": "H. Ayuntamiento de Guadalajara",
        "acronym": "",
        "kind": "municipality",
        "country": "MX",
        "municipality": "MX-guadalajara",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "",
        "description": {
            "es": "Gobierno municipal de Guadalajara, capital del estado de Jalisco, México.",
            "en": "Municipal government of Guadalajara, capital of the state of Jalisco, Mexico.",
        },
    },
    {
        "slug": "direccion-nacional-de-atencion-al-migrante-demo",
        "name": "Dirección Nacional de Atención al Migrante (demo)",
        "acronym": "DNAM",
        "kind": "national_government",
        "country": "HN",
        "municipality": "HN-FM-0801",
        "areas_of_work": ["return-reintegration", "human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "https://dnam-demo.example.org",
        "description": {
            "es": (
                "Dirección nacional ficticia usada en la demostración; coordina la recepción de "
                "personas retornadas y el apoyo a las oficinas municipales de migración."
            ),
            "en": (
                "Fictional national directorate used in the demo; it coordinates reception of "
                "returnees and support for municipal migration offices."
            ),
        },
    },
    {
        "slug": "oficina-nacional-de-movilidad-humana-demo",
        "name": "Oficina Nacional de Movilidad Humana (demo)",
        "acronym": "ONMH",
        "kind": "national_government",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "areas_of_work": ["advocacy-policy", "research-data", "return-reintegration"],
        "is_public": True,
        "website": "https://onmh-demo.example.org",
        "description": {
            "es": (
                "Oficina nacional ficticia usada en la demostración; define lineamientos de "
                "política migratoria y publica datos para los gobiernos locales."
            ),
            "en": (
                "Fictional national office used in the demo; it sets migration policy guidelines "
                "and publishes data for local governments."
            ),
        },
    },
    {
        "slug": "programa-regional-gobernanza-migratoria-local-honduras",
        "name": "Programa Regional de Gobernanza Migratoria Local — Oficina de país Honduras",
        "acronym": "PRGML",
        "kind": "international_organisation",
        "country": "HN",
        "municipality": "HN-FM-0801",
        "areas_of_work": ["advocacy-policy", "research-data", "human-rights"],
        "is_public": True,
        "website": "https://prgml-honduras.example.org",
        "description": {
            "es": (
                "Oficina de país ficticia de un programa regional que acompaña a los municipios "
                "con evaluaciones de gobernanza, centros de información y formación."
            ),
            "en": (
                "Fictional country office of a regional programme that supports municipalities "
                "with governance assessments, information hubs and training."
            ),
        },
    },
    {
        "slug": "colectivo-caminos-de-acogida",
        "name": "Colectivo Caminos de Acogida",
        "acronym": "CCA",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-tapachula",
        "areas_of_work": ["legal-aid", "human-rights", "humanitarian-assistance"],
        "is_public": True,
        "website": "https://caminos-de-acogida.example.org",
        "description": {
            "es": (
                "Brinda orientación legal gratuita a personas en tránsito en la frontera sur de "
                "México y las acompaña en sus trámites de asilo y regularización."
            ),
            "en": (
                "Offers free legal guidance to people in transit on Mexico's southern border and "
                "accompanies them through asylum and regularisation procedures."
            ),
        },
    },
    {
        "slug": "red-de-albergues-brisa-del-pacifico",
        "name": "Red de Albergues Brisa del Pacífico",
        "acronym": "RABP",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-tijuana",
        "areas_of_work": ["humanitarian-assistance", "children-youth"],
        "is_public": True,
        "website": "https://albergues-brisa-del-pacifico.example.org",
        "description": {
            "es": (
                "Coordina una red de pequeños albergues para familias en espera en la frontera "
                "norte, con alimentación, espacios amigables para la niñez y canalización a "
                "servicios."
            ),
            "en": (
                "Runs a network of small shelters for families waiting at the northern border, "
                "with meals, child-friendly spaces and referral to services."
            ),
        },
    },
    {
        "slug": "centro-comunitario-raices-en-movimiento",
        "name": "Centro Comunitario Raíces en Movimiento",
        "acronym": "CCRM",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-ciudad-juarez",
        "areas_of_work": ["health", "community-organising"],
        "is_public": True,
        "website": "https://raices-en-movimiento.example.org",
        "description": {
            "es": (
                "Ofrece grupos de apoyo psicosocial y actividades comunitarias para personas "
                "migrantes y retornadas que viven en Ciudad Juárez."
            ),
            "en": (
                "Provides psychosocial support groups and community activities for migrants and "
                "returnees living in Ciudad Juárez."
            ),
        },
    },
    {
        "slug": "observatorio-regional-de-movilidad-y-territorio",
        "name": "Observatorio Regional de Movilidad y Territorio",
        "acronym": "ORMT",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-ciudad-de-mexico",
        "areas_of_work": ["research-data", "advocacy-policy"],
        "is_public": True,
        "website": "https://movilidad-y-territorio.example.org",
        "description": {
            "es": (
                "Elabora estudios y datos abiertos sobre movilidad humana en ciudades mexicanas "
                "para orientar las políticas públicas locales."
            ),
            "en": (
                "Produces studies and open data on human mobility in Mexican cities to inform "
                "local public policy."
            ),
        },
    },
    {
        "slug": "iniciativa-empleo-con-dignidad",
        "name": "Iniciativa Empleo con Dignidad",
        "acronym": "IED",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-monterrey",
        "areas_of_work": ["labour-inclusion", "return-reintegration", "education"],
        "is_public": True,
        "website": "https://empleo-con-dignidad.example.org",
        "description": {
            "es": (
                "Vincula a personas migrantes y retornadas con empresas del área metropolitana de "
                "Monterrey y ofrece talleres de preparación para el empleo."
            ),
            "en": (
                "Connects migrants and returnees with employers in the Monterrey area and offers "
                "job readiness workshops."
            ),
        },
    },
    {
        "slug": "colectiva-mujeres-tejiendo-camino",
        "name": "Colectiva Mujeres Tejiendo Camino",
        "acronym": "CMTC",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-oaxaca-de-juarez",
        "areas_of_work": ["gender-equality", "anti-trafficking"],
        "is_public": True,
        "website": "https://mujeres-tejiendo-camino.example.org",
        "description": {
            "es": (
                "Acompaña a mujeres migrantes e indígenas que han vivido violencia, con espacios "
                "seguros y apoyo para denunciar."
            ),
            "en": (
                "Supports migrant and Indigenous women who have experienced violence, with safe "
                "spaces and accompaniment to report abuse."
            ),
        },
    },
    {
        "slug": "red-comunitaria-selva-y-camino",
        "name": "Red Comunitaria Selva y Camino",
        "acronym": "RCSC",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-tenosique",
        "areas_of_work": ["anti-trafficking", "humanitarian-assistance"],
        "is_public": True,
        "website": "https://selva-y-camino.example.org",
        "description": {
            "es": (
                "Capacita a personas voluntarias de las comunidades de la ruta sur para detectar "
                "señales de trata y canalizar a quienes están en riesgo a servicios "
                "especializados."
            ),
            "en": (
                "Trains community volunteers along the southern route to spot signs of trafficking "
                "and refer people at risk to specialised services."
            ),
        },
    },
    {
        "slug": "espacio-diverso-antirracista",
        "name": "Espacio Diverso Antirracista",
        "acronym": "EDA",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-guadalajara",
        "areas_of_work": ["anti-racism", "education", "community-organising"],
        "is_public": True,
        "website": "https://espacio-diverso-antirracista.example.org",
        "description": {
            "es": (
                "Imparte formación contra el racismo y la xenofobia para escuelas, personas "
                "servidoras públicas y empresas en Guadalajara."
            ),
            "en": (
                "Delivers anti-racism and anti-xenophobia training for schools, public servants "
                "and businesses in Guadalajara."
            ),
        },
    },
    {
        "slug": "fundacion-umbral-de-oriente",
        "name": "Fundación Umbral de Oriente",
        "acronym": "FUO",
        "kind": "civil_society",
        "country": "CO",
        "municipality": "CO-cucuta",
        "areas_of_work": ["humanitarian-assistance", "legal-aid"],
        "is_public": True,
        "website": "https://umbral-de-oriente.example.org",
        "description": {
            "es": (
                "Brinda orientación, alimentación caliente y asesoría legal a las personas que "
                "llegan desde Venezuela por los pasos fronterizos de Cúcuta."
            ),
            "en": (
                "Provides orientation, hot meals and legal advice to people arriving from "
                "Venezuela at the Cúcuta border crossings."
            ),
        },
    },
    {
        "slug": "red-lazos-de-proteccion",
        "name": "Red Lazos de Protección",
        "acronym": "RLP",
        "kind": "civil_society",
        "country": "CO",
        "municipality": "CO-cucuta",
        "areas_of_work": ["anti-trafficking", "gender-equality"],
        "is_public": False,
        "website": "https://lazos-de-proteccion.example.org",
        "description": {
            "es": (
                "Trabaja de forma discreta con mujeres y adolescentes en riesgo de trata y "
                "explotación sexual en la zona de frontera."
            ),
            "en": (
                "Works discreetly with women and adolescents at risk of trafficking and sexual "
                "exploitation in the border area."
            ),
        },
    },
    {
        "slug": "corporacion-oficio-y-futuro",
        "name": "Corporación Oficio y Futuro",
        "acronym": "COF",
        "kind": "civil_society",
        "country": "CO",
        "municipality": "CO-medellin",
        "areas_of_work": ["labour-inclusion", "education"],
        "is_public": True,
        "website": "https://oficio-y-futuro.example.org",
        "description": {
            "es": (
                "Ofrece formación técnica y certificación de competencias para que personas "
                "migrantes y refugiadas consigan empleo formal en Medellín."
            ),
            "en": (
                "Offers vocational training and certification of skills so that migrants and "
                "refugees can find formal jobs in Medellín."
            ),
        },
    },
    {
        "slug": "fundacion-abrazo-andino",
        "name": "Fundación Abrazo Andino",
        "acronym": "FAA",
        "kind": "civil_society",
        "country": "CO",
        "municipality": "CO-medellin",
        "areas_of_work": ["health", "children-youth"],
        "is_public": True,
        "website": "https://abrazo-andino.example.org",
        "description": {
            "es": (
                "Desarrolla programas de apoyo psicosocial para niñas, niños y adolescentes "
                "migrantes y sus cuidadores."
            ),
            "en": (
                "Runs psychosocial support programmes for migrant children and adolescents and "
                "their caregivers."
            ),
        },
    },
    {
        "slug": "colectivo-palabra-andante",
        "name": "Colectivo Palabra Andante",
        "acronym": "CPA",
        "kind": "civil_society",
        "country": "CO",
        "municipality": "CO-bogota",
        "areas_of_work": ["anti-racism", "community-organising"],
        "is_public": True,
        "website": "https://palabra-andante.example.org",
        "description": {
            "es": (
                "Usa el teatro, la radio y encuentros barriales para contrarrestar la xenofobia y "
                "acercar a las comunidades migrantes y de acogida en Bogotá."
            ),
            "en": (
                "Uses theatre, radio and neighbourhood meetings to counter xenophobia and bring "
                "migrant and host communities together in Bogotá."
            ),
        },
    },
    {
        "slug": "centro-de-estudios-sobre-movilidad-y-ciudad",
        "name": "Centro de Estudios sobre Movilidad y Ciudad",
        "acronym": "CEMC",
        "kind": "civil_society",
        "country": "CO",
        "municipality": "CO-bogota",
        "areas_of_work": ["research-data", "advocacy-policy"],
        "is_public": True,
        "website": "https://estudios-sobre-movilidad-y-ciudad.example.org",
        "description": {
            "es": (
                "Investiga la integración de las personas migrantes en las ciudades colombianas y "
                "asesora a los concejos municipales en políticas de inclusión."
            ),
            "en": (
                "Researches the integration of migrants in Colombian cities and advises local "
                "councils on inclusion policies."
            ),
        },
    },
    {
        "slug": "asociacion-regreso-y-arraigo",
        "name": "Asociación Regreso y Arraigo",
        "acronym": "ARA",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "areas_of_work": ["return-reintegration", "labour-inclusion"],
        "is_public": True,
        "website": "https://regreso-y-arraigo.example.org",
        "description": {
            "es": (
                "Apoya a personas retornadas a rehacer su vida con capital semilla para pequeños "
                "negocios, referencias de empleo y mentoría entre pares."
            ),
            "en": (
                "Helps returnees rebuild their lives through seed capital for small businesses, "
                "job referrals and peer mentoring."
            ),
        },
    },
    {
        "slug": "centro-brujula-de-acompanamiento-psicosocial",
        "name": "Centro Brújula de Acompañamiento Psicosocial",
        "acronym": "CBAP",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "areas_of_work": ["health", "return-reintegration"],
        "is_public": True,
        "website": "https://brujula-de-acompanamiento-psicosocial.example.org",
        "description": {
            "es": (
                "Ofrece atención psicológica individual y grupal a personas retornadas y a "
                "familias de personas que han migrado."
            ),
            "en": (
                "Offers individual and group counselling to returnees and to families of people "
                "who have migrated."
            ),
        },
    },
    {
        "slug": "colectivo-memoria-y-camino",
        "name": "Colectivo Memoria y Camino",
        "acronym": "CMC",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "areas_of_work": ["human-rights", "advocacy-policy"],
        "is_public": True,
        "website": "https://memoria-y-camino.example.org",
        "description": {
            "es": (
                "Acompaña a familias que buscan a familiares desaparecidos en las rutas "
                "migratorias e impulsa mecanismos de búsqueda."
            ),
            "en": (
                "Accompanies families searching for relatives who went missing on migration routes "
                "and advocates for search mechanisms."
            ),
        },
    },
    {
        "slug": "fundacion-semilla-oriental",
        "name": "Fundación Semilla Oriental",
        "acronym": "FSO",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-san-miguel",
        "areas_of_work": ["children-youth", "education"],
        "is_public": True,
        "website": "https://semilla-oriental.example.org",
        "description": {
            "es": (
                "Desarrolla programas extraescolares y de becas para niñas y niños cuyos padres "
                "han migrado, para que continúen sus estudios."
            ),
            "en": (
                "Runs after-school and scholarship programmes for children whose parents have "
                "migrated, to keep them in school."
            ),
        },
    },
    {
        "slug": "laboratorio-ciudadano-de-datos-migratorios",
        "name": "Laboratorio Ciudadano de Datos Migratorios",
        "acronym": "LCDM",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-san-miguel",
        "areas_of_work": ["research-data", "advocacy-policy"],
        "is_public": True,
        "website": "https://laboratorio-ciudadano-de-datos-migratorios.example.org",
        "description": {
            "es": (
                "Recopila y visualiza datos locales sobre emigración y remesas en el oriente de El "
                "Salvador."
            ),
            "en": (
                "Collects and visualises local data on emigration and remittances in eastern El "
                "Salvador."
            ),
        },
    },
    {
        "slug": "asociacion-mujeres-del-occidente-unidas",
        "name": "Asociación Mujeres del Occidente Unidas",
        "acronym": "AMOU",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-santa-ana",
        "areas_of_work": ["gender-equality", "anti-trafficking"],
        "is_public": False,
        "website": "https://mujeres-del-occidente-unidas.example.org",
        "description": {
            "es": (
                "Apoya a mujeres sobrevivientes de violencia basada en género y de trata en el "
                "occidente de El Salvador, incluidas las que han sido retornadas."
            ),
            "en": (
                "Supports women survivors of gender-based violence and trafficking in western El "
                "Salvador, including those who have been returned."
            ),
        },
    },
    {
        "slug": "borderland-legal-companions",
        "name": "Borderland Legal Companions",
        "acronym": "BLC",
        "kind": "civil_society",
        "country": "US",
        "municipality": "US-el-paso",
        "areas_of_work": ["legal-aid", "human-rights"],
        "is_public": True,
        "website": "https://borderland-legal-companions.example.org",
        "description": {
            "es": (
                "Ofrece revisiones legales migratorias gratuitas y acompañamiento en audiencias a "
                "personas solicitantes de asilo en El Paso."
            ),
            "en": (
                "Provides free immigration legal screenings and court accompaniment for asylum "
                "seekers in El Paso."
            ),
        },
    },
    {
        "slug": "gulf-coast-newcomer-collaborative",
        "name": "Gulf Coast Newcomer Collaborative",
        "acronym": "GCNC",
        "kind": "civil_society",
        "country": "US",
        "municipality": "US-houston",
        "areas_of_work": ["labour-inclusion", "education"],
        "is_public": True,
        "website": "https://gulf-coast-newcomer-collaborative.example.org",
        "description": {
            "es": (
                "Ofrece clases de inglés, orientación para convalidar títulos y acompañamiento "
                "laboral para personas inmigrantes recién llegadas al área de Houston."
            ),
            "en": (
                "Offers English classes, credential guidance and job coaching for newly arrived "
                "immigrants in the Houston area."
            ),
        },
    },
    {
        "slug": "bayou-city-welcome-hosts",
        "name": "Bayou City Welcome Hosts",
        "acronym": "BCWH",
        "kind": "civil_society",
        "country": "US",
        "municipality": "US-houston",
        "areas_of_work": ["humanitarian-assistance", "children-youth"],
        "is_public": True,
        "website": "https://bayou-city-welcome-hosts.example.org",
        "description": {
            "es": (
                "Coordina a familias voluntarias que brindan alojamiento temporal, comidas y apoyo "
                "para la inscripción escolar a familias recién llegadas."
            ),
            "en": (
                "Coordinates volunteer hosts who provide temporary housing, meals and school "
                "enrolment help to newly arrived families."
            ),
        },
    },
    {
        "slug": "red-latina-de-bienestar-comunitario",
        "name": "Red Latina de Bienestar Comunitario",
        "acronym": "RLBC",
        "kind": "civil_society",
        "country": "US",
        "municipality": "US-los-angeles",
        "areas_of_work": ["health", "community-organising"],
        "is_public": True,
        "website": "https://latina-de-bienestar-comunitario.example.org",
        "description": {
            "es": (
                "Forma a promotoras y promotores comunitarios de salud que conectan a familias "
                "inmigrantes latinas de Los Ángeles con servicios de salud y salud mental."
            ),
            "en": (
                "Trains community health promoters who connect Latino immigrant families in Los "
                "Angeles with health and mental health services."
            ),
        },
    },
    {
        "slug": "equity-lens-training-institute",
        "name": "Equity Lens Training Institute",
        "acronym": "ELTI",
        "kind": "civil_society",
        "country": "US",
        "municipality": "US-los-angeles",
        "areas_of_work": ["anti-racism", "research-data", "advocacy-policy"],
        "is_public": True,
        "website": "https://equity-lens-training-institute.example.org",
        "description": {
            "es": (
                "Diseña formaciones contra el racismo y el perfilamiento racial para gobiernos "
                "locales y proveedores de servicios que trabajan con personas inmigrantes."
            ),
            "en": (
                "Designs anti-racism and anti-profiling training for local governments and service "
                "providers working with immigrants."
            ),
        },
    },
    {
        "slug": "asociacion-ribera-del-suchiate",
        "name": "Asociación Ribera del Suchiate",
        "acronym": "ARS",
        "kind": "civil_society",
        "country": "GT",
        "municipality": "GT-ayutla",
        "areas_of_work": ["humanitarian-assistance", "anti-trafficking"],
        "is_public": True,
        "website": "https://ribera-del-suchiate.example.org",
        "description": {
            "es": (
                "Mantiene un punto de descanso con agua, primeros auxilios e información sobre "
                "riesgos para las personas que cruzan la frontera del río Suchiate."
            ),
            "en": (
                "Runs a rest stop with water, first aid and information on risks for people "
                "crossing the Suchiate River border."
            ),
        },
    },
    {
        "slug": "fundacion-retorno-productivo-xelaju",
        "name": "Fundación Retorno Productivo Xelajú",
        "acronym": "FRPX",
        "kind": "civil_society",
        "country": "GT",
        "municipality": "GT-quetzaltenango",
        "areas_of_work": ["return-reintegration", "labour-inclusion"],
        "is_public": True,
        "website": "https://retorno-productivo-xelaju.example.org",
        "description": {
            "es": (
                "Ayuda a personas retornadas del altiplano occidental a certificar las habilidades "
                "que adquirieron en el extranjero y a iniciar pequeños negocios."
            ),
            "en": (
                "Helps returnees in the western highlands certify the skills they gained abroad "
                "and start small businesses."
            ),
        },
    },
    {
        "slug": "colectivo-altiplano-en-movimiento",
        "name": "Colectivo Altiplano en Movimiento",
        "acronym": "CAM",
        "kind": "civil_society",
        "country": "GT",
        "municipality": "GT-quetzaltenango",
        "areas_of_work": ["community-organising", "anti-racism"],
        "is_public": True,
        "website": "https://altiplano-en-movimiento.example.org",
        "description": {
            "es": (
                "Organiza a jóvenes y familias indígenas afectadas por la migración para defender "
                "sus derechos y enfrentar la discriminación."
            ),
            "en": (
                "Organises Indigenous youth and families affected by migration to defend their "
                "rights and challenge discrimination."
            ),
        },
    },
    {
        "slug": "centro-de-asesoria-juridica-migrante",
        "name": "Centro de Asesoría Jurídica Migrante",
        "acronym": "CAJM",
        "kind": "civil_society",
        "country": "GT",
        "municipality": "GT-ciudad-de-guatemala",
        "areas_of_work": ["legal-aid", "human-rights"],
        "is_public": True,
        "website": "https://asesoria-juridica-migrante.example.org",
        "description": {
            "es": (
                "Brinda asesoría legal a personas migrantes en la Ciudad de Guatemala y a familias "
                "que buscan apoyo consular para familiares detenidos en el extranjero."
            ),
            "en": (
                "Provides legal advice to migrants in Guatemala City and to families seeking "
                "consular support for relatives detained abroad."
            ),
        },
    },
    {
        "slug": "instituto-ciudadano-de-investigacion-sobre-movilidad",
        "name": "Instituto Ciudadano de Investigación sobre Movilidad",
        "acronym": "ICIM",
        "kind": "civil_society",
        "country": "GT",
        "municipality": "GT-ciudad-de-guatemala",
        "areas_of_work": ["research-data", "advocacy-policy"],
        "is_public": True,
        "website": "https://investigacion-sobre-movilidad.example.org",
        "description": {
            "es": (
                "Realiza encuestas sobre las causas de la migración y da seguimiento al gasto "
                "público destinado a personas migrantes y retornadas."
            ),
            "en": (
                "Carries out surveys on the causes of migration and monitors public spending on "
                "migrants and returnees."
            ),
        },
    },
    {
        "slug": "asociacion-pasos-pequenos",
        "name": "Asociación Pasos Pequeños",
        "acronym": "APP",
        "kind": "civil_society",
        "country": "GT",
        "municipality": "GT-ciudad-de-guatemala",
        "areas_of_work": ["children-youth", "return-reintegration"],
        "is_public": True,
        "website": "https://pasos-pequenos.example.org",
        "description": {
            "es": (
                "Apoya a niñas, niños y adolescentes retornados y a sus familias con "
                "escolarización, atención psicosocial y visitas de seguimiento."
            ),
            "en": (
                "Supports returned children and adolescents and their families with schooling, "
                "psychosocial care and follow-up visits."
            ),
        },
    },
    {
        "slug": "asociacion-volver-a-sembrar",
        "name": "Asociación Volver a Sembrar",
        "acronym": "AVS",
        "kind": "civil_society",
        "country": "HN",
        "municipality": "HN-YO-1804",
        "areas_of_work": ["return-reintegration", "labour-inclusion"],
        "is_public": True,
        "website": "https://volver-a-sembrar.example.org",
        "description": {
            "es": (
                "Apoya a personas retornadas del valle de Yoro con proyectos agrícolas, "
                "capacitación y acceso a crédito."
            ),
            "en": (
                "Supports returnees in the Yoro valley with agricultural projects, training and "
                "access to credit."
            ),
        },
    },
    {
        "slug": "colectiva-flor-de-sula",
        "name": "Colectiva Flor de Sula",
        "acronym": "CFS",
        "kind": "civil_society",
        "country": "HN",
        "municipality": "HN-CR-0501",
        "areas_of_work": ["gender-equality", "anti-trafficking"],
        "is_public": False,
        "website": "https://flor-de-sula.example.org",
        "description": {
            "es": (
                "Brinda acompañamiento confidencial a mujeres y niñas en riesgo de trata o de "
                "violencia basada en género en el valle de Sula."
            ),
            "en": (
                "Provides confidential accompaniment to women and girls at risk of trafficking or "
                "gender-based violence in the Sula valley."
            ),
        },
    },
    {
        "slug": "observatorio-ciudadano-de-movilidad-del-norte",
        "name": "Observatorio Ciudadano de Movilidad del Norte",
        "acronym": "OCMN",
        "kind": "civil_society",
        "country": "HN",
        "municipality": "HN-CR-0502",
        "areas_of_work": ["research-data", "labour-inclusion"],
        "is_public": True,
        "website": "https://movilidad-del-norte.example.org",
        "description": {
            "es": (
                "Estudia las condiciones laborales y las intenciones de migrar de las personas "
                "jóvenes que trabajan en la industria maquiladora de Choloma."
            ),
            "en": (
                "Studies working conditions and migration intentions among young factory workers "
                "in Choloma."
            ),
        },
    },
    {
        "slug": "fundacion-manos-que-acompanan",
        "name": "Fundación Manos que Acompañan",
        "acronym": "FMA",
        "kind": "civil_society",
        "country": "HN",
        "municipality": "HN-FM-0801",
        "areas_of_work": ["health", "humanitarian-assistance"],
        "is_public": True,
        "website": "https://manos-que-acompanan.example.org",
        "description": {
            "es": (
                "Ofrece primeros auxilios psicológicos y asistencia básica a personas retornadas a "
                "Tegucigalpa."
            ),
            "en": (
                "Offers first psychological aid and basic assistance to people returned to "
                "Tegucigalpa."
            ),
        },
    },
    {
        "slug": "centro-juvenil-puerto-esperanza",
        "name": "Centro Juvenil Puerto Esperanza",
        "acronym": "CJPE",
        "kind": "civil_society",
        "country": "HN",
        "municipality": "HN-AT-0101",
        "areas_of_work": ["children-youth", "education"],
        "is_public": True,
        "website": "https://puerto-esperanza.example.org",
        "description": {
            "es": (
                "Desarrolla actividades deportivas, artísticas y de formación técnica para jóvenes "
                "de La Ceiba como alternativa a la migración irregular."
            ),
            "en": (
                "Runs sports, arts and vocational activities for young people in La Ceiba as an "
                "alternative to irregular migration."
            ),
        },
    },
    {
        "slug": "asociacion-enlace-informativo-migrante",
        "name": "Asociación Enlace Informativo Migrante",
        "acronym": "AEIM",
        "kind": "civil_society",
        "country": "MX",
        "municipality": "MX-tapachula",
        "areas_of_work": ["human-rights", "humanitarian-assistance"],
        "is_public": True,
        "website": "https://enlace-informativo.example.org",
        "description": {
            "es": (
                "Opera un centro de información de atención presencial en Tapachula que responde "
                "consultas sobre documentos, asilo, trabajo y servicios."
            ),
            "en": (
                "Operates a walk-in information hub in Tapachula that answers questions on "
                "documents, asylum, work and services."
            ),
        },
    },
    {
        "slug": "fundacion-faro-migrante",
        "name": "Fundación Faro Migrante",
        "acronym": "FFM",
        "kind": "civil_society",
        "country": "SV",
        "municipality": "SV-san-salvador",
        "areas_of_work": ["return-reintegration", "human-rights"],
        "is_public": True,
        "website": "https://faro-migrante.example.org",
        "description": {
            "es": (
                "Opera un centro de información en San Salvador para personas retornadas y "
                "personas que piensan migrar, con atención telefónica y presencial."
            ),
            "en": (
                "Operates an information hub in San Salvador for returnees and people thinking of "
                "migrating, with phone and in-person support."
            ),
        },
    },
]
