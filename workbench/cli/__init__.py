"""The `workbench` command line: one console script, the database from DATABASE_URL.

``app`` holds the command group and its application context; the commands live by subject
(``server``, ``documents``, ``reading``, ``negotiation``, ``users``) and register on import.
"""

from __future__ import annotations

from workbench.cli import documents, negotiation, reading, server, users
from workbench.cli.app import Context, echo_json, main, with_app

negotiation.register(main, with_app, echo_json)
users.register(server.user_group, with_app, echo_json)

# The modules above are imported for the commands they register.
__all__ = ["Context", "documents", "main", "reading"]
