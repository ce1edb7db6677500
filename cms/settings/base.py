"""Settings shared by every environment. Anything secret or host-specific comes from the
environment (see the table in README.md)."""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import cache_from_url, env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# ---------------------------------------------------------------- Applications

INSTALLED_APPS = [
    # Ours first, so our templates and catalogues win over the libraries'.
    "home",
    "organisation",
    "columns",
    "directives",
    "members",
    "cms",
    "cms.search",  # the Vietnamese-folding search backend, its migration, the view
    # Wagtail and its translation layer.
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "import_export",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",  # its system checks
    "axes",
    "csp",
    # Two-factor sign-in: the authenticator app and the recovery codes (cms/security/twofactor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Whitenoise directly after SecurityMiddleware, as its documentation asks.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After the page cache (inserted above it in the page cache section), so a cached page keeps
    # the policy it was served with.
    "cms.security.csp.SitePolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(), then ours: an unverified session sees only the code page.
    "django_otp.middleware.OTPMiddleware",
    "cms.security.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Needs the resolved URL (process_view), so it comes last.
    "cms.security.ratelimits.RateLimitMiddleware",
    # Turns axes' refusal of a locked sign-in into our lockout page; last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---------------------------------------------------------------- Data

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# PostgreSQL's default random_page_cost (4) prices disk seeks for spinning disks; with it the
# planner reads every search entry rather than use the GIN index (300 ms instead of 90 for a
# common word at 12,000 pages). 1.1 is the usual value for SSD and cloud volumes. Empty leaves
# the server's own setting (behind PgBouncer, which refuses startup options).
RANDOM_PAGE_COST = env_str("PG_RANDOM_PAGE_COST", "1.1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and RANDOM_PAGE_COST:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c random_page_cost={RANDOM_PAGE_COST}"
    )
# SQLite as a web server's database (`make run`, small installs): write-ahead logging lets
# readers go on while one request writes, IMMEDIATE transactions take the write lock when they
# begin (instead of failing with "database is locked" when a reader turns writer), and writers
# wait up to SQLITE_BUSY_TIMEOUT seconds for their turn.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}

# ---------------------------------------------------------------- Security

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The reverse proxy's own addresses or networks (e.g. 172.18.0.0/16 for a Docker bridge). Only
# a request from one of them has its client address read from X-Forwarded-For, and then only
# the right-most entry, the one the proxy appended (cms/clientip.py, docs/security.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Replaced by TRUSTED_PROXIES and no longer read; kept so a system check can say so.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")
# Requests one client address may make per window, by endpoint (cms/security/ratelimits.py).
RATE_LIMITS = {
    "comments": f"{env_int('COMMENT_RATE_LIMIT', 5)}/10m",
    "views": env_str("VIEW_BEACON_RATE_LIMIT", "60/m"),
    "login": env_str("LOGIN_RATE_LIMIT", "30/10m"),
    "password_reset": env_str("PASSWORD_RESET_RATE_LIMIT", "10/h"),
    "search": env_str("SEARCH_RATE_LIMIT", "60/m"),
    "csrf": env_str("CSRF_RATE_LIMIT", "60/m"),
    "two_factor": env_str("TWO_FACTOR_RATE_LIMIT", "20/10m"),
}
RATELIMIT_IP_META_KEY = "cms.clientip.client_address"

# Content-Security-Policy (django-csp, cms/security/csp.py, docs/security.md). The public site:
# our own files only, a nonce for any inline script. CSP_REPORT_ONLY=1 reports violations
# without blocking, to try a change of policy on the live site first.
SITE_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
PUBLIC_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    # A column's colour is a CSS variable in a style attribute (columns templates); attributes
    # cannot run script, <style> elements stay refused.
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF, "https://www.youtube.com", "https://www.youtube-nocookie.com"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
# The Wagtail admin: its own inline styles and scripts (Wagtail 8 still writes some), blob:
# and data: images (image previews, the focal point tool), previews in a frame of ours.
ADMIN_CSP_DIRECTIVES = {
    **{name: value for name, value in PUBLIC_CSP_DIRECTIVES.items() if name != "style-src-attr"},
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
}
_public_policy = {"DIRECTIVES": PUBLIC_CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY = None if SITE_CSP_REPORT_ONLY else _public_policy
CONTENT_SECURITY_POLICY_REPORT_ONLY = _public_policy if SITE_CSP_REPORT_ONLY else None

# Sign-in lockouts (django-axes, cms/security/logins.py): an account is locked on one address
# after AXES_FAILURE_LIMIT wrong passwords, until the cool-off ends or a superuser unlocks it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked sign-in is refused before checking
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.clientip.client_address"
AXES_LOCKOUT_CALLABLE = "cms.security.logins.lockout_response"
AXES_RESET_ON_SUCCESS = True  # a right password starts the count again
# Two-factor sign-in (django-otp, cms/security/twofactor.py): required of superusers, the school
# union's officers and member managers. Only the test and development settings may turn the
# requirement off (a user who has enrolled is still asked for a code); `check --deploy` warns.
TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = env_str("TWO_FACTOR_ISSUER", "Đoàn trường CĐSP Điện Biên")
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache increments atomically; django-ratelimit only lists django-redis.
    "django_ratelimit.W001",
]
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Without Redis each process counts on its own: the limits still hold, per process.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# ---------------------------------------------------------------- Language and formats

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogues, first one winning: the project's, each app's, then the Vietnamese we ship for
# the libraries. The apps' are listed here (not only found through INSTALLED_APPS) because
# LOCALE_PATHS outranks every app, and our "Latest documents" must beat Wagtail's.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    *(
        BASE_DIR / app / "locale"
        for app in ["home", "organisation", "columns", "directives", "members"]
    ),
    BASE_DIR / "locale" / "upstream",
]
FORMAT_MODULE_PATH = ["cms.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

# ---------------------------------------------------------------- Static and media

STATIC_URL = "/static/"
# A test server or a second checkout collects into a folder of its own.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The page editor of a long article posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------- Email

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Đoàn trường <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Without an SMTP host, mail is printed to the console instead of being lost.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# A mail server that does not answer fails the attempt after this many seconds; the mail task
# (cms/mail.py) tries again later instead of hanging.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# Seconds to wait before each new attempt at a mail that failed (about a day in all); then it
# is listed as failed for superusers (docs/mail.md).
MAIL_RETRY_DELAYS = (60, 300, 1800, 7200, 21600, 57600)
# Our own step emails tell the people a step concerns; Wagtail's copy to every superuser on
# each submission would only repeat them.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# ---------------------------------------------------------------- Wagtail

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Đoàn trường CĐSP Điện Biên")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no phoning home from a union's server
# Admin date pickers read and write dates the Vietnamese way (26/04/2022).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# No avatars from gravatar.com: it fails offline and would send users' email hashes abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database search; the database folds Vietnamese: vi_unaccent on PostgreSQL, the
# FTS5 table on SQLite (cms/search/backends.py, docs/search.md).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "cms.search.backends", "SEARCH_CONFIG": "vi_unaccent"}
}
# ASCII slugs: Vietnamese titles are folded (đ → d), see cms/search/slugs.py.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Django (never a direct media URL), so cms/security/documents.py decides
# who gets each one: public while a live public page uses it or it sits in one of these
# collections (or below one); otherwise only to signed-in users who may see a page using it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
PUBLIC_DOCUMENT_COLLECTIONS = env_list("PUBLIC_DOCUMENT_COLLECTIONS")
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# Closes the temporary file Wagtail renders each image rendition into (cms/storage.py).
WAGTAILIMAGES_RENDITION_STORAGE = "cms.storage.RenditionStorage"

# ---------------------------------------------------------------- Page cache (docs/cache.md)

# Anonymous readers get pages from the cache (cms/cache.py); 0 turns it off. It sits right
# after whitenoise so a hit skips sessions, CSRF and the page tree altogether.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Query parameters that sharing adds and no page reads (Facebook, Google, Zalo, campaigns): taken
# off the request so a shared link is served from the cache. `name*` is a prefix; the env var
# adds more, comma-separated.
PAGE_CACHE_TRACKING_PARAMETERS = [
    "fbclid",
    "gclid",
    "zarsrc",
    "utm_*",
    *env_list("PAGE_CACHE_TRACKING_PARAMETERS"),
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "cms.cache.AnonymousPageCacheMiddleware",
)

# The proxy or CDN in front is purged with the same URLs as the page cache (cms/purge.py),
# through wagtail.contrib.frontend_cache: the stack's proxy (FRONTEND_CACHE_PURGE_URL, PURGE
# requests), Cloudflare (CLOUDFLARE_ZONE_ID and a token) or CloudFront (CLOUDFRONT_DISTRIBUTION_ID,
# needs boto3). Each is on when its variable is set.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL", ""):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL", ""),
    }
if env_str("CLOUDFLARE_ZONE_ID", ""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID", ""),
        "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN", "") or None,
        "EMAIL": env_str("CLOUDFLARE_EMAIL", "") or None,
        "API_KEY": env_str("CLOUDFLARE_API_KEY", "") or None,
    }
if env_str("CLOUDFRONT_DISTRIBUTION_ID", ""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env_str("CLOUDFRONT_DISTRIBUTION_ID", ""),
    }
# Our purge list already names every language's URL; Wagtail's own rewriting of /en/ into
# every language would only add URLs that do not exist.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# ---------------------------------------------------------------- Background work

# Mail, large member imports and other long work go on django-tasks' database queue, worked by
# `manage.py db_worker` beside the web processes (docs/deploy.md); dev and test run them at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ---------------------------------------------------------------- Logging

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task and per page action is noise, not news.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        # axes says INFO on every failed sign-in; its lockouts (WARNING) and ours stay.
        "axes": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------- members

# Member files larger than this, or with more rows, are refused before they are parsed: a
# chapter's list is a few hundred rows, the whole school a few thousand.
MEMBERS_IMPORT_MAX_BYTES = env_int("MEMBERS_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
MEMBERS_IMPORT_MAX_ROWS = env_int("MEMBERS_IMPORT_MAX_ROWS", 20_000)
# An XLSX file is a zip archive: its unpacked size, number of parts and packing ratio are
# bounded before any part is parsed, so a small file cannot unpack into gigabytes.
MEMBERS_IMPORT_MAX_UNPACKED_BYTES = env_int("MEMBERS_IMPORT_MAX_UNPACKED_BYTES", 40 * 1024 * 1024)
MEMBERS_IMPORT_MAX_ENTRIES = env_int("MEMBERS_IMPORT_MAX_ENTRIES", 100)
MEMBERS_IMPORT_MAX_RATIO = env_int("MEMBERS_IMPORT_MAX_RATIO", 100)
# A file with more rows than this is checked, then imported, as background tasks with a
# progress page, so no request waits on thousands of rows.
MEMBERS_IMPORT_TASK_ROWS = env_int("MEMBERS_IMPORT_TASK_ROWS", 500)
# A background check or import silent this long (no rows reported) died with its worker.
MEMBERS_IMPORT_STALE_SECONDS = env_int("MEMBERS_IMPORT_STALE_SECONDS", 60)

# ---------------------------------------------------------------- search

SEARCH_RESULTS_PER_PAGE = 10
# Search fields holding a document number: "02 CT TTg" finds 02/CT-TTg first.
SEARCH_NUMBER_FIELDS = ("number",)
