from django.core.management.base import BaseCommand, CommandError

from config import embedded_db


class Command(BaseCommand):
    help = "Show or stop the embedded development PostgreSQL server (used without DATABASE_URL)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args, action, **options):
        if action == "status":
            state = "running" if embedded_db.is_running() else "stopped"
            self.stdout.write(f"embedded PostgreSQL in {embedded_db.DATA_DIR}: {state}")
        elif not embedded_db.stop():
            raise CommandError("The embedded PostgreSQL server is not running.")
        else:
            self.stdout.write("embedded PostgreSQL stopped.")
