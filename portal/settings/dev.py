from .base import *

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only for local development; production.py refuses to start without one.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]
EMAIL_TRANSPORT_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")

# WhiteNoise warns on every start when the folder collectstatic fills does not exist yet.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
