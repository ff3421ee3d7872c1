"""Settings for bench/comments_post.py: the site as readers get it (bench/settings.py),
with the per-reader limits that would refuse a load test turned off.

Fifty clients from one loopback address would hit the rate limit at once, and a script
types faster than the minimum time a person takes; the bench measures storage, not those.
"""

from bench.settings import *  # noqa: F403

NEWSDESK_COMMENTS_RATE_LIMITS = []
NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS = 0
