"""Commands for documents in and out: load-corpus, import, import-proposals, export, synopsis."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.app import echo_json, main, progress_bar, with_app


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
        progress=None if as_json else progress_bar("Reading"),
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
