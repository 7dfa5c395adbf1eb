"""Configuração comum. ``local``, ``test`` e ``production`` mudam só o que difere."""

from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.texto("DJANGO_SECRET_KEY", "inseguro-apenas-para-desenvolvimento-local")
DEBUG = env.booleano("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env.lista("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "localflavor",
    "csp",
    "pontos.apps.PontosConfig",
    "feiras.apps.FeirasConfig",
    "formacao.apps.FormacaoConfig",
    "cultura.apps.CulturaConfig",
    "hortas.apps.HortasConfig",
    "entrepostos.apps.EntrepostosConfig",
    "governo.apps.GovernoConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pontos.middleware.PerfilCompletoMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "pontos.context_processors.portal",
            ],
        },
    }
]

DATABASES = {"default": env.banco(env.texto("DATABASE_URL", ""), base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "pontos.Usuario"
AUTHENTICATION_BACKENDS = [
    # Os dois backends de sempre (Django e allauth), carregando o perfil de empreendedor(a)
    # no mesmo SELECT da conta (pontos/autenticacao.py).
    "pontos.autenticacao.BackendModelo",
    "pontos.autenticacao.BackendAllauth",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "pontos:minha_conta"

# allauth: login por e-mail, confirmação obrigatória, limites de tentativa ligados.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "pontos.forms.contas.CadastroForm"
ACCOUNT_ADAPTER = "pontos.adapters.ContaAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Rede de Pontos] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rede de Pontos de Geração de Renda"

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Português (Brasil)"))]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Sem separador de milhar automático: ids e valores em formulários e URLs ficam crus
# ("4225", não "4.225"). Dinheiro e números exibidos agrupam de propósito
# (floatformat:"2g", intcomma, governo_tags.formatar), sempre no formato pt-BR.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": env.texto("DJANGO_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3 compatível (django-storages): defina DJANGO_STORAGE_BACKEND=storages.backends.s3.S3Storage
AWS_STORAGE_BUCKET_NAME = env.texto("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = env.texto("AWS_S3_ENDPOINT_URL", "") or None
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

REDIS_URL = env.texto("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "config.cache.CacheRedis", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Páginas públicas servidas do cache a visitantes sem sessão (ver pontos/cache_publico.py).
CACHE_PUBLICO_SEGUNDOS = env.inteiro("CACHE_PUBLICO_SEGUNDOS", 60)
# Página pronta do Painel de Governo por pessoa, até o próximo resumo (governo/views.py); 0 desliga.
GOVERNO_PAGINA_SEGUNDOS = env.inteiro("GOVERNO_PAGINA_SEGUNDOS", 20 * 60)

# Vínculos da equipe (o escopo de toda página da Gestão) lidos do cache por até N segundos,
# esquecidos a cada vínculo ou secretaria gravados (pontos/escopo.py); 0 desliga.
VINCULOS_CACHE_SEGUNDOS = env.inteiro("VINCULOS_CACHE_SEGUNDOS", 300)

# Sessões lidas do cache (Redis em produção) e gravadas também no banco: uma consulta a menos
# por requisição logada, sem perder sessões se o cache for limpo.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.booleano("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_BEAT_SCHEDULE = {
    # Caixa de saída: o que o broker não aceitou na hora (pontos/services/tarefas.py).
    "despachar-saida": {"task": "pontos.despachar_saida", "schedule": 60.0},
}

EMAIL_BACKEND = env.texto("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.texto("EMAIL_HOST", "localhost")
EMAIL_PORT = env.inteiro("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env.texto("DJANGO_DEFAULT_FROM_EMAIL", "Rede de Pontos <nao-responda@prefeitura.sp.gov.br>")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mapa: servidor de blocos configurável; vazio desliga o mapa (a lista funciona sem ele).
MAPA_TILES_URL = env.texto("MAPA_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAPA_TILES_ATRIBUICAO = "© OpenStreetMap"

# Versão vigente dos termos de uso e da política de privacidade (LGPD).
TERMOS_VERSAO = "2026-11"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MAPA_TILES_URL.split("/{")[0]] if MAPA_TILES_URL else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "pontos.views.erros.csrf_falhou"

# Rota /_bench/piso/ (a "view piso" do bench); nunca ligada fora de uma medição.
BENCH_PISO = env.booleano("DJANGO_BENCH_PISO", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.texto("DJANGO_LOG_LEVEL", "WARNING")},
}

CELERY_BEAT_SCHEDULE["feiras-avisar_recebidas"] = {"task": "feiras.avisar_recebidas", "schedule": 10.0}
CELERY_BEAT_SCHEDULE["feiras-alocar_fechadas"] = {"task": "feiras.alocar_fechadas", "schedule": crontab(minute="*/5")}
CELERY_BEAT_SCHEDULE["feiras-lembrar_vespera"] = {
    "task": "feiras.lembrar_vespera",
    "schedule": crontab(hour=9, minute=0),
}
CELERY_BEAT_SCHEDULE["feiras-pedir_relatos"] = {"task": "feiras.pedir_relatos", "schedule": crontab(hour=19, minute=0)}
# formacao: lembretes dos encontros (a cada hora, para quem tem encontro nas próximas 24 h).
CELERY_BEAT_SCHEDULE["formacao-lembretes_enviar"] = {"task": "formacao.lembretes_enviar", "schedule": crontab(minute=5)}
# Cultura: chamadas com prazo vencido passam para avaliação.
CELERY_BEAT_SCHEDULE["cultura-chamadas_encerrar"] = {
    "task": "cultura.chamadas_encerrar",
    "schedule": crontab(minute="*/10"),
}
# Painel de Governo: o resumo é reconstruído a cada 15 minutos (obsoleto no máximo 15 min).
GOVERNO_RESUMO_MESES = env.inteiro("GOVERNO_RESUMO_MESES", 36)
CELERY_BEAT_SCHEDULE["governo-resumo_atualizar"] = {
    "task": "governo.resumo_atualizar",
    "schedule": crontab(minute="*/15"),
}
