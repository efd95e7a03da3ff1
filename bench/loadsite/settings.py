"""The product's own settings, read from the environment as in production, with one change: the
URLconf adds the bench's floor view. Never used by the product."""

from migralocal.settings import *  # noqa: F403

ROOT_URLCONF = "loadsite.urls"
