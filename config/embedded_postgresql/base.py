"""PostgreSQL on the embedded development server, which starts with the first connection.

Settings name this backend instead of an address, so loading them starts nothing: commands that
need no database (``dbserver status``) leave a stopped server stopped.
"""

from django.db.backends.postgresql import base

from config import embedded_db


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        self.settings_dict.update(embedded_db.address())
        return super().get_connection_params()
