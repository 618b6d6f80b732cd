"""Commands that run a negotiation: start a text, set the session, list the proposals."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from workbench.errors import InvalidInput


def register(main: click.Group, with_app, echo_json) -> None:
    """Add the negotiation's commands to the ``workbench`` group."""
    main.add_command(text_group)
    main.add_command(session_group)
    main.add_command(_proposals_command(with_app, echo_json))
    text_group.add_command(_text_new(with_app, echo_json))
    session_group.add_command(_session_current(with_app, echo_json))
    main.add_command(status_group)
    main.add_command(_progress_command(with_app, echo_json))
    status_group.add_command(_status_set(with_app, echo_json))
    status_group.add_command(_status_show(with_app, echo_json))


@click.group("text")
def text_group() -> None:
    """Negotiating texts."""


@click.group("session")
def session_group() -> None:
    """Sessions of the negotiation."""


@click.group("status")
def status_group() -> None:
    """Negotiation status of provisions (open ... agreed ad referendum)."""


def read_picks(path: str) -> list:
    """The picks of a new text from a JSON or YAML file (a list of chapters)."""
    raw = Path(path).read_text(encoding="utf-8")
    try:
        if Path(path).suffix.lower() in (".yaml", ".yml"):
            import yaml

            picks = yaml.safe_load(raw)
        else:
            picks = json.loads(raw)
    except (ValueError, ImportError) as exc:  # yaml.YAMLError is a ValueError subclass
        raise InvalidInput(f"{path} is not valid JSON or YAML: {exc}") from None
    except Exception as exc:  # PyYAML's errors do not all derive from ValueError
        raise InvalidInput(f"{path} is not valid YAML: {exc}") from None
    if isinstance(picks, dict) and "chapters" in picks:
        picks = picks["chapters"]
    if not isinstance(picks, list):
        raise InvalidInput(f"{path} must hold a list of chapters, each with its provisions.")
    return picks


def _text_new(with_app, echo_json) -> click.Command:
    @click.command("new")
    @click.argument("slug")
    @click.option("--title", "title_en", help="Title in English.")
    @click.option("--title-zh", "title_zh", help="Title in Chinese.")
    @click.option("--from", "source", help="Copy this source's structure and current wording.")
    @click.option(
        "--picks",
        type=click.Path(exists=True, dir_okay=False),
        help="A YAML or JSON list of chapters, each with the provisions picked from sources.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the new text as JSON.")
    @with_app()
    def text_new(slug, title_en, title_zh, source, picks, as_json) -> None:
        """Start a negotiating text from a source (--from) or from picked provisions (--picks).

        A picks file lists chapters; each names its provisions by source and label:

        \b
          - label: Chapter I
            title_en: Criminalization
            provisions:
              - {from: budapest-ets185, provision: Article 2, label: Article 1}
              - {from: china-elements-2021, provision: 三.（三）1, label: Article 2}
        """
        from workbench.db import get_db
        from workbench.instruments.negotiating import create_negotiating_text
        from workbench.instruments.queries import count_structure, get_instrument

        if bool(source) == bool(picks):
            raise InvalidInput("Give either --from SOURCE or --picks FILE.")
        if not title_en and not title_zh:
            raise InvalidInput("Give the text a title: --title (and --title-zh).")
        db = get_db()
        instrument = create_negotiating_text(
            db,
            slug=slug,
            title_en=title_en,
            title_zh=title_zh,
            source=get_instrument(db, source) if source else None,
            picks=read_picks(picks) if picks else None,
        )
        db.commit()
        counts = count_structure(db, instrument)
        if as_json:
            echo_json({"slug": instrument.slug, "counts": counts})
            return
        click.echo(f"Created {instrument.slug}: {counts}")

    return text_new


def _session_current(with_app, echo_json) -> click.Command:
    @click.command("current")
    @click.argument("code", required=False)
    @click.option("--none", "clear", is_flag=True, help="No session is in progress.")
    @click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
    @with_app()
    def session_current(code, clear, as_json) -> None:
        """Show the session in progress, or set it (what new proposals and decisions use)."""
        from workbench.db import get_db
        from workbench.serialize import session_ref
        from workbench.sessions.operations import (
            current_session,
            get_session,
            set_current_session,
        )

        db = get_db()
        if code or clear:
            set_current_session(db, None if clear else get_session(db, code), actor=None)
            db.commit()
        session = current_session(db)
        if as_json:
            echo_json({"current": session_ref(session) if session else None})
        elif session is None:
            click.echo("No session is in progress.")
        else:
            click.echo(f"Session in progress: {session.code} — {session.title_en}")

    return session_current


def _proposals_command(with_app, echo_json) -> click.Command:
    @click.command("proposals")
    @click.option("--instrument", help="Negotiating text slug.")
    @click.option("--party", help="Sponsor or co-sponsor (party code).")
    @click.option("--status", help="tabled, under_discussion, agreed, rejected, withdrawn, merged.")
    @click.option("--session", help="Session code the proposals were tabled at.")
    @click.option("--provision", type=int, help="Provision id.")
    @click.option("--q", "words", help="Words in the wording or rationale.")
    @click.option("--limit", type=click.IntRange(1, 100_000), default=1000, show_default=True)
    @click.option("--csv", "as_csv", is_flag=True, help="Print as CSV.")
    @click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
    @with_app()
    def proposals_command(
        instrument, party, status, session, provision, words, limit, as_csv, as_json
    ) -> None:
        """The proposals of the negotiation, filtered, as a table, CSV or JSON."""
        from workbench.db import get_db
        from workbench.instruments.queries import get_instrument, get_provision
        from workbench.parties.operations import get_party
        from workbench.proposals.models import ProposalStatus
        from workbench.proposals.queries import ProposalFilter, count_matching, list_proposals
        from workbench.proposals.sponsors import sponsors_label
        from workbench.serialize import proposal_json
        from workbench.sessions.operations import named_session

        db = get_db()
        if status and status not in {s.value for s in ProposalStatus}:
            raise InvalidInput(f"Unknown status {status!r}.")
        where = ProposalFilter(
            instrument=get_instrument(db, instrument) if instrument else None,
            party=get_party(db, party) if party else None,
            status=ProposalStatus(status) if status else None,
            session=named_session(db, session),
            provision=get_provision(db, provision) if provision else None,
            q=words or None,
        )
        items = list_proposals(db, where, limit=limit)
        if as_json:
            echo_json(
                {"proposals": [proposal_json(p) for p in items], "total": count_matching(db, where)}
            )
            return
        rows = [
            {
                "id": p.id,
                "instrument": p.instrument.slug,
                "provision": p.provision.label if p.provision else "",
                "kind": str(p.kind),
                "status": str(p.status),
                "revision": p.current_revision,
                "session": p.session.code,
                "tabled_on": p.tabled_on.isoformat(),
                "sponsors": sponsors_label(p, "en"),
                "wording_en": p.revision.text("en") or "",
                "wording_zh": p.revision.text("zh") or "",
                "rationale": p.current_rationale or "",
            }
            for p in items
        ]
        if as_csv:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
            writer.writeheader()
            writer.writerows(rows)
            return
        for row in rows:
            click.echo(
                f"#{row['id']:<5} {row['provision']:<14} {row['kind']:<7} {row['status']:<17} "
                f"{row['session']:<8} {row['sponsors']}"
            )
        click.echo(f"{len(rows)} of {count_matching(db, where)} proposals")

    return proposals_command


def _status_lines(db, provision) -> list[str]:
    from workbench.progress.queries import provision_status, status_history

    lines = [f"{provision.label}: {provision_status(provision)}"]
    for change in status_history(db, provision):
        session = change.session.code if change.session else "-"
        note = f" — {change.note}" if change.note else ""
        lines.append(
            f"  {change.at:%Y-%m-%d} {session:<8} {change.from_status} -> {change.to_status}{note}"
        )
    return lines


def _status_set(with_app, echo_json) -> click.Command:
    @click.command("set")
    @click.argument("slug")
    @click.argument("label")
    @click.argument("status")
    @click.option("--session", "session_code", help="Session code (default: the one in progress).")
    @click.option("--note", help="Why, as the record should say.")
    @click.option("--json", "as_json", is_flag=True, help="Print the status and history as JSON.")
    @with_app()
    def status_set(slug, label, status, session_code, note, as_json) -> None:
        """Move provision LABEL of SLUG to STATUS: open, under_negotiation, informally_agreed,
        agreed_ad_ref or reopened."""
        from workbench.db import get_db
        from workbench.instruments.queries import find_provision, get_instrument
        from workbench.progress.operations import set_provision_status
        from workbench.sessions.operations import named_session

        db = get_db(write=True)
        provision = find_provision(db, get_instrument(db, slug), label)
        session = named_session(db, session_code)
        set_provision_status(db, provision, status, session=session, note=note)
        db.commit()
        _print_status(db, provision, as_json, echo_json)

    return status_set


def _status_show(with_app, echo_json) -> click.Command:
    @click.command("show")
    @click.argument("slug")
    @click.argument("label")
    @click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
    @with_app()
    def status_show(slug, label, as_json) -> None:
        """The negotiation status of provision LABEL of SLUG, with its history."""
        from workbench.db import get_db
        from workbench.instruments.queries import find_provision, get_instrument

        db = get_db()
        _print_status(db, find_provision(db, get_instrument(db, slug), label), as_json, echo_json)

    return status_show


def _print_status(db, provision, as_json, echo_json) -> None:
    if as_json:
        from workbench.progress.queries import provision_status, status_history
        from workbench.serialize import status_change_json

        echo_json(
            {
                "label": provision.label,
                "status": str(provision_status(provision)),
                "history": [status_change_json(c) for c in status_history(db, provision)],
            }
        )
        return
    click.echo("\n".join(_status_lines(db, provision)))


def _progress_command(with_app, echo_json) -> click.Command:
    @click.command("progress")
    @click.argument("slug")
    @click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
    @with_app()
    def progress_command(slug, as_json) -> None:
        """How far negotiating text SLUG has come: each provision's status, the totals by
        chapter and by session."""
        from workbench.db import get_db
        from workbench.instruments.queries import get_instrument
        from workbench.progress.report import instrument_progress

        db = get_db()
        report = instrument_progress(db, get_instrument(db, slug))
        if as_json:
            echo_json(report)
            return
        names = report["statuses"]

        def totals(counts):
            return "  ".join(f"{name} {counts[name]}" for name in names)

        for row in report["provisions"]:
            session = row["session"] or ""
            click.echo(
                f"{row['label']:<16} {row['status']:<18} {session:<8} {row['chapter'] or ''}"
            )
        for chapter in report["chapters"]:
            click.echo(f"{chapter['label']}: {totals(chapter['totals'])}")
        for session in report["sessions"]:
            click.echo(f"after {session['session']}: {totals(session['totals'])}")
        click.echo(f"Total: {totals(report['totals'])}")

    return progress_command
