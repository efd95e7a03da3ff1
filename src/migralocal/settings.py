"""MigraLocal settings: everything that differs between installations comes from the environment.

Read `docs/deploy.md` for the full list of variables. The defaults suit a laptop demo (SQLite under
`var/`); production refuses to start without a secret key.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(SOURCE_ROOT / ".env")

DEBUG = env.bool("DEBUG", default=False)
VAR_DIR = Path(env.str("MIGRALOCAL_VAR_DIR", default=str(SOURCE_ROOT / "var")))


def development_secret_key(var_dir: Path) -> str:
    """Generate a key once into var/ so that sessions survive restarts of the demo."""
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


if env.str("SECRET_KEY", default=""):
    SECRET_KEY = env.str("SECRET_KEY")
elif DEBUG:
    SECRET_KEY = development_secret_key(VAR_DIR)
else:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# MigraLocal's apps come first so that their translations and templates win over the libraries'.
INSTALLED_APPS = [
    "migralocal.core",
    "migralocal.commitments",
    "migralocal.directory",
    "migralocal.learning",
    "migralocal.consultations",
    "migralocal.assessments",
    "migralocal.reports",
    "migralocal.programmes",
    "migralocal.calls",
    "migralocal.advisory",
    "migralocal.assistance",
    "migralocal.core.apps.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "rules",
    "auditlog",
    "parler",
    "django_tasks",
    "django_tasks_db",
    *(["django_rq", "django_tasks_rq"] if env.str("REDIS_URL", default="") else []),
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed here (static files come compressed from WhiteNoise, above): the migrant's
    # phone journey must stay under 120 KB. Django pads each response against BREACH and masks
    # CSRF tokens per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Around the idle timeout, so that it sees who a timeout signs out (core/kept_posts.py).
    "migralocal.core.kept_posts.KeepPostThroughSignInMiddleware",
    "migralocal.core.middleware.SessionIdleTimeoutMiddleware",
    "migralocal.core.middleware.TwoFactorRequiredMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "migralocal.core.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "migralocal.urls"
WSGI_APPLICATION = "migralocal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "migralocal.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'migralocal.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite on a file: readers never wait for writers (WAL), a writer waits up to the busy timeout
# for another, and a transaction takes the write lock when it begins (IMMEDIATE) instead of when
# it first writes, which could fail at once with "database is locked" whatever the timeout.
# A write still waiting after the timeout answers 503 (core/middleware.py).
SQLITE_BUSY_TIMEOUT_SECONDS = env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20)


def sqlite_file_options(timeout: float) -> dict[str, object]:
    return {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": timeout,
    }


if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] not in (
    "",
    ":memory:",
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        sqlite_file_options(SQLITE_BUSY_TIMEOUT_SECONDS)
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A read replica, when there is one, serves the reports' and dashboards' reads (core/routers.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["migralocal.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Several web processes and workers share one cache: Redis when REDIS_URL is set, otherwise files
# under var/ (shared by the processes of one machine); one process in development keeps it in
# memory. Page caches, rate limits and throttles all rely on it being shared.
REDIS_URL = env.str("REDIS_URL", default="")
# Django's default of 300 entries is far too few: the translations cache alone holds one entry per
# translated row (249 countries in each language), and culling would drop the public cache's
# version keys, so no page would stay cached.
CACHE_MAX_ENTRIES = env.int("CACHE_MAX_ENTRIES", default=50_000)
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "migralocal.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    }
elif DEBUG:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
    }
# Public pages and figures stay in the cache at most this long; edits invalidate them sooner.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)

# Background tasks: in the database by default (no broker, `migralocal db_worker`); on Redis
# through RQ when REDIS_URL is set (`migralocal rqworker --job-class django_tasks_rq.Job`).
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Sessions live in the database, read through the cache when it is Redis: any process answers.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out person is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Passwords follow NIST SP 800-63B: a minimum length of 12 (the standard's floor is 8 for a
# password chosen by the person; 12 because staff accounts reach migrants' personal data), no
# composition rules, a check against a list of common and breached passwords, passphrases of up
# to 128 characters accepted, and no forced periodic change.
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=12)
PASSWORD_MAX_LENGTH = 128
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "migralocal.core.passwords.MaximumLengthValidator",
        "OPTIONS": {"max_length": PASSWORD_MAX_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:landing"

# django-allauth: sign in by e-mail; two-factor through TOTP with recovery codes.
ACCOUNT_ADAPTER = "migralocal.core.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="MigraLocal")
# Accounts whose roles reach identifying personal data must set up two-factor authentication
# before they use the platform (core/two_factor.py); `false` only for a laptop demo.
MFA_REQUIRED_FOR_PERSONAL_DATA = env.bool("MFA_REQUIRED_FOR_PERSONAL_DATA", default=True)
# Two-factor hardening (core/two_factor_lockout.py, core/two_factor_enrolment.py): secrets kept
# encrypted; MFA_FAILURE_LIMIT wrong codes within MFA_FAILURE_WINDOW_MINUTES lock the ACCOUNT,
# from any address, for LOGIN_LOCKOUT_MINUTES; a first authenticator needs an e-mailed link or an
# admin's code, valid MFA_ENROLMENT_LINK_MINUTES / MFA_ENROLMENT_CODE_HOURS.
MFA_ADAPTER = "migralocal.core.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "migralocal.core.forms.LockAwareAuthenticateForm",
    "reauthenticate": "migralocal.core.forms.LockAwareReauthenticateForm",
}
MFA_FAILURE_LIMIT = env.int("MFA_FAILURE_LIMIT", default=5)
MFA_FAILURE_WINDOW_MINUTES = env.int("MFA_FAILURE_WINDOW_MINUTES", default=15)
MFA_ENROLMENT_LINK_MINUTES = env.int("MFA_ENROLMENT_LINK_MINUTES", default=60)
MFA_ENROLMENT_CODE_HOURS = env.int("MFA_ENROLMENT_CODE_HOURS", default=72)

# django-axes: after LOGIN_FAILURE_LIMIT failed sign-ins for one e-mail address from one IP
# address, that pair is locked out for LOGIN_LOCKOUT_MINUTES. Counting the pair, not the
# address alone, keeps one person's mistakes from locking out a whole office behind one IP, and
# keeps an attacker from locking a known account out from anywhere. Platform admins lift a
# lock-out in the admin (Axes → Access attempts) or with `manage.py axes_reset_username`.
# allauth's own limit on failed sign-ins stays as a per-address cap across accounts (password
# spraying); its per-account limit is left to django-axes, which has the lock-out page and reset.
ACCOUNT_RATE_LIMITS = {"login_failed": env.str("LOGIN_FAILURES_PER_ADDRESS", default="30/10m/ip")}
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_LOCKOUT_MINUTES", default=15.0) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "migralocal.core.views.locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "code"]

if DEBUG and not env.str("EMAIL_URL", default=""):
    # A demo or a developer's machine: messages on the console and on /es/demo/mail/.
    EMAIL_BACKEND = "migralocal.core.demo_mail.DemoMailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
else:
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
    vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="MigraLocal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: Spanish first. A new one is added by listing its code here and translating the
# catalogues; model content needs no migration because django-parler keeps it in rows. Django
# knows no Haitian Creole, so its name is added to Django's table of languages.
LANG_INFO.setdefault(
    "ht", {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"}
)
LANGUAGE_CODES = env.list("LANGUAGES", default=["es", "en", "fr", "pt", "ht"])
for _code in LANGUAGE_CODES:
    if _code not in LANG_INFO:
        raise ImproperlyConfigured(f"Unknown language code in LANGUAGES: {_code}")
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in LANGUAGE_CODES]
LANGUAGE_CODE = LANGUAGE_CODES[0]
# The second holds Django's own strings (form errors, month names) in languages Django does not
# ship, and the formats module their dates and numbers.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "core" / "django_strings" / "locale"]
FORMAT_MODULE_PATH = ["migralocal.formats"]
LANGUAGE_COOKIE_NAME = "migralocal_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="America/Tegucigalpa")
USE_TZ = True

PARLER_DEFAULT_LANGUAGE_CODE = LANGUAGE_CODE
PARLER_LANGUAGES = {
    None: tuple(
        {"code": code, "fallbacks": [other for other in LANGUAGE_CODES if other != code]}
        for code in LANGUAGE_CODES
    ),
    "default": {"fallbacks": [LANGUAGE_CODE], "hide_untranslated": False},
}

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads go to MEDIA_ROOT, or to an S3-compatible bucket when MEDIA_S3_BUCKET is set (several
# machines then share them). Files stay private: every download goes through a view's rules, and
# the storage signs short-lived addresses.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE: dict = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("MEDIA_S3_PREFIX", default="media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: every file is checked by its content (core/uploads.py). UPLOAD_MAX_MB is the per-file
# limit unless a module sets a smaller one; ZIP-based office files are refused when they would
# inflate beyond these limits (zip bombs). Put the same body-size limit in the web server.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=10)
UPLOAD_ZIP_MAX_UNCOMPRESSED_MB = env.int("UPLOAD_ZIP_MAX_UNCOMPRESSED_MB", default=200)
UPLOAD_ZIP_MAX_RATIO = env.int("UPLOAD_ZIP_MAX_RATIO", default=100)
UPLOAD_ZIP_MAX_MEMBERS = env.int("UPLOAD_ZIP_MAX_MEMBERS", default=2000)

# Maps: any tile server that speaks the {z}/{x}/{y} scheme; pages still list places without it.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors")

AUDITLOG_INCLUDE_ALL_MODELS = False

# Identifying details recorded with a consultation are purged after this many months.
CONSULTATIONS_RETENTION_MONTHS = env.int("CONSULTATIONS_RETENTION_MONTHS", default=24)
# Uploaded offline submissions larger than this many rows are checked and imported by the worker.
CONSULTATIONS_BACKGROUND_IMPORT_ROWS = env.int("CONSULTATIONS_BACKGROUND_IMPORT_ROWS", default=2000)
# An import still running this long after it started is offered to be run again.
CONSULTATIONS_STUCK_IMPORT_MINUTES = env.int("CONSULTATIONS_STUCK_IMPORT_MINUTES", default=30)

# How many reverse proxies stand in front of the web processes; rate limits count per client.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

# Results exports of scopes with more records than this run as a background task.
REPORTS_BACKGROUND_EXPORT_ROWS = env.int("REPORTS_BACKGROUND_EXPORT_ROWS", default=200_000)
# Results exports are deleted this many days after they were requested.
REPORTS_EXPORT_KEEP_DAYS = env.int("REPORTS_EXPORT_KEEP_DAYS", default=7)

# Programmes' IATI activity files (programmes/iati.py, docs/programmes.md) name the organisation
# that publishes them: its IATI organisation identifier, its name and its IATI organisation type
# code. The default identifier is a placeholder that says the file is not yet registered.
IATI_REPORTING_ORG_REF = env.str("IATI_REPORTING_ORG_REF", default="XX-MIGRALOCAL")
IATI_REPORTING_ORG_NAME = env.str("IATI_REPORTING_ORG_NAME", default="MigraLocal")
IATI_REPORTING_ORG_TYPE = env.str("IATI_REPORTING_ORG_TYPE", default="90")

# Kobo or ODK exports are larger than other uploads: big ones are checked in the background.
CONSULTATIONS_MAX_IMPORT_MB = env.int("CONSULTATIONS_MAX_IMPORT_MB", default=50)

# JSON (API bodies, offline submissions) nested deeper than this is refused before it is parsed.
MAX_JSON_DEPTH = env.int("MAX_JSON_DEPTH", default=32)

REST_FRAMEWORK = {
    "DEFAULT_PARSER_CLASSES": [
        "migralocal.core.json_limits.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "migralocal.core.api_framework.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["migralocal.core.api_framework.RulesPermission"],
    "DEFAULT_PAGINATION_CLASS": "migralocal.core.api_framework.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "migralocal.core.api_framework.VisitorRateThrottle",
        "migralocal.core.api_framework.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANONYMOUS_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="1200/minute"),
    },
    # Behind N proxies the client's address is the Nth from the right in X-Forwarded-For.
    "NUM_PROXIES": NUM_PROXIES,
    "EXCEPTION_HANDLER": "migralocal.core.api_framework.problem_details_handler",
    "DEFAULT_SCHEMA_CLASS": "migralocal.core.api_schema.RulesAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MigraLocal API",
    "DESCRIPTION": "Read public data without an account; use a personal token for the rest.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Choice sets that share a field name across modules get names of their own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "HubStatusEnum": "migralocal.directory.models.Hub.Status",
        "ReferralStatusEnum": "migralocal.consultations.models.Referral.Status",
        "ConsultationGenderEnum": "migralocal.consultations.models.Gender",
        "ContactChannelEnum": "migralocal.consultations.models.Channel",
        "AssessmentStageEnum": "migralocal.assessments.models.Stage",
        "InstrumentStageEnum": "migralocal.advisory.models.Instrument.Stage",
        "CashTransferBasisEnum": "migralocal.assistance.models.TransferBasis",
        "CashPopulationGroupEnum": "migralocal.assistance.models.PopulationGroup",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "migralocal.core.api_schema.document_problems",
    ],
}

# Sessions end after SESSION_IDLE_MINUTES without a request (NIST 800-63B AAL2: 30 minutes)
# and SESSION_MAX_HOURS after sign-in whatever happens (AAL2: 12 hours); see core/middleware.py.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_MAX_SECONDS = env.int("SESSION_MAX_HOURS", default=12) * 60 * 60
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A stale form's token gets a translated page that offers to send the form again.
CSRF_FAILURE_VIEW = "migralocal.core.csrf_failure.csrf_failure"
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind reverse proxies that terminate HTTPS (docs/deploy.md), NUM_PROXIES says how many, so
# that Django trusts their X-Forwarded-Proto and django-axes, like the rate limits, counts each
# client's address from X-Forwarded-For. Leave it at 0 when clients can reach the application
# server directly: they could then claim any scheme and address.
if NUM_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = NUM_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True


def tile_origin(tile_url: str) -> str:
    """The origin of the map tile server, with a wildcard for Leaflet's {s} subdomains."""
    scheme, _sep, rest = tile_url.partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if host else ""


# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only;
# no inline script, no inline style, no eval. The map's tiles come from MAP_TILE_URL's server.
# The API documentation page relaxes styles alone (core/api_docs.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [tile_origin(MAP_TILE_URL)])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
