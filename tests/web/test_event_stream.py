"""The event stream of one process: keep-alive comments, resuming, no database connection held
while it waits, and an end when the server stops."""

from __future__ import annotations

import threading
import time

import pytest

from tests.scenario import build_rolling_text, table
from workbench.web.events import event_broker, stop_streams


@pytest.fixture
def text(app):
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        return build_rolling_text(db).slug


def _table(app, slug: str, words: str) -> int:
    from workbench.instruments.queries import get_instrument

    with app.app_context(), app.extensions["workbench.db"].session() as db:
        return table(db, get_instrument(db, slug), "Article 1", "CHN", words).id


def _next(stream, timeout: float = 5.0) -> str:
    """The next chunk of a stream, read in a thread so that a stuck stream fails the test."""
    box: list = []
    reader = threading.Thread(target=lambda: box.append(next(stream, None)), daemon=True)
    reader.start()
    reader.join(timeout)
    assert box, f"the stream sent nothing for {timeout} s"
    return box[0]


def _next_event(stream) -> str:
    """The next event of a stream, past the keep-alive comments."""
    while (chunk := _next(stream)) == ": keep-alive\n\n":
        pass
    return chunk


def test_a_stream_waits_without_a_connection_and_ends_on_shutdown(app, text):
    engine = app.extensions["workbench.db"].engine
    broker = event_broker(app)
    stream = broker.stream(None, keep_alive=0.3)
    assert _next(stream).startswith("retry: 2000\n")
    first = _table(app, text, "Each Party shall criminalize access to a system.")
    chunk = _next_event(stream)
    assert "event: tabled\n" in chunk and f'"proposal": {first}' in chunk
    # Waiting for the next event: a keep-alive comment, and no connection checked out.
    assert _next(stream) == ": keep-alive\n\n"
    assert engine.pool.checkedout() == 0
    last_id = int(chunk.split("\n")[0].removeprefix("id: "))

    # Resuming after an event gives what came later, once.
    second = _table(app, text, "Each Party shall criminalize intrusion.")
    resumed = broker.stream(last_id, keep_alive=0.3)
    _next(resumed)
    chunk = _next_event(resumed)
    assert f"id: {last_id + 1}\n" in chunk and f'"proposal": {second}' in chunk
    assert _next(resumed) == ": keep-alive\n\n"

    # The server stops: both streams end at once, the listener too.
    started = time.monotonic()
    stop_streams(app)
    for open_stream in (stream, resumed):
        while (chunk := _next(open_stream)) is not None:
            assert "event:" not in chunk or "tabled" in chunk
    assert time.monotonic() - started < 3
    assert broker.streams == 0


def test_the_endpoint_refuses_a_bad_last_event_id_and_streams_otherwise(app, client):
    response = client.get("/api/events", headers={"Last-Event-ID": "twelve"})
    assert response.status_code == 400
    assert response.get_json()["field"] == "after"
    response = client.get("/api/events?after=0")
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-cache"
    assert next(response.response).startswith(b"retry: 2000\nid: 0\n\n")
    response.close()
    app.config["READ_REQUIRES_LOGIN"] = True
    assert client.get("/api/events").status_code == 401
    stop_streams(app)


def test_a_busy_process_answers_with_what_is_new_and_asks_to_come_back(app, text):
    broker = event_broker(app)
    holding = broker.stream(None, keep_alive=0.3, limit=1)
    assert _next(holding).startswith("retry: 2000\n")
    proposal = _table(app, text, "Each Party shall criminalize access to a system.")
    # The stream within the limit hears it and stays open.
    assert f'"proposal": {proposal}' in _next_event(holding)
    # A second stream beyond the limit: the events after its id, then the end.
    chunks = list(broker.stream(0, limit=1))
    assert chunks[0] == "retry: 5000\nid: 0\n\n"
    assert f'"proposal": {proposal}' in chunks[-1]
    assert broker.streams == 1
    stop_streams(app)
    assert _next(holding) is None


def test_a_stream_resumes_across_a_pause_of_the_listener(app, text, monkeypatch):
    import workbench.web.events as events

    monkeypatch.setattr(events, "LINGER_SECONDS", 0.1)
    broker = event_broker(app)
    first = broker.stream(None, keep_alive=0.3)
    _next(first)
    early = _table(app, text, "Each Party shall criminalize access to a system.")
    chunk = _next_event(first)
    assert f'"proposal": {early}' in chunk
    seen = int(chunk.split("\n")[0].removeprefix("id: "))
    first.close()
    deadline = time.monotonic() + 5
    while broker._thread is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert broker._thread is None, "the listener did not stop without streams"
    # Written while no stream listens in this process.
    missed = [_table(app, text, f"Each Party shall act, step {n}.") for n in range(3)]
    again = broker.stream(seen, keep_alive=0.3)
    _next(again)
    heard = [_next_event(again) for _ in missed]
    assert [f'"proposal": {p}' in chunk for p, chunk in zip(missed, heard, strict=True)] == [
        True
    ] * 3
    stop_streams(app)
