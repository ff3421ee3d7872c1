"""Instructions Varnish runs per cache hit, counted by valgrind (callgrind): a figure that
does not move with what else the machine does, where requests per second swing by 15 %
between two runs of the same configuration on this two-core machine.

Used by cache_wrk.py (--instructions): each VCL is loaded into a varnishd run under
callgrind in front of the same nginx copy of the article, warmed, then the counters are
zeroed, REQUESTS hits are made on one keep-alive connection, and the instructions of
every varnishd thread since then are divided by REQUESTS. User-space instructions only:
the kernel's share (sockets), the same for every VCL, is not in it. Needs Debian's
valgrind.
"""

import glob
import http.client
import re
import shutil
import subprocess
import time
from pathlib import Path

REQUESTS = 1000
WARM_REQUESTS = 50
# The VCL compiler's child processes (a shell, cc) are not traced: under valgrind, cc fails.
UNTRACED = "*/sh,*/cc,*gcc*,*/ld,*/as,*collect2,*cc1"


def instructions_per_hit(work_dir, vcl_text, port, path, accept_encoding):
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind not found: apt-get install valgrind")
    work_dir = Path(work_dir)
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    work_dir.chmod(0o755)
    vcl = work_dir / "measured.vcl"
    vcl.write_text(vcl_text)
    argv = [
        "valgrind", "--tool=callgrind", "--trace-children=yes",
        f"--trace-children-skip={UNTRACED}",
        f"--callgrind-out-file={work_dir}/callgrind.%p",
        # No jail: its privilege switches stop the VCL compiler under valgrind.
        "varnishd", "-j", "none", "-F",
        "-n", work_dir / "varnish",
        "-a", f"127.0.0.1:{port}",
        "-f", vcl,
        "-s", "malloc,64m",
        "-p", "vcc_err_unref=off",
    ]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        connection = connect(port, path, accept_encoding)
        time.sleep(4)  # the backend probe's window fills: the page is fetched, then hit
        for _ in range(WARM_REQUESTS):
            status = fetch(connection, path, accept_encoding)
        pids = varnishd_pids()
        callgrind_control("--zero", pids)
        for _ in range(REQUESTS):
            status = fetch(connection, path, accept_encoding)
        callgrind_control("--dump", pids)
    finally:
        process.terminate()
        process.wait(timeout=60)
    if status != 200:
        raise SystemExit(f"varnishd under callgrind answered {status}, not a hit")
    return counted_since_zero(work_dir) / REQUESTS


def connect(port, path, accept_encoding, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            fetch(connection, path, accept_encoding)
            return connection
        except OSError:
            connection.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def fetch(connection, path, accept_encoding):
    connection.request("GET", path, headers={"Accept-Encoding": accept_encoding})
    response = connection.getresponse()
    response.read()
    return response.status


def varnishd_pids():
    listing = subprocess.run(
        ["callgrind_control", "-l"], capture_output=True, text=True, check=True
    ).stdout
    return [line.split(":")[0].strip() for line in listing.splitlines() if "varnishd" in line]


def callgrind_control(option, pids):
    subprocess.run(["callgrind_control", option, *pids], capture_output=True, check=True)


def counted_since_zero(work_dir):
    """The totals of the dumps (callgrind.<pid>.<n>) made after the counters were zeroed."""
    total = 0
    for dump in glob.glob(f"{work_dir}/callgrind.*.*"):
        text = Path(dump).read_text(errors="replace")
        if found := re.search(r"^totals:\s+(\d+)", text, re.M):
            total += int(found.group(1))
    return total
