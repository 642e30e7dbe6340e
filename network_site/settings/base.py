"""Settings shared by every environment. Secrets and addresses come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from .environment import (
    cache_from_url,
    env_bool,
    env_int,
    env_int_list,
    env_list,
    env_site_url,
    env_str,
    frontend_cache_from_env,
    mailer_from_env,
    media_storage_from_env,
    rate_limit_cache_from_env,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "network_site.core",
    "network_site.membership",
    # The order of the apps' demo pages in the menu.
    "resources",
    "mapping",
    "plain_language",
    "stories",
    "events",
    "impact",
    # After the apps whose pages it follows (its demo content and generator use theirs).
    "following",
    "conversations",
    "learning_log",
    "accessibility",
    "ripples",
    "practice_map",
    "easy_read",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "rest_framework",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # Django's own widget templates, for the form renderer below
]

MIDDLEWARE = [
    # /healthz and the one-line request log come before everything else.
    "network_site.core.operations.OperationsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "network_site.core.middleware.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Visitors' pages from the shared cache (stored compressed), then compression with Django's
    # BREACH mitigation (random padding; CSRF tokens are masked per request), then ETags and 304s.
    "network_site.core.page_cache.VisitorPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "network_site.core.middleware.PrivateForSignedInMiddleware",
    "network_site.core.csv_export.NeutraliseCsvMiddleware",
    "network_site.core.middleware.OutOfRangeValuesMiddleware",
    "network_site.core.storage.UploadStorageFailureMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Staff set up two-step sign-in before the admin or members' details answer them.
    "network_site.membership.second_factor.SecondFactorForStaffMiddleware",
]

ROOT_URLCONF = "network_site.urls"
WSGI_APPLICATION = "network_site.wsgi.application"

# Every site form's fields in the design system's markup (templates/forms/).
FORM_RENDERER = "network_site.core.form_renderer.DesignSystemFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "network_site.core.context_processors.site_navigation",
                "network_site.core.context_processors.site_name",
            ],
        },
    },
    {
        # Plain text (email subjects and text bodies): the same templates, nothing HTML-escaped.
        "NAME": "plain_text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text search fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks: a transaction takes the write lock when it begins (IMMEDIATE), and
    # another writer (two people booking the last place at once) waits for it up to `timeout`
    # seconds instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches that must not share a Redis database. "default" holds counters that must never be
# evicted (allauth's rate limits count there, and only there; used authenticator codes; the
# scheduler's locks): RATELIMIT_CACHE_URL, or CACHE_URL's next database, bounded with
# `maxmemory-policy noeviction`. "pages" holds what can be made again (visitors' pages, the content
# cache, the booklet PDF): CACHE_URL, bounded with an LRU eviction policy.
CACHE_URL = env_str("CACHE_URL", "locmem://")
CACHES = {
    "default": rate_limit_cache_from_env(CACHE_URL),
    "pages": cache_from_url(CACHE_URL),
}

# The visitor page cache (network_site/core/page_cache.py): how long a stored page may be served
# (0 turns the cache off; development and tests default to off), the max-age browsers and CDNs get
# (they revalidate with the ETag after it), and paths never stored.
VISITOR_PAGE_CACHE_ALIAS = "pages"
VISITOR_PAGE_CACHE_SECONDS = env_int("VISITOR_PAGE_CACHE_SECONDS", 0)
VISITOR_PAGE_MAX_AGE = env_int("VISITOR_PAGE_MAX_AGE", 60)
VISITOR_PAGE_CACHE_SKIP = ("/admin/", "/accounts/", "/documents/", "/api/", "/media/")
# What pages are built from and that costs a scan or several queries (a listing's facet counts, the
# menu), kept in the same cache under the same generation, for everyone (0 turns it off).
CONTENT_CACHE_SECONDS = env_int("CONTENT_CACHE_SECONDS", 600)

AUTH_USER_MODEL = "membership.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "network_site.membership.validators.PasswordShapeValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Pages with a view restriction (members-only stories) send visitors to the site's own sign-in.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    (
        "design-system",
        BASE_DIR / "node_modules" / "@scottish-government" / "design-system" / "dist",
    ),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve uploaded files from Django itself (dev, tests, the browser-test server); off in production.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Uploaded files on S3-compatible object storage, shared by every machine, when a bucket is named.
MEDIA_STORAGE = media_storage_from_env()
if MEDIA_STORAGE:
    STORAGES["default"] = MEDIA_STORAGE

# A CDN or reverse proxy in front of the site: Wagtail purges a page's addresses from it when the
# page is published or unpublished (FRONTEND_CACHE_* variables; none set, nothing to purge).
WAGTAILFRONTENDCACHE = frontend_cache_from_env(os.environ)

# The network's name, written here only: pages, emails, feeds, calendar files and the admin read it.
WAGTAIL_SITE_NAME = "Personal Outcomes Network"

# Every message goes through the deliver_email task (network_site/core/mail.py), which hands it to
# the "delivery" mailer: EMAIL_BACKEND and the other EMAIL_* variables.
MAILERS = {
    "default": {"BACKEND": "network_site.core.mail.QueuedEmailBackend"},
    "delivery": mailer_from_env(),
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{WAGTAIL_SITE_NAME} <network@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Mail and search indexing run as tasks. The immediate backend runs them in-process (development,
# tests); production stores them with django_tasks_db's DatabaseBackend, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
# Scheduled work (`manage.py run_scheduled_work --forever`): the daily jobs run at this hour, UK time.
SCHEDULED_WORK_DAILY_HOUR = env_int("SCHEDULED_WORK_DAILY_HOUR", 3)
# The worker (network_site/core/worker.py): a task still marked running this long after it started
# (its worker was killed) goes back to the queue; the worker records a heartbeat this often;
# /healthz/worker answers 503 when no worker has beaten for WORKER_MISSING_AFTER_SECONDS, or when a
# task due to run has waited longer than TASKS_LATE_AFTER_SECONDS.
TASKS_STUCK_AFTER_SECONDS = env_int("TASKS_STUCK_AFTER_SECONDS", 15 * 60)
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_MISSING_AFTER_SECONDS = env_int("WORKER_MISSING_AFTER_SECONDS", 120)
TASKS_LATE_AFTER_SECONDS = env_int("TASKS_LATE_AFTER_SECONDS", 5 * 60)
# Seconds before each new attempt when the mail server refuses or times out; then it gives up.
EMAIL_RETRY_DELAYS = env_int_list("EMAIL_RETRY_DELAYS", "60,300,1800,7200,21600")
# Days a sent message's Message-ID is kept so that a mail task run again does not send it twice:
# far longer than the retries above and the 14 days task records are kept.
EMAIL_HANDED_OVER_KEPT_DAYS = env_int("EMAIL_HANDED_OVER_KEPT_DAYS", 30)

# Stories, resources and the mapping guide share one set of themes: "Carers" and "carers" are one.
TAGGIT_CASE_INSENSITIVE = True

# A page moved or renamed in the admin leaves a redirect from its old address (Wagtail's default,
# relied on: see network_site/core/page_moves.py for moves made by migrations).
WAGTAILREDIRECTS_AUTO_CREATE = True
# The site's public address: every absolute link (emails, calendar files, feeds, exports, the
# sitemap) is built from it, and `manage.py set_site_address` gives it to Wagtail's Site.
SITE_URL = env_site_url("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database backend, indexing published pages only (drafts never reach search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network_site.core.search_backend"}}
# The public API (network_site/api.py) serves public content only: it takes no credentials at all,
# so that no password can be guessed through it. Wagtail's admin API sets its own session check.
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": [], "DEFAULT_PERMISSION_CLASSES": []}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# 25 megapixels (a 6000 × 4000 photo) at most, each side at most 8000 pixels, and the whole file
# decoded once at upload: no admin page then takes seconds or hundreds of MB to draw an image.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "network_site.core.images.CheckedImageForm"
# Documents are always served through Wagtail's view, which checks collection view restrictions;
# MEDIA_ROOT's documents/ and original_images/ folders are never served (see urls.py and docs/operations.md).
# On object storage the view, once it has checked, redirects to a signed URL that expires after
# AWS_QUERYSTRING_EXPIRE seconds.
WAGTAILDOCS_SERVE_METHOD = "redirect" if MEDIA_STORAGE else "serve_view"
# Wagtail's image renditions: the only part of MEDIA_ROOT served straight from disk.
PUBLIC_MEDIA_PREFIXES = ("images/",)
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Members-only content is restricted to signed-in members or groups, never by a shared password.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# allauth: email is the login, and must be confirmed.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
# Membership: the join form replaces allauth's sign-up, and only approved people get a session.
ACCOUNT_ADAPTER = "network_site.membership.adapter.NetworkAccountAdapter"
ACCOUNT_USER_DISPLAY = "network_site.membership.adapter.user_display"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{WAGTAIL_SITE_NAME}: "
# allauth's forms with the site's own labels.
ACCOUNT_FORMS = {
    "add_email": "network_site.membership.forms.ChangeEmailForm",
    "login": "network_site.membership.account_forms.LoginForm",
    "change_password": "network_site.membership.account_forms.ChangePasswordForm",
    "set_password": "network_site.membership.account_forms.SetPasswordForm",
    "reset_password": "network_site.membership.account_forms.ResetPasswordForm",
    "reset_password_from_key": "network_site.membership.account_forms.ResetPasswordKeyForm",
    "reauthenticate": "network_site.membership.account_forms.ReauthenticateForm",
}
# Behind reverse proxies every request comes from the last proxy's address: allauth's rate limits
# take the client's address from X-Forwarded-For instead, counting this many proxies back from its
# end (each proxy appends the address it was reached from). 0: no proxy, the connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# allauth's rate limits count in the "default" cache (see CACHES): locmem per process in
# development; in production a Redis database of their own, never evicted.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    # One confirmation mail an hour to any one address (join form, change of address, sign-in).
    "confirm_email": "1/h/key",
    # Members writing to each other through the directory: a few a day, fewer to one person.
    "member_contact": "10/d/user,2/d/key",
    # Conversations: responses, replies, questions and answers a member may post, and flags.
    "conversation_post": "20/h/user",
    "conversation_flag": "30/h/user",
    # The language check as a member types (plain_language): one a second is plenty.
    "language_check": "60/m/user",
}
# Two-step sign-in (allauth's MFA): an authenticator app (TOTP) or a security key (WebAuthn, where
# the browser has it), with recovery codes for a lost device. Staff must have it before these paths
# answer them (network_site/membership/second_factor.py); members may turn it on.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Personal Outcomes Network"
# A code from the period before or after is accepted too (a phone's clock a little off).
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
STAFF_SECOND_FACTOR_PATHS = ("/admin/", "/members/")
# Wagtail sends people here when they may not use the admin: see membership.views.admin_login.
WAGTAILADMIN_LOGIN_URL = "membership:admin_login"
# Avatars come from the site (network_site/core/avatars.py), never from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-11")
MEMBERSHIP_DIGEST_INTERVAL_HOURS = env_int("MEMBERSHIP_DIGEST_INTERVAL_HOURS", 24)
MEMBERSHIP_REQUEST_RETENTION_DAYS = env_int("MEMBERSHIP_REQUEST_RETENTION_DAYS", 90)
MEMBERSHIP_REPLY_WITHIN_DAYS = env_int("MEMBERSHIP_REPLY_WITHIN_DAYS", 10)

# Security headers for every response; production tightens cookies and transport.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# The Wagtail admin relies on inline scripts and styles, so it gets a looser policy of its own.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "object-src": [CSP.NONE],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
ADMIN_PATH_PREFIX = "/admin/"

# Everything to standard output, one line per event: one per request (method, path, status, ms,
# client, user id), one per background task (name, outcome, ms), one per scheduled job. Each line
# starts with the time in UTC and the ids of the request and the task it belongs to
# ("-" for none); the same error's traceback is written once, then counted (log_context.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "network_site.core.log_context.ContextFilter"},
        "repeated_tracebacks": {"()": "network_site.core.log_context.RepeatedTracebackFilter"},
    },
    "formatters": {
        "line": {
            "()": "network_site.core.log_context.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s request=%(request_id)s "
            "task=%(task_id)s %(message)s",
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["context", "repeated_tracebacks"],
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Our request line replaces runserver's; our task line replaces django_tasks' two.
        "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "network_site": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django_tasks_db": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        # The booklet PDF: WeasyPrint notes every screen-only CSS rule it skips; only errors matter.
        "weasyprint": {"level": "ERROR"},
    },
}

# Events: access needs given when booking a meeting are deleted this many days after it ends.
EVENTS_ACCESS_NEEDS_RETENTION_DAYS = env_int("EVENTS_ACCESS_NEEDS_RETENTION_DAYS", 30)
# How long a place offered from the waiting list is held before it passes to the next person.
EVENTS_OFFER_HOURS = env_int("EVENTS_OFFER_HOURS", 48)
# Members on the meetings mailing get a reminder this many days before a meeting.
EVENTS_MAILING_REMINDER_DAYS = env_int("EVENTS_MAILING_REMINDER_DAYS", 7)

# Whether load_demo_content may create the local admin account (never in production).
DEMO_ACCOUNTS_ENABLED = False
DEMO_ADMIN_PASSWORD = env_str("DEMO_ADMIN_PASSWORD", "network-demo-admin")
DEMO_COORDINATOR_PASSWORD = env_str("DEMO_COORDINATOR_PASSWORD", "network-demo-coordinator")
DEMO_MEMBER_PASSWORD = env_str("DEMO_MEMBER_PASSWORD", "network-demo-member")
# The demo staff accounts' authenticator app (base32): show_demo_accounts prints it to add to an app.
DEMO_TOTP_SECRET = env_str("DEMO_TOTP_SECRET", "NETWORKDEMOSTAFFTOTPSECRETKEY234")
