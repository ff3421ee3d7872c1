"""Tasks only the tests queue, for a real worker process to run."""

import time
from pathlib import Path

from django_tasks import task


@task()
def wait_for_file(directory: str, timeout: float = 60):
    """Note each start, block until `release` appears (bounded), then note the finish."""
    directory = Path(directory)
    with (directory / "started").open("a") as started:
        started.write("started\n")
    deadline = time.monotonic() + timeout
    while not (directory / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the test never released the task")
        time.sleep(0.05)
    with (directory / "finished").open("a") as finished:
        finished.write("finished\n")
    return "done"


@task()
def fail_loudly(reason: str):
    raise ValueError(reason)
