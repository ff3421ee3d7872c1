"""/healthz/'s `pushpin` check, registered when GRIP_URL is set: Pushpin's publish endpoint
takes an empty publish (entries would otherwise reach held readers only on reconnection)."""

import json
from urllib.request import Request, urlopen

from gripcontrol import parse_grip_uri

from newsdesk.core.health import Health

from .conf import live_settings

TIMEOUT_SECONDS = 2


def check_pushpin():
    endpoint = parse_grip_uri(live_settings.grip_url)["control_uri"] + "/publish/"
    request = Request(
        endpoint,
        data=json.dumps({"items": []}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        return Health(200 <= response.status < 300, f"HTTP {response.status}")
