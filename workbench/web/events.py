"""Live events for every stream of one process: one listener, many Server-Sent Events streams.

One thread per process follows the events table — PostgreSQL wakes it with NOTIFY, SQLite is
polled — and keeps the newest events in memory; each stream waits on it and reads from
memory, so an open stream holds no database connection. Every worker runs its own listener,
which is how a write in one worker reaches the streams of all the others.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Iterator

from flask import Flask
from sqlalchemy.engine import make_url

from workbench.db import Database
from workbench.events.queries import events_after, latest_event_id
from workbench.events.record import CHANNEL

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5  # SQLite: how often the listener looks for new events
SAFETY_POLL_SECONDS = 5.0  # PostgreSQL: a look without a notification, in case one was lost
KEEP_ALIVE_SECONDS = 15.0
MEMORY = 2000  # events kept in memory; a stream resuming from older ones reads the database
LINGER_SECONDS = 5.0  # the listener stops this long after the last stream of the process ends


class EventBroker:
    """Follows the events table and wakes the streams of this process."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.recent: deque[dict] = deque(maxlen=MEMORY)
        self.latest = 0
        # Memory holds every event after this id (up to ``latest``).
        self._memory_from = 0
        self.stopping = threading.Event()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.streams = 0
        self._idle_since = time.monotonic()

    # --- the listener ---------------------------------------------------------------------

    def start(self) -> None:
        """A stream opens: follow the table unless the listener runs already."""
        with self._start_lock:
            self.streams += 1
            if self._thread is not None:
                return
            newest = self.newest_id()
            with self._changed:
                if newest != self.latest:
                    # Events came while nobody listened: memory no longer runs up to the newest.
                    self.recent.clear()
                    self.latest = self._memory_from = max(self.latest, newest)
            self._thread = threading.Thread(target=self._run, name="workbench-events", daemon=True)
            self._thread.start()

    def release(self) -> None:
        """A stream ends; with none left the listener stops after a while."""
        with self._start_lock:
            self.streams -= 1
            if not self.streams:
                self._idle_since = time.monotonic()

    def _wanted(self) -> bool:
        """Whether this listener thread should go on (not stopping, not idle, not retired)."""
        if self.stopping.is_set():
            return False
        with self._start_lock:
            if self._thread is not threading.current_thread():
                return False
            if self.streams or time.monotonic() - self._idle_since < LINGER_SECONDS:
                return True
            self._thread = None  # the next stream starts a new listener
            return False

    def newest_id(self) -> int:
        with self.database.session(write=False) as db:
            return latest_event_id(db)

    def _run(self) -> None:
        while self._wanted():
            try:
                if self.database.backend == "postgresql":
                    self._listen()
                else:
                    self._fetch()
                    self.stopping.wait(POLL_SECONDS)
            except Exception:
                log.exception("following the events table failed; trying again")
                self.stopping.wait(1.0)

    def _listen(self) -> None:
        import psycopg

        url = make_url(self.database.url).set(drivername="postgresql")
        dsn = url.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self._fetch()  # what was committed before LISTEN took effect
            looked = time.monotonic()
            while self._wanted():
                woken = False
                for _ in connection.notifies(timeout=1.0, stop_after=1):
                    woken = True
                if woken or time.monotonic() - looked > SAFETY_POLL_SECONDS:
                    self._fetch()
                    looked = time.monotonic()

    def _fetch(self) -> None:
        while True:
            with self.database.session(write=False) as db:
                found = [event.to_json() for event in events_after(db, self.latest, limit=500)]
            with self._changed:
                new = [event for event in found if event["id"] > self.latest]
                if new:
                    self.recent.extend(new)
                    self.latest = new[-1]["id"]
                    if len(self.recent) == MEMORY:
                        self._memory_from = self.recent[0]["id"] - 1
                    self._changed.notify_all()
            if len(found) < 500:
                return

    def stop(self) -> None:
        """End every stream of this process and the listener."""
        self.stopping.set()
        with self._changed:
            self._changed.notify_all()

    # --- the streams ----------------------------------------------------------------------

    def after(self, cursor: int) -> list[dict]:
        """Events after ``cursor``: from memory, or from the database for an old cursor."""
        with self._changed:
            if cursor >= self.latest:
                return []
            if cursor >= self._memory_from:
                return [event for event in self.recent if event["id"] > cursor]
        with self.database.session(write=False) as db:
            return [event.to_json() for event in events_after(db, cursor, limit=MEMORY)]

    def wait(self, cursor: int, timeout: float) -> None:
        """Block until an event after ``cursor`` arrives, the process stops, or the timeout."""
        with self._changed:
            self._changed.wait_for(
                lambda: self.latest > cursor or self.stopping.is_set(), timeout=timeout
            )

    def stream(
        self,
        last_id: int | None,
        keep_alive: float = KEEP_ALIVE_SECONDS,
        limit: int | None = None,
    ) -> Iterator[str]:
        """The text/event-stream of events after ``last_id`` (None: from now on).

        Each open stream holds a server thread; beyond ``limit`` open streams in this process
        the answer is what is new now and the browser asks again in a few seconds.
        """
        self.start()
        try:
            cursor = self.latest if last_id is None else last_id
            busy = limit is not None and self.streams > limit
            # The id sets where the browser resumes even if no event comes before it
            # reconnects (after 2 s when a worker restarts, 5 s when the process is busy).
            yield f"retry: {5000 if busy else 2000}\nid: {cursor}\n\n"
            waited_since = time.monotonic()
            while not self.stopping.is_set():
                events = self.after(cursor)
                for event in events:
                    cursor = event["id"]
                    yield f"id: {cursor}\nevent: {event['kind']}\ndata: {json.dumps(event)}\n\n"
                if busy:
                    return
                if events:
                    waited_since = time.monotonic()
                elif time.monotonic() - waited_since >= keep_alive:
                    yield ": keep-alive\n\n"
                    waited_since = time.monotonic()
                self.wait(cursor, timeout=max(0.1, keep_alive - (time.monotonic() - waited_since)))
        finally:
            self.release()


def event_broker(app: Flask) -> EventBroker:
    """The broker of this application in this process."""
    broker = app.extensions.get("workbench.events")
    if broker is None:
        # setdefault: of two requests racing here, both get the first broker.
        broker = app.extensions.setdefault(
            "workbench.events", EventBroker(app.extensions["workbench.db"])
        )
    return broker


def stop_streams(app: Flask) -> None:
    """End the open streams cleanly: the server is shutting down."""
    broker = app.extensions.get("workbench.events")
    if broker is not None:
        broker.stop()
