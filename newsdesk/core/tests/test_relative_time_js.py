"""newsdesk.js's "2 hours ago", in the page's language: the script itself, run by Node on
a stand-in for the few parts of the page it reads (no browser: the logic only)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.PROJECT_DIR) / "static" / "js" / "newsdesk.js"
NOW = "2026-12-02T15:30:00+00:00"

# Each case: the page's lang, the teaser's moment, and what the reader should read.
CASES = [
    ("en", "2026-12-02T13:30:00+00:00", "2 hours ago"),
    ("es", "2026-12-02T13:30:00+00:00", "Hace 2 horas"),
    ("ar", "2026-12-02T13:30:00+00:00", "قبل ساعتين"),
    ("es", "2026-12-02T15:25:00+00:00", "Hace 5 minutos"),
    ("en", "2026-12-02T15:29:40+00:00", "Now"),
    ("es", "2026-12-02T15:29:40+00:00", "Ahora"),
    ("ar", "2026-12-02T15:29:40+00:00", "الآن"),
    ("es", "2026-12-01T13:30:00+00:00", "1 dic"),  # another day: the date the page carries
]

RUNNER = """
const vm = require("vm");
const [source, now, cases] = [process.argv[1], Date.parse(process.argv[2]), JSON.parse(process.argv[3])];
class FixedDate extends Date {}
FixedDate.now = () => now;
const shown = cases.map(([lang, moment]) => {
    const time = { dateTime: moment, dataset: { day: "1 dic", ago: "" }, textContent: "13:30" };
    const document = {
        documentElement: { lang },
        addEventListener() {},
        querySelectorAll: (selector) => (selector === "time[data-day]" ? [time] : []),
    };
    vm.runInNewContext(source, { document, navigator: {}, setTimeout, Date: FixedDate, Intl });
    return time.textContent;
});
console.log(JSON.stringify(shown));
"""


def test_teaser_times_say_how_long_ago_in_the_pages_language():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is needed to check newsdesk.js")
        pytest.skip("Node.js is needed to check newsdesk.js")
    cases = [[lang, moment] for lang, moment, _ in CASES]
    result = subprocess.run(
        [node, "-e", RUNNER, SCRIPT.read_text(), NOW, json.dumps(cases)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert json.loads(result.stdout) == [expected for _, _, expected in CASES]
