import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = settings.BASE_DIR / ".data" / "admin-password"


class Command(BaseCommand):
    help = (
        "Make sure a local superuser exists for development. Its password is random, made once, "
        "kept in .data/admin-password and printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--port", type=int, default=8000, help="The port the site runs on.")

    def handle(self, *args, username, port, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_admin is for development; use createsuperuser in production."
            )
        users = get_user_model().objects
        if not users.filter(username=username).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser(username, password=password)
            PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        elif PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        else:
            self.stdout.write(f"Admin login: {username} (password set elsewhere).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login at http://127.0.0.1:{port}/admin/: {username} / {password}"
            )
        )
