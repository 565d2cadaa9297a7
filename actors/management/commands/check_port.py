import errno
import socket

from django.core.management.base import BaseCommand, CommandError


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now (as runserver binds, reusing an
    address a stopped server left in TIME_WAIT)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return False
            raise
    return True


class Command(BaseCommand):
    help = "Fail with advice when the port `make run` is to serve on is taken."

    def add_arguments(self, parser):
        parser.add_argument("port", type=int)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        if not 0 < port < 65536:
            raise CommandError(f"PORT must be a number from 1 to 65535, not {port}.")
        if not port_is_free(host, port):
            raise CommandError(
                f"Port {port} on {host} is already in use, perhaps by another `make run`. "
                f"Stop that server (see what holds the port: ss -ltnp 'sport = :{port}'), "
                f"or serve on another port: make run PORT={port + 1}"
            )
