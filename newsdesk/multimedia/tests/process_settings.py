"""Settings for the worker processes test_parallel.py starts: the worker tests' (a SQLite
file, the database queue), with the media folder the test gives them all."""

import os
from pathlib import Path

from newsdesk.worker.tests.subprocess_settings import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
