"""Fixtures of the import tests: the Convention as reference, Word files, users, snapshots."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from tests.imports.documents import write_budapest_docx
from tests.texts.conftest import source_article_titles
from workbench.corpus import sources
from workbench.instruments.queries import ChapterNode, get_instrument, instrument_tree, walk_tree
from workbench.texts import parse_markdown
from workbench.users.operations import create_user, issue_token


@pytest.fixture(scope="session")
def reference():
    """The Convention as its Markdown file reads: what every import must give back."""
    return parse_markdown(sources.BUDAPEST_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_titles() -> dict[int, str]:
    """Article number -> title, read from the corpus file with a bare regex."""
    return source_article_titles(sources.BUDAPEST_FILE)


@pytest.fixture(scope="session")
def budapest_docx(tmp_path_factory, reference):
    """A factory of Word files of the Convention, one per style and letter form, made once."""
    folder = tmp_path_factory.mktemp("budapest-docx")
    made: dict[tuple[str, str], object] = {}

    def make(style: str, letters: str = "a)"):
        key = (style, letters)
        if key not in made:
            form = {"a)": "a-paren", "(a)": "a-parens", "a.": "a-dot"}[letters]
            name = f"budapest-{style}-{form}.docx"
            made[key] = write_budapest_docx(reference, folder / name, style, letters=letters)
        return made[key]

    return make


def structure(db, slug: str, lang: str = "en") -> list[tuple]:
    """An instrument as stored: (depth, kind, label, title, current wording) in order."""
    instrument = get_instrument(db, slug)
    rows = []
    for node in walk_tree(instrument_tree(db, instrument)):
        if isinstance(node, ChapterNode):
            chapter = node.chapter
            rows.append(
                (
                    node.depth,
                    str(chapter.kind),
                    chapter.label,
                    getattr(chapter, f"title_{lang}"),
                    None,
                )
            )
        else:
            provision = node.provision
            wording = node.version.text(lang) if node.version is not None else None
            rows.append(
                (
                    node.depth,
                    str(provision.kind),
                    provision.label,
                    getattr(provision, f"title_{lang}"),
                    wording,
                )
            )
    return rows


def parsed_structure(parsed, lang: str = "en") -> list[tuple]:
    """A parsed instrument in the shape ``structure`` gives."""
    return [
        (
            depth,
            item.kind,
            item.label,
            item.title.get(lang),
            getattr(item, "text", {}).get(lang) if hasattr(item, "text") else None,
        )
        for depth, item in parsed.walk()
    ]


def snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every table, committed state, in primary-key order (bookkeeping aside:
    when a token was last used, counted failed logins)."""
    from tests.security.helpers import all_rows

    return all_rows(app)


@contextmanager
def session_of(app):
    """A session in an app context of its own (the ``db`` fixture's context would keep
    flask-login's user in ``g`` from one test-client request to the next)."""
    with app.app_context():
        db = app.extensions["workbench.db"].write_sessionmaker()
        try:
            yield db
        finally:
            db.rollback()
            db.close()


@pytest.fixture
def tokens(app):
    """Bearer headers of a secretariat user and of an observer."""
    database = app.extensions["workbench.db"]
    headers = {}
    with app.app_context():
        db = database.write_sessionmaker()
        for name, role in (("chair", "secretariat"), ("watcher", "observer")):
            user = create_user(db, name=name, role=role, password="correct horse battery")
            headers[role] = {"Authorization": f"Bearer {issue_token(db, user)}"}
        db.commit()
        db.close()
    return headers
