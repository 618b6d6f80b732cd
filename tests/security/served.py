"""The application served on a free loopback port by werkzeug, in a thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from werkzeug.serving import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    """No line per request: the fuzzer sends thousands."""

    def log_request(self, *args, **kwargs) -> None:
        pass


@contextmanager
def serving(app):
    """The base URL of the app served on 127.0.0.1 (threaded) while the block runs."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
