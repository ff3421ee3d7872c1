from .base import Broker


class InProcessBroker(Broker):
    """Delivers to the readers connected to this process only: right for one server process.

    With several processes (server workers, or a management command posting), use the
    Redis broker, or readers of the other processes miss updates until they reconnect.
    """

    def publish(self, topic, message):
        self.hub.deliver(topic, message)
