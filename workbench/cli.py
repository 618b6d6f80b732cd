"""The `workbench` command line: one console script, the database from DATABASE_URL."""

from __future__ import annotations

import json
import sys
from functools import update_wrapper
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from flask import Flask


class WorkbenchGroup(click.Group):
    """A command group that prints one clear sentence instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            _fail(exc.message)
        except (ArgumentError, NoSuchModuleError, OperationalError) as exc:
            from workbench.db import explain_database_error

            url = (
                ctx.obj.app.config.get("DATABASE_URL") if ctx.obj and ctx.obj.app_created else None
            )
            _fail(explain_database_error(exc, url or _env_url()))


def _env_url() -> str | None:
    import os

    return os.environ.get("DATABASE_URL")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class Context:
    """Holds the application the commands work on, created once on first use."""

    def __init__(self) -> None:
        self._app: Flask | None = None
        self.web = False  # only `serve` needs the web layer (pages, API, login)

    @property
    def app_created(self) -> bool:
        return self._app is not None

    @property
    def app(self) -> Flask:
        if self._app is None:
            from workbench import create_app

            self._app = create_app(web=self.web)
        return self._app


def with_app(check_schema: bool = True, web: bool = False):
    """Run the command inside an application context, on a database at the newest migration."""

    def decorator(f):
        @click.pass_context
        def wrapper(ctx, *args, **kwargs):
            context = ctx.ensure_object(Context)
            context.web = context.web or web
            app = context.app
            with app.app_context():
                if check_schema:
                    from workbench.db import get_database
                    from workbench.migrate import require_current_schema

                    require_current_schema(get_database().engine)
                return ctx.invoke(f, *args, **kwargs)

        return update_wrapper(wrapper, f)

    return decorator


def echo_json(data) -> None:
    """Print data as indented JSON, keeping Chinese readable."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=WorkbenchGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Treaty workbench: drafting and clause-tracking for a multilateral convention.

    Every command works on the database named by DATABASE_URL (default: a SQLite
    file in the instance folder).
    """
    ctx.ensure_object(Context)


@main.command()
@with_app(check_schema=False)
def init() -> None:
    """Create the database, or upgrade it to the newest migration."""
    from workbench.db import get_database
    from workbench.migrate import current_revision, head_revision, upgrade

    engine = get_database().engine
    before = current_revision(engine)
    upgrade(engine)
    head = head_revision()
    if before == head:
        click.echo(f"Database already at the newest migration ({head}).")
    else:
        click.echo(f"Database upgraded from {before or 'empty'} to {head}.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes: 1 serves with waitress, more with gunicorn (not on Windows).",
)
@click.option("--threads", default=8, show_default=True, type=int, help="Threads per worker.")
@with_app(web=True)
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the web UI and the API: waitress in one process, gunicorn with several workers."""
    from flask import current_app

    from workbench.files import remove_leftovers
    from workbench.web.server import serve_gunicorn, serve_waitress

    # Flask types current_app as the Flask it stands for, not as the proxy it is.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # Nothing has started yet: even names with this process's id were left by a killed server.
    remove_leftovers([app.instance_path, app.config["EXPORT_DIR"]], own_is_gone=True)
    server = "waitress" if workers == 1 else f"gunicorn, {workers} workers"
    click.echo(f"Treaty workbench serving on http://{host}:{port}/  ({server}; Ctrl+C to stop)")
    sys.stdout.flush()
    if workers == 1:
        serve_waitress(app, host, port, threads)
    else:
        serve_gunicorn(app, host, port, workers, threads)


def _progress_bar(label: str):
    """A progress callback drawing a bar on the terminal (stderr), for long jobs."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            state["bar"].__enter__()
            state["done"] = 0
        state["bar"].update(done - state["done"])
        state["done"] = done
        if done >= total:
            state["bar"].__exit__(None, None, None)
            state.pop("bar")

    return update


@main.command("load-corpus")
@click.option("--json", "as_json", is_flag=True, help="Print what was loaded as JSON.")
@with_app()
def load_corpus_command(as_json: bool) -> None:
    """Load the shipped sources, parties, sessions and concordance (idempotent)."""
    from workbench.corpus.operations import load_corpus
    from workbench.db import get_db

    db = get_db(write=True)
    report = load_corpus(db)
    db.commit()
    if as_json:
        echo_json(report)
        return
    for line in report["lines"]:
        click.echo(line)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--slug", help="Slug of the new instrument (default: from the file name).")
@click.option("--title", help="Title of the new instrument (default: from the document).")
@click.option("--into", "into", help="Fill this outline instrument (e.g. russia-draft-2017).")
@click.option(
    "--language",
    type=click.Choice(["en", "zh", "fr", "es", "ru", "ar"]),
    help="Language of the text (default: detected).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_app()
def import_command(
    file: str,
    slug: str | None,
    title: str | None,
    into: str | None,
    language: str | None,
    as_json: bool,
) -> None:
    """Import an instrument from a .docx, .odt, .doc, .rtf, .md, .txt or Akoma Ntoso .xml file."""
    from workbench.db import get_db
    from workbench.imports.operations import import_instrument

    db = get_db(write=True)
    result = import_instrument(
        db,
        file,
        slug=slug,
        title=title,
        into=into,
        language=language,
        progress=None if as_json else _progress_bar("Reading"),
    )
    db.commit()
    if as_json:
        echo_json(result)
        return
    click.echo(
        f"Imported {result['slug']}: {result['chapters']} chapters, "
        f"{result['provisions']} provisions ({result['articles']} articles)."
    )
    for warning in result["warnings"]:
        click.echo(f"Note: {warning}")


@main.command("import-proposals")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--into", "into", help="Negotiating text the changes apply to.")
@click.option("--session", "session_code", help="Session code, e.g. AHC-4.")
@click.option(
    "--author",
    "authors",
    multiple=True,
    metavar="NAME=CODE",
    help="Map a revision author to a party, e.g. --author 'J. Smith=USA'.",
)
@click.option(
    "--allow-duplicates",
    is_flag=True,
    help="Table changes again even where they are already proposals.",
)
@click.option(
    "--skip-bad",
    is_flag=True,
    help="A bracketed text: import the provisions without faults and report the others.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_app()
def import_proposals_command(
    file: str,
    into: str,
    session_code: str,
    authors: tuple[str, ...],
    allow_duplicates: bool,
    skip_bad: bool,
    as_json: bool,
) -> None:
    """Turn a delegation's Word file with tracked changes, the brackets export as the chair
    edited it, or Akoma Ntoso amendments (an .xml file or a folder of them), into attributed
    proposals."""
    from workbench.db import get_db
    from workbench.errors import InvalidInput
    from workbench.imports.tracked import import_tracked_changes

    if file.lower().endswith(".xml") or Path(file).is_dir():
        from workbench.akn.amendments_import import import_amendments

        db = get_db(write=True)
        result = import_amendments(db, file, into=into, session_code=session_code)
        db.commit()
        if as_json:
            echo_json(result)
        else:
            click.echo("\n".join(result["lines"]))
        return
    if not into or not session_code:
        raise InvalidInput("A tracked-changes Word file needs --into SLUG and --session CODE.")
    mapping = {}
    for item in authors:
        name, sep, code = item.rpartition("=")
        if not sep or not name.strip() or not code.strip():
            raise InvalidInput(f"--author takes NAME=CODE (got {item!r}).")
        mapping[name.strip()] = code.strip()
    db = get_db(write=True)
    result = import_tracked_changes(
        db,
        file,
        into=into,
        session_code=session_code,
        author_map=mapping,
        allow_duplicates=allow_duplicates,
        skip_bad=skip_bad,
    )
    db.commit()
    if as_json:
        echo_json(result)
        return
    for line in result["lines"]:
        click.echo(line)


@main.command("export")
@click.argument("slug")
@click.option(
    "--mode",
    type=click.Choice(["brackets", "alternatives", "tracked"]),
    default="brackets",
    show_default=True,
    help="Bracketed phrases with sponsors, whole-provision alternatives, or tracked changes.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "akn", "akn-amendments"]),
    default="docx",
    show_default=True,
    help="Word file, PDF through LibreOffice, Akoma Ntoso XML, or pending proposals as AKN "
    "amendments (one file each, --out is a folder).",
)
@click.option(
    "--languages", default="en", show_default=True, help="en, zh, or en,zh for both side by side."
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh", "fr", "es", "ru", "ar"]),
    help="Language of an Akoma Ntoso expression (akn: default en; amendments: each one's).",
)
@click.option(
    "--out",
    type=click.Path(path_type=str),
    help="Where to write (default: under exports/).",
)
@click.option(
    "--agenda-item",
    help='The agenda item page 1 names ("Item 4 of the provisional agenda").',
)
@with_app()
def export_command(
    slug: str,
    mode: str,
    fmt: str,
    languages: str,
    lang: str | None,
    out: str | None,
    agenda_item: str | None,
) -> None:
    """Write the consolidated text of an instrument; prints the path written."""
    from workbench.db import get_db
    from workbench.export.operations import export_instrument

    if fmt.startswith("akn"):
        from workbench.akn.operations import export_akn_format

        click.echo(str(export_akn_format(get_db(), slug, fmt, lang=lang, out=out)))
        return
    path = export_instrument(
        get_db(),
        slug,
        mode=mode,
        fmt=fmt,
        languages=languages.split(","),
        out=out,
        agenda_item=agenda_item,
    )
    click.echo(str(path))


@main.command("synopsis")
@click.argument("topic_or_chapter")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=str),
    help="Where to write (default: under exports/).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="Language of the texts in the table.",
)
@with_app()
def synopsis_command(topic_or_chapter: str, out: str | None, lang: str) -> None:
    """Write a synoptic table for a topic slug (or SLUG:CHAPTER); prints the path."""
    from workbench.db import get_db
    from workbench.export.operations import export_synopsis

    click.echo(str(export_synopsis(get_db(), topic_or_chapter, lang=lang, out=out)))


@main.group("user")
def user_group() -> None:
    """Manage user accounts."""


@user_group.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["secretariat", "delegate", "observer", "admin"]), required=True
)
@click.option("--party", "party_code", help="Party code a delegate acts for (e.g. CHN).")
@click.option(
    "--password",
    envvar="WORKBENCH_PASSWORD",
    help="Password (default: asked for; or WORKBENCH_PASSWORD).",
)
@click.option("--token", "with_token", is_flag=True, help="Also print an API token.")
@with_app()
def user_add(
    name: str, role: str, party_code: str | None, password: str | None, with_token: bool
) -> None:
    """Create a user with a role (delegates are bound to one party)."""
    from workbench.db import get_db
    from workbench.parties.operations import get_party
    from workbench.users.operations import create_user, issue_token

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    db = get_db(write=True)
    user = create_user(
        db,
        name=name,
        role=role,
        password=password,
        party=get_party(db, party_code) if party_code else None,
    )
    token = issue_token(db, user) if with_token else None
    db.commit()
    click.echo(
        f"User {user.name} created ({user.role}{', ' + user.party.code if user.party else ''})."
    )
    if token:
        click.echo(f"API token (shown once): {token}")


@main.command("dump")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@with_app()
def dump_command(path: str) -> None:
    """Write every table, version, proposal, status change and audit row to PATH."""
    from workbench.backup import dump_database
    from workbench.db import get_db

    counts = dump_database(get_db(), path)
    click.echo(f"Wrote {sum(counts.values())} rows from {len(counts)} tables to {path}.")


@main.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@with_app()
def restore_command(path: str) -> None:
    """Restore a dump into an empty database (run `workbench init` on it first)."""
    from workbench.backup import restore_database
    from workbench.db import get_db

    db = get_db(write=True)
    counts = restore_database(db, path)
    db.commit()
    click.echo(f"Restored {sum(counts.values())} rows into {len(counts)} tables from {path}.")


@main.command("instruments")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@with_app()
def instruments_command(as_json: bool) -> None:
    """List the instruments with their structure counts."""
    from workbench.db import get_db
    from workbench.instruments.queries import count_structure, list_instruments
    from workbench.serialize import instrument_summary

    db = get_db()
    items = []
    for instrument in list_instruments(db):
        item = instrument_summary(instrument)
        item["counts"] = count_structure(db, instrument)
        items.append(item)
    if as_json:
        echo_json(items)
        return
    for item in items:
        chapters = item["counts"]["chapters"].get("chapter", 0)
        provisions = sum(item["counts"]["provisions"].values())
        title = item["title"]["en"] or item["title"]["zh"]
        outline = " (outline)" if item["is_outline"] else ""
        click.echo(
            f"{item['slug']:<28} {item['kind']:<12} {chapters:>3} chapters "
            f"{provisions:>4} provisions  {title}{outline}"
        )


@main.command("show")
@click.argument("slug")
@click.option("--lang", type=click.Choice(["en", "zh", "fr", "es", "ru", "ar"]))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@with_app()
def show_command(slug: str, lang: str | None, as_json: bool) -> None:
    """Print an instrument: its chapters and provisions with current text."""
    from workbench.db import get_db
    from workbench.instruments.models import wording_of
    from workbench.instruments.queries import (
        ChapterNode,
        get_instrument,
        instrument_tree,
        walk_tree,
    )
    from workbench.serialize import instrument_detail

    db = get_db()
    instrument = get_instrument(db, slug)
    if as_json:
        echo_json(instrument_detail(db, instrument, lang=lang))
        return
    click.echo(instrument.title(lang or instrument.language))
    for node in walk_tree(instrument_tree(db, instrument)):
        indent = "  " * node.depth
        if isinstance(node, ChapterNode):
            click.echo(f"{indent}{node.chapter.label}  {node.chapter.title(lang or 'en')}")
            continue
        deleted = " [deleted]" if node.deleted else ""
        click.echo(
            f"{indent}[{node.provision.id}] {node.provision.label}  "
            f"{node.provision.title(lang or 'en')}{deleted}"
        )
        for code, wording in wording_of(node.version).items():
            if lang is None or code == lang:
                for line in wording.split("\n"):
                    click.echo(f"{indent}    {line}")


@main.command("diff")
@click.argument("provision_id", type=int)
@click.option("--from", "from_number", type=int, help="Older version (default: previous).")
@click.option("--to", "to_number", type=int, help="Newer version (default: current).")
@click.option("--lang", type=click.Choice(["en", "zh", "fr", "es", "ru", "ar"]))
@click.option("--color/--no-color", default=None, help="Colour the changes.")
@with_app()
def diff_command(
    provision_id: int,
    from_number: int | None,
    to_number: int | None,
    lang: str | None,
    color: bool | None,
) -> None:
    """Word-level diff of two versions of a provision: [-deleted-]{+inserted+}."""
    from workbench.db import get_db
    from workbench.diff import diff_texts
    from workbench.instruments.models import wording_of
    from workbench.instruments.queries import get_provision, get_version

    db = get_db()
    provision = get_provision(db, provision_id)
    to_number = to_number or provision.current_number
    from_number = from_number or max(1, to_number - 1)
    old = wording_of(get_version(db, provision, from_number))
    new = wording_of(get_version(db, provision, to_number))
    use_color = sys.stdout.isatty() if color is None else color
    for code in sorted(set(old) | set(new)):
        if lang and code != lang:
            continue
        click.echo(f"--- {provision.label} v{from_number} → v{to_number} [{code}]")
        click.echo(diff_texts(old.get(code, ""), new.get(code, ""), code).plain(color=use_color))


@main.command("blame")
@click.argument("provision_id", type=int)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh", "fr", "es", "ru", "ar"]),
    default="en",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@with_app()
def blame_command(provision_id: int, lang: str, as_json: bool) -> None:
    """Who introduced each span of a provision's current text."""
    from workbench.db import get_db
    from workbench.instruments.queries import get_provision
    from workbench.proposals.attribution import blame_provision

    db = get_db()
    spans = blame_provision(db, get_provision(db, provision_id), lang)
    if as_json:
        echo_json([{"text": s.text, **s.attribution.to_dict()} for s in spans])
        return
    for span in spans:
        click.echo(f"{span.attribution.label_en:<60} | {span.text}")


@main.command("party")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@with_app()
def party_command(code: str, as_json: bool) -> None:
    """A party's record: proposals sponsored, co-sponsored, stances (groups: members too)."""
    from workbench.db import get_db
    from workbench.parties.operations import party_with_groups
    from workbench.proposals.records import group_record, party_record

    db = get_db()
    party = party_with_groups(db, code)
    record = party_record(db, party)
    summary = record["summary"]
    data = {"party": party.code, "name": party.name_en, "summary": summary}
    if party.members:
        group = group_record(db, party)
        data["members"] = len(group["members"])
        data["sponsored_by_members"] = group["sponsored_by_members"]
        data["stances_of_members"] = group["stances_of_members"]
    if as_json:
        echo_json(data)
        return
    click.echo(f"{party.name_en} ({party.code}), {party.kind}")
    click.echo(
        f"  sponsored:   {summary['sponsored']['total']} ({summary['sponsored']['agreed']} agreed)"
    )
    click.echo(f"  co-sponsored: {summary['cosponsored']['total']}")
    click.echo(f"  stances:     {summary['stances']}")
    if party.members:
        click.echo(
            f"  members: {data['members']}; proposals sponsored by members: "
            f"{data['sponsored_by_members']['total']}"
        )


@main.command("search")
@click.argument("query")
@click.option("--instrument", help="Only this instrument.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@with_app()
def search_command(query: str, instrument: str | None, as_json: bool) -> None:
    """Search every text, in English or Chinese."""
    from workbench.db import get_db
    from workbench.instruments.queries import get_instrument
    from workbench.search.operations import search
    from workbench.search.proposals import search_proposals

    db = get_db()
    within = get_instrument(db, instrument) if instrument else None
    hits = search(db, query, instrument=within)
    proposals = search_proposals(db, query, instrument=within)
    if as_json:
        echo_json(
            [
                {
                    "provision_id": h.provision.id,
                    "instrument": h.provision.instrument.slug,
                    "label": h.provision.label,
                    "lang": h.lang,
                    "snippet": h.snippet,
                }
                for h in hits
            ]
            + [
                {
                    "proposal_id": h.proposal.id,
                    "instrument": h.proposal.instrument.slug,
                    "label": h.proposal.provision.label if h.proposal.provision else None,
                    "field": h.field,
                    "snippet": h.snippet,
                }
                for h in proposals
            ]
        )
        return
    for hit in hits:
        click.echo(
            f"[{hit.provision.id}] {hit.provision.instrument.slug} {hit.provision.label} "
            f"({hit.lang}): {hit.snippet}"
        )
    for found in proposals:
        label = found.proposal.provision.label if found.proposal.provision else ""
        click.echo(f"[proposal {found.proposal.id}] {label} ({found.field}): {found.snippet}")


def _register_negotiation() -> None:
    from workbench.cli_negotiation import register
    from workbench.cli_users import register as register_users

    register(main, with_app, echo_json)
    register_users(user_group, with_app, echo_json)


_register_negotiation()
