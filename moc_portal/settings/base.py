"""Settings read from the environment.

With nothing set the portal runs embedded: SQLite, Celery tasks executed in-process and a
local-memory cache. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to Redis as the
Celery broker and the cache. See ``.env.example`` for every variable.
"""

import warnings
from datetime import timedelta
from pathlib import Path

import environ

from . import beat

# Static files are collected only for production; elsewhere the finders serve them.
warnings.filterwarnings("ignore", message="No directory at")

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The address people use to reach the portal, for links in e-mails (invitations, notices).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The installation's own identity: the region (РМЦ) that runs the portal for its
# municipalities, or the single centre of a one-municipality installation. It names the
# region-wide pages, and stands in for a municipality whose centre is not filled in yet; each
# municipality's own centre is edited in the portal (programs.Centre).
MOC_CENTRE_NAME = env(
    "MOC_CENTRE_NAME",
    default="Муниципальный опорный центр дополнительного образования детей",
)
MOC_CENTRE_SHORT_NAME = env("MOC_CENTRE_SHORT_NAME", default="")
# Its contacts in the header and footer (empty ones are not shown).
MOC_CENTRE_ADDRESS = env("MOC_CENTRE_ADDRESS", default="")
MOC_CENTRE_PHONE = env("MOC_CENTRE_PHONE", default="")
MOC_CENTRE_EMAIL = env("MOC_CENTRE_EMAIL", default="")
# load_demo creates accounts with a published password: allowed for development only.
MOC_DEMO_ALLOWED = True
# The regional Navigator's public site, where parents enrol (a link in the footer).
NAVIGATOR_PUBLIC_URL = env("NAVIGATOR_PUBLIC_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "django_celery_beat",
    "django_htmx",
    "simple_history",
    "csp",
    "axes",
    "moc_portal.users",
    "moc_portal.core",
    "moc_portal.demo",
    "programs",
    "programs.assessment",
    "programs.staffing",
    "plans",
    "plans.portal",
    "plans.development",
    "plans.contests",
    "reports",
    "navigator_sync",
]

MIDDLEWARE = [
    # First, so that every response has the security headers, error pages included: those
    # answered or raised by a middleware further down (a refused Host, a control character).
    "moc_portal.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "moc_portal.core.middleware.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "moc_portal.core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "moc_portal.urls"
WSGI_APPLICATION = "moc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "moc_portal.context_processors.site_settings",
                "programs.context_processors.centre",
                "plans.portal.context_processors.thematic_blocks",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "users:cabinet"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Invitation links are password-reset links; a coordinator may open one days later.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=7 * 24 * 3600)

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default="") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default="") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis: with Redis away every read is a miss and every write is skipped,
            # so pages are built afresh instead of failing (IGNORE_EXCEPTIONS).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="moc"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker every task runs in-process, at the point it is queued.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# With Redis away, queuing a task gives up after a second instead of holding the page: the
# work waits in the database (jobs, outbox rows) and the watchdogs queue it again.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
# How long a catalogue page stays in the cache to be served while the database is away.
OUTAGE_PAGE_SECONDS = env.int("OUTAGE_PAGE_SECONDS", default=24 * 3600)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The regional Navigator (navigator_sync, contract v1). Empty NAVIGATOR_URL: changes are
# queued but nothing is sent.
NAVIGATOR_URL = env("NAVIGATOR_URL", default="").rstrip("/")
NAVIGATOR_TOKEN = env("NAVIGATOR_TOKEN", default="")
NAVIGATOR_TIMEOUT = env.float("NAVIGATOR_TIMEOUT", default=30)
NAVIGATOR_BATCH_SIZE = env.int("NAVIGATOR_BATCH_SIZE", default=200)
# One drain task sends for at most this long, then hands over to a fresh one.
NAVIGATOR_DRAIN_SECONDS = env.float("NAVIGATOR_DRAIN_SECONDS", default=60)
NAVIGATOR_RETRY_BASE_SECONDS = env.float("NAVIGATOR_RETRY_BASE_SECONDS", default=10)
NAVIGATOR_RETRY_MAX_SECONDS = env.float("NAVIGATOR_RETRY_MAX_SECONDS", default=3600)
# While the Navigator is down the push asks it again at least this often: the first answer
# after an outage releases the whole queue.
NAVIGATOR_PROBE_SECONDS = env.float("NAVIGATOR_PROBE_SECONDS", default=30)
# A row in flight longer than this was left by a dead worker (keep it above NAVIGATOR_TIMEOUT).
NAVIGATOR_STUCK_SECONDS = env.float("NAVIGATOR_STUCK_SECONDS", default=600)
# Background processes say they are alive this often; one silent for WORKER_GONE_SECONDS is
# gone, and the work it held (import jobs, outbox rows) is freed at once (core.workers).
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_GONE_SECONDS = env.float("WORKER_GONE_SECONDS", default=45)
NAVIGATOR_WATCHDOG_SECONDS = env.float("NAVIGATOR_WATCHDOG_SECONDS", default=60)

# Periodic tasks (moc_portal/settings/beat.py); beat (django-celery-beat) copies them into its
# table on start.
CELERY_BEAT_SCHEDULE = beat.schedule(
    heartbeat_seconds=WORKER_HEARTBEAT_SECONDS,
    gone_seconds=WORKER_GONE_SECONDS,
    watchdog_seconds=NAVIGATOR_WATCHDOG_SECONDS,
)
# Who creates and publishes the open data set, and whose INN makes its identifier
# («<ИНН>-dop-programmy»): one body. With OPEN_DATA_PUBLISHER_NAME empty, the installation
# (MOC_CENTRE_NAME, _PHONE, _EMAIL) and OPEN_DATA_PUBLISHER_INN is the installation's INN; set,
# the regional operator so named, with its own INN, phone and e-mail below. Never taken from
# an organisation of the registry. OPEN_DATA_INN is the INN's older name.
OPEN_DATA_PUBLISHER_NAME = env("OPEN_DATA_PUBLISHER_NAME", default="")
OPEN_DATA_PUBLISHER_INN = env("OPEN_DATA_PUBLISHER_INN", default=env("OPEN_DATA_INN", default=""))
OPEN_DATA_PUBLISHER_PHONE = env("OPEN_DATA_PUBLISHER_PHONE", default="")
OPEN_DATA_PUBLISHER_EMAIL = env("OPEN_DATA_PUBLISHER_EMAIL", default="")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="moc@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

MESSAGE_TAGS = {40: "danger"}

# Uploaded spreadsheets larger than this are refused with a message (bytes).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# Exports of more rows than this are built by a Celery task behind a progress bar.
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=2000)
# The most data rows one import takes: a larger file is refused, with this number in the
# message, before it is read (it would take the worker's memory).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=60_000)
# The most pixels an uploaded picture may have; counted from its header, before decoding.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024

# How long anonymous catalogue and programme pages are served from the cache; a publication,
# change or withdrawal clears them at once (see programs/cache.py).
CATALOGUE_CACHE_SECONDS = env.int("CATALOGUE_CACHE_SECONDS", default=300)
# Catalogue queries the page cache could not answer (each one a search in the database),
# accepted from one address; past it a 429 page keeps the filters. A cached page is never
# refused. Typing in the search box asks after each pause, so leave room for that.
SEARCH_RATE_LIMIT = env("SEARCH_RATE_LIMIT", default="60/m")

# The portal: uploaded covers and documents larger than this are refused (bytes).
PORTAL_UPLOAD_MAX_BYTES = env.int("PORTAL_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# Hotline: askers' personal data is erased this many days after the question (152-ФЗ: no longer
# than the purpose needs); questions accepted from one address (django-ratelimit rate).
HOTLINE_RETENTION_DAYS = env.int("HOTLINE_RETENTION_DAYS", default=365)
# Teachers: a teacher's personal data are erased this many days after they leave their
# organisation (the nightly purge, programs/staffing/retention.py); their record stays counted.
TEACHER_RETENTION_DAYS = env.int("TEACHER_RETENTION_DAYS", default=1825)
# A teacher's next course of professional development (КПК) is due this many years after the
# last one ended (plans.development.selectors.due_status).
TEACHER_COURSE_INTERVAL_YEARS = env.int("TEACHER_COURSE_INTERVAL_YEARS", default=3)
HOTLINE_RATE_LIMIT = env("HOTLINE_RATE_LIMIT", default="5/h")
# Contests: children's names, dates of birth, classes and consent scans are erased this many
# days after the contest's results were fixed (a nightly beat task); counts and places stay.
CONTEST_PERSONAL_DATA_RETENTION_DAYS = env.int("CONTEST_PERSONAL_DATA_RETENTION_DAYS", default=365)
# «Какой кружок нужен вашему ребёнку?»: answers from one address (a family with children).
WISH_RATE_LIMIT = env("WISH_RATE_LIMIT", default="10/h")
# Where the client's address is: REMOTE_ADDR when people reach gunicorn directly; behind the
# reverse proxy, a header moc_portal/deploy/nginx.conf sets to it (HTTP_X_FORWARDED_FOR, as
# production does by default; any other is refused, moc_portal.core.deploy). One setting for
# the hotline's limit and the sign-in's lockout (moc_portal.core.client_ip).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="REMOTE_ADDR")
RATELIMIT_IP_META_KEY = "moc_portal.core.client_ip.client_ip"
# With the cache (Redis) away a limit cannot count: the request goes through instead of being
# refused for a reason that is not true (moc_portal.core.limits).
RATELIMIT_FAIL_OPEN = True

# Sign-in (the portal's and the admin's) by django-axes: after LOGIN_FAILURE_LIMIT failed
# attempts an account, and separately an address, is locked for LOGIN_LOCKOUT_MINUTES; an
# administrator unlocks earlier in the admin («Попытки доступа»). Failures are logged.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "moc_portal.core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "moc_portal.users.views.locked_out"
# Password-reset letters asked for one e-mail address (any letter case), and from one client
# address.
PASSWORD_RESET_RATE_LIMIT = env("PASSWORD_RESET_RATE_LIMIT", default="3/h")

# Every page works under a strict policy: no inline scripts or styles, nothing from elsewhere.
# The open API (programs.api): anonymous, read-only, rate-limited per address.
API_RATE_LIMIT = env("API_RATE_LIMIT", default="120/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Открытые данные каталога дополнительного образования",
    "DESCRIPTION": "Программы (только одобренные версии), их группы с расписанием и "
    "свободными местами, организации и муниципалитеты. Только чтение, без входа; "
    "число запросов с одного адреса ограничено. Ответы несут ETag и Last-Modified: "
    "повторный условный запрос получает 304.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {},
    "COMPONENT_SPLIT_REQUEST": False,
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "TAGS": [
        {"name": "Программы"},
        {"name": "Группы"},
        {"name": "Организации"},
        {"name": "Муниципалитеты"},
    ],
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
# The admin shows old versions and never restores one past the services (core.admin).
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Eager tasks would log every run at INFO; a worker logs them itself.
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        # The morphological dictionary names its version on loading, in every process.
        "pymorphy3": {"level": "WARNING"},
        # Failed sign-ins and lockouts, with the account and the address.
        "axes": {"level": "INFO"},
    },
}
