"""Commands that read the texts: instruments, show, diff, blame, party, search."""

from __future__ import annotations

import sys

import click

from workbench.cli.app import echo_json, main, with_app


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
