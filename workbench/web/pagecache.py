"""Rendered pages for anonymous readers, kept until the negotiation changes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from workbench.web.datastate import data_state


class PageCache:
    """A bounded, thread-safe LRU map of (page, language, data state) → rendered page."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[tuple, threading.Lock] = {}
        self.hits = self.misses = 0

    def get(self, key: tuple) -> Any:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return page

    def get_or_make(self, key: tuple, make: Callable[[], Any]) -> Any:
        """The entry, made by one thread while the others asking for it wait: when the data
        changes, a room of readers asking at once costs one render, not one each."""
        entry = self.get(key)
        if entry is not None:
            return entry
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                with self._lock:
                    entry = self._pages.get(key)
                if entry is None:
                    entry = make()
                    self.put(key, entry)
        finally:
            with self._lock:
                if self._making.get(key) is making:
                    del self._making[key]
        return entry

    def put(self, key: tuple, page: Any) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def _cacheable_request() -> bool:
    # Only what every anonymous reader sees alike: no account, nothing flashed for this reader.
    return (
        request.method == "GET"
        and not request.path.startswith(("/api", "/static", "/healthz"))
        and not current_user.is_authenticated
        and "_flashes" not in session
    )


def init_page_cache(app: Flask) -> None:
    """Serve anonymous readers' pages from memory until any write changes the data."""
    size = app.config.get("PAGE_CACHE_SIZE", 0)
    if not size:
        return
    cache = app.extensions["workbench.page_cache"] = PageCache(size)

    @app.before_request
    def _serve_cached():
        if not _cacheable_request():
            return None
        g.page_cache_key = (request.full_path, str(get_locale()), data_state())
        page = cache.get(g.page_cache_key)
        if page is None:
            return None
        del g.page_cache_key
        status, mimetype, body = page
        return Response(body, status=status, mimetype=mimetype)

    @app.after_request
    def _keep(response: Response):
        key = g.pop("page_cache_key", None)
        # A page carrying this reader's CSRF token (a form) is theirs alone.
        if (
            key is not None
            and response.status_code == 200
            and response.mimetype == "text/html"
            and not response.direct_passthrough
            and "csrf_token" not in g
        ):
            cache.put(key, (response.status_code, response.mimetype, response.get_data()))
        return response
