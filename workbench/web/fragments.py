"""Pages rendered once per version of the data for every reader, with each reader's parts added.

A shared page is rendered with a slot in place of each part that is the reader's own (the
account bar, the CSRF token, flashed messages, buttons for the reader's role), and kept in
memory under its URL, language and data version (``datastate.data_state``: a counter row every
write bumps in its own transaction, so a write through any process is seen by every process).
Each request then only fills the slots for its reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from flask import (
    Flask,
    Response,
    current_app,
    g,
    get_template_attribute,
    render_template,
    request,
)
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from workbench.web.datastate import data_state
from workbench.web.pagecache import PageCache

# Never in a page otherwise: no input may carry NUL (workbench.web.inputs refuses it).
MARK = "\x00"


def render_personal(name: str, kwargs: dict) -> Markup:
    """One of the reader's own parts (a macro of templates/personal.html)."""
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return get_template_attribute("personal.html", name)(user, **kwargs)


def personal(name: str, **kwargs) -> Markup:
    """A part of a page that is the reader's own (a Jinja global): rendered now, or, while a
    shared page is rendered, a slot to fill for each reader. ``kwargs`` are plain values."""
    slots = g.get("personal_slots")
    if slots is None:
        return render_personal(name, kwargs)
    slots.append((name, kwargs))
    return Markup(f"{MARK}{len(slots) - 1}{MARK}")


def _render_shared(template: str, context: Callable[[], dict]) -> tuple[list[str], list]:
    g.personal_slots = []
    try:
        html = render_template(template, **context())
        slots = g.personal_slots
    finally:
        g.pop("personal_slots", None)
    return html.split(MARK), slots


def shared_page(template: str, context: Callable[[], dict]) -> str:
    """The page for this URL and language at this version of the data, from memory when it
    was rendered before; ``context()`` (every query the page needs) runs only when not."""
    cache: PageCache | None = current_app.extensions.get("workbench.fragments")
    key = (
        request.path,
        tuple(sorted(request.args.items(multi=True))),
        str(get_locale()),
        data_state(),
    )
    if cache is None:
        parts, slots = _render_shared(template, context)
    else:
        parts, slots = cache.get_or_make(key, lambda: _render_shared(template, context))
    return "".join(
        part if index % 2 == 0 else render_personal(*slots[int(part)])
        for index, part in enumerate(parts)
    )


def shared_json(build: Callable[[], dict]) -> Response:
    """The JSON answer for this URL at this version of the data, the same for every reader:
    from memory when it was built before; ``build()`` runs only when not."""
    cache: PageCache | None = current_app.extensions.get("workbench.fragments")
    key = ("json", request.path, tuple(sorted(request.args.items(multi=True))), data_state())

    def make() -> bytes:
        # Flask's JSON provider types its answer as the sans-I/O response; it is Flask's own.
        return cast(Response, current_app.json.response(build())).get_data()

    body = make() if cache is None else cache.get_or_make(key, make)
    return current_app.response_class(body, mimetype="application/json")


def init_fragments(app: Flask) -> None:
    """The ``personal`` template global, and the shared pages' cache (FRAGMENT_CACHE_SIZE)."""
    app.jinja_env.globals["personal"] = personal
    size = app.config.get("FRAGMENT_CACHE_SIZE", 0)
    if size:
        app.extensions["workbench.fragments"] = PageCache(size)
