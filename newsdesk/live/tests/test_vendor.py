"""hls.js is served from our own static files: the copy there is the version package.json
pins (refresh it with `make vendor-hls` after changing the pin)."""

import json
from pathlib import Path

from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[3]
VENDOR = ROOT / "newsdesk" / "live" / "static" / "live" / "vendor"


def pinned_version():
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["hls.js"]


def test_the_served_copy_is_the_pinned_version_with_its_licence():
    served = (VENDOR / "hls.light.min.js").read_text()
    assert served.startswith(f"/*! hls.js {pinned_version()} | Apache-2.0 |")
    assert "sourceMappingURL" not in served  # collectstatic would look for the map
    assert "Apache License" in (VENDOR / "hls.js-LICENSE.txt").read_text()


def test_the_served_copy_matches_npms_when_installed():
    installed = ROOT / "node_modules" / "hls.js"
    if not installed.exists():
        skip_or_fail("node_modules/hls.js not found: run `npm ci`")
    assert json.loads((installed / "package.json").read_text())["version"] == pinned_version()
    dist = (installed / "dist" / "hls.light.min.js").read_text()
    without_map = "".join(
        line
        for line in dist.splitlines(keepends=True)
        if not line.startswith("//# sourceMappingURL=")
    )
    _header, served = (VENDOR / "hls.light.min.js").read_text().split("\n", 1)
    assert served == without_map
