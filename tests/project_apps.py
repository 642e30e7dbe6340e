"""The project's own packages, read from INSTALLED_APPS, so that a new app is covered by every
test that walks the code (dependencies, private names, the network's name, mail) without a list to
keep up to date."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR)

# The feature apps: packages at the project's top level (beside network_site), in INSTALLED_APPS order.
FEATURE_APPS = [app.name for app in apps.get_app_configs() if Path(app.path).parent == BASE]
# Every package of ours: the shared one (core and membership) and the feature apps.
PROJECT_PACKAGES = ["network_site", *FEATURE_APPS]
