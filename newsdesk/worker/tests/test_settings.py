"""Bad NEWSDESK_WORKER_* values stop the worker with the setting's name, and fail `check`."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from newsdesk.worker.checks import check_worker_settings
from newsdesk.worker.conf import worker_settings

BAD_VALUES = ["", "soon", "0", "-5", "nan", "inf", None, True, [5]]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("name", ["HEARTBEAT_SECONDS", "STALE_SECONDS", "QUEUE_MAX_AGE_SECONDS"])
def test_a_bad_value_is_refused_with_its_name(name, value):
    with override_settings(**{f"NEWSDESK_WORKER_{name}": value}):
        with pytest.raises(ImproperlyConfigured, match=f"NEWSDESK_WORKER_{name} must be a number"):
            worker_settings.validate()
        [error] = check_worker_settings()
    assert error.id == "worker.E001"
    assert f"NEWSDESK_WORKER_{name}" in error.msg


def test_values_from_the_environment_are_numbers_of_seconds():
    with override_settings(
        NEWSDESK_WORKER_STALE_SECONDS="45", NEWSDESK_WORKER_HEARTBEAT_SECONDS="2.5"
    ):
        worker_settings.validate()
        assert worker_settings.STALE_SECONDS == 45.0
        assert worker_settings.HEARTBEAT_SECONDS == 2.5
        assert check_worker_settings() == []


def test_a_stale_limit_within_two_heartbeats_is_refused():
    # A worker that beats every 10 s would be taken for dead between two beats.
    with override_settings(NEWSDESK_WORKER_HEARTBEAT_SECONDS=10, NEWSDESK_WORKER_STALE_SECONDS=15):
        with pytest.raises(ImproperlyConfigured, match="more than twice"):
            worker_settings.validate()
        assert check_worker_settings()[0].id == "worker.E001"


@pytest.mark.usefixtures("database_queue")
@override_settings(NEWSDESK_WORKER_STALE_SECONDS="a minute")
def test_the_worker_does_not_start_with_a_bad_value():
    with pytest.raises(CommandError, match="NEWSDESK_WORKER_STALE_SECONDS must be a number"):
        call_command("run_worker", "--batch")


@override_settings(NEWSDESK_WORKER_QUEUE_MAX_AGE_SECONDS="-1")
def test_the_launcher_does_not_start_with_a_bad_value():
    with pytest.raises(CommandError, match="NEWSDESK_WORKER_QUEUE_MAX_AGE_SECONDS must be"):
        call_command("serve", "--port", "8123")


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_the_launcher_refuses_a_port_out_of_range(port):
    with pytest.raises(CommandError, match="--port must be between 1 and 65535"):
        call_command("serve", "--port", port)
