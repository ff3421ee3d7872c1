"""The fan-out broker that carries live blog events to readers' streams.

base.py defines the interface (Broker, with the Hub of this process's subscribers);
in_process.py and redis_pubsub.py fan out to this process's readers, grip.py publishes to
Pushpin, which holds them. get_broker() returns the one the settings choose, built once
per process.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from ..conf import PREFIX, live_settings

IN_PROCESS = "newsdesk.live.brokers.in_process.InProcessBroker"
REDIS = "newsdesk.live.brokers.redis_pubsub.RedisBroker"
GRIP = "newsdesk.live.brokers.grip.GripBroker"

_broker = None


def get_broker():
    global _broker
    if _broker is None:
        _broker = build_broker()
    return _broker


def build_broker():
    return import_string(broker_path()).from_settings(live_settings)


def broker_path():
    if live_settings.BROKER:
        return live_settings.BROKER
    if live_settings.grip_url:
        return GRIP
    return REDIS if live_settings.redis_url else IN_PROCESS


def reset_broker():
    global _broker
    if _broker is not None:
        _broker.close()
    _broker = None


@receiver(setting_changed)
def reset_on_setting_change(setting, **kwargs):
    if setting.startswith((PREFIX, "GRIP_")) or setting == "REDIS_URL":
        reset_broker()
