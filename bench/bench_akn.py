"""Akoma Ntoso export and import of the scale-1 negotiation: wall times, printed.

``.venv/bin/python -m bench.bench_akn [--scale 1] [--runs 3]`` measures, on the generated
negotiation (``bench/generate.py``: a 150-provision English and Chinese negotiating text with
2,000 pending proposals at scale 1): the export of the text as an AKN ``<bill>`` in English
and in Chinese (schema validation included), its import back as a new instrument, the export
of every pending proposal as ``<amendment>`` documents, and the import of the amendments
drafted on the current text (those drafted on older versions are refused as stale, as the
workbench refuses them everywhere). Imports write into a copy of the database, so the cached
negotiation stays as generated.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Section, generated_database, ms

SLUG = "bench-text"


def _median(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(scale: float = 1, runs: int = 3, quick: bool = False, log=print) -> Section:
    """Measure, print the table, and return it as a section of the results."""
    from sqlalchemy import func, select

    from workbench.akn.amendments_export import instrument_amendments
    from workbench.akn.amendments_import import import_amendments
    from workbench.akn.operations import import_akn, instrument_akn
    from workbench.db import Database
    from workbench.instruments.queries import get_instrument
    from workbench.proposals.models import PENDING_STATUSES, Proposal
    from workbench.proposals.queries import is_stale, pending_by_provision

    if quick:
        scale, runs = min(scale, 0.25), 1
    source = generated_database(scale, log=log).removeprefix("sqlite:///")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-akn-") as tmp:
        folder = Path(tmp)
        copy = folder / "negotiation.sqlite3"
        shutil.copyfile(source, copy)
        database = Database(f"sqlite:///{copy}")
        with database.session() as db:
            instrument = get_instrument(db, SLUG)
            pending = db.scalar(
                select(func.count())
                .select_from(Proposal)
                .where(
                    Proposal.instrument_id == instrument.id, Proposal.status.in_(PENDING_STATUSES)
                )
            )
            documents: dict[str, bytes] = {}
            for lang in ("en", "zh"):
                seconds, data = _median(
                    lambda lang=lang: instrument_akn(db, instrument, lang), runs
                )
                documents[lang] = data
                rows.append([f"export <bill> ({lang})", ms(seconds), f"{len(data) / 1024:.0f} KB"])
            path = folder / "bench-text-en.xml"
            path.write_bytes(documents["en"])
            counter = iter(range(1, 1000))

            def import_once():
                _copy, counts, _warnings = import_akn(db, path, slug=f"akn-{next(counter)}")
                db.flush()
                return counts

            seconds, counts = _median(import_once, runs)
            db.rollback()
            rows.append(["import <bill> (en)", ms(seconds), f"{counts['provisions']} provisions"])
            instrument = get_instrument(db, SLUG)
            seconds, amendments = _median(lambda: instrument_amendments(db, instrument), 1)
            rows.append(
                [
                    f"export {pending:,} pending proposals as <amendment>",
                    ms(seconds),
                    f"{len(amendments):,} files, {ms(seconds / max(len(amendments), 1))} each",
                ]
            )
            current = {
                proposal.id
                for group in pending_by_provision(db, instrument).values()
                for proposal in group
                if not is_stale(proposal)
            }
            chosen = folder / "amendments"
            chosen.mkdir()
            for name, data in amendments:
                number = int(re.search(r"-proposal-(\d+)-", name)[1])
                if number in current:
                    (chosen / name).write_bytes(data)
            files = len(list(chosen.iterdir()))
            started = time.perf_counter()
            result = import_amendments(db, chosen)
            seconds = time.perf_counter() - started
            db.rollback()
            rows.append(
                [
                    f"import {files:,} amendments drafted on the current text",
                    ms(seconds),
                    f"{len(result['proposals']):,} proposals, {ms(seconds / max(files, 1))} each",
                ]
            )
        database.dispose()
    section = Section(f"Akoma Ntoso export and import (scale {scale:g}, {pending:,} pending)")
    section.table(["step", "wall time", "size"], rows)
    log(section.markdown())
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    run(scale=args.scale, runs=args.runs, quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
