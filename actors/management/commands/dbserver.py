import os

from django.core.management.base import BaseCommand, CommandError

from config import embedded_db


class Command(BaseCommand):
    help = (
        "Show or stop the embedded development PostgreSQL server (used without DATABASE_URL). "
        "Neither starts it: the next command that needs the database does."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args, action, **options):
        if action == "status":
            state = "running" if embedded_db.is_running() else "stopped"
            self.stdout.write(f"embedded PostgreSQL in {embedded_db.DATA_DIR}: {state}")
            if os.environ.get("DATABASE_URL"):
                self.stdout.write("DATABASE_URL is set: the project uses that database, not this.")
        elif not embedded_db.stop():
            raise CommandError("The embedded PostgreSQL server is not running.")
        else:
            self.stdout.write("embedded PostgreSQL stopped.")
