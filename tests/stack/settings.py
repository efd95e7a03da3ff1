"""Settings of the processes that the multi-process test starts: the production settings, read from
the environment, with two test conveniences that change nothing about process state."""

from migralocal.settings import *  # noqa: F403
from migralocal.settings import STORAGES

# The test's users carry fast MD5 hashes (see settings_test); production rehashes on sign-in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# collectstatic with compression takes minutes: serve static files uncollected, without manifest.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
