"""A synthetic consolidated text of negotiating size, to measure the Word writers.

``python -m workbench.export.synthetic [--provisions 150] [--proposals 2000]`` writes both
modes and prints the time and peak memory of each; benchmarks import ``synthetic_document``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from workbench.diff import DiffOp
from workbench.export.model import (
    ExportAlternative,
    ExportChapter,
    ExportDocument,
    ExportProvision,
)

_WORDS = (
    "Party",
    "shall",
    "adopt",
    "such",
    "legislative",
    "and",
    "other",
    "measures",
    "as",
    "may",
    "be",
    "necessary",
    "to",
    "establish",
    "criminal",
    "offences",
    "under",
    "its",
    "domestic",
    "law",
    "when",
    "committed",
    "intentionally",
    "the",
    "access",
    "computer",
    "system",
    "data",
    "information",
    "communications",
    "technology",
    "without",
    "right",
)
_SPONSORS = (
    "China",
    "Russian Federation",
    "United States of America",
    "Japan",
    "Brazil",
    "South Africa on behalf of the African Group",
    "European Union",
    "India",
    "Mexico",
)


def _sentence(rng: random.Random, words: int) -> str:
    return "Each " + " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def _wording(rng: random.Random) -> str:
    lines = [
        f"1. {_sentence(rng, 40)}",
        f"2. {_sentence(rng, 20)}:",
        f"a) {_sentence(rng, 15)};",
        f"b) {_sentence(rng, 15)};",
        f"(i) {_sentence(rng, 10)}",
    ]
    return "\n".join(lines)


def _amend(rng: random.Random, text: str) -> list[DiffOp]:
    """Replace a few words and add a clause: the shape of a typical amendment."""
    words = text.split(" ")
    ops: list[DiffOp] = []
    start = 0
    for cut in sorted(rng.sample(range(1, len(words) - 1), 3)):
        if cut <= start:
            continue
        ops.append(DiffOp("equal", " ".join(words[start:cut]) + " "))
        ops.append(DiffOp("delete", words[cut] + " "))
        ops.append(DiffOp("insert", f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} "))
        start = cut + 1
    ops.append(DiffOp("equal", " ".join(words[start:])))
    ops.append(DiffOp("insert", f"\n3. {_sentence(rng, 12)}"))
    return ops


def _alternative(rng: random.Random, number: int, kind: str, text: str) -> ExportAlternative:
    sponsors = rng.sample(_SPONSORS, rng.randint(1, 3))
    label = ", ".join(sponsors)
    author = sponsors[0] + (f"; co-sponsors: {', '.join(sponsors[1:])}" if sponsors[1:] else "")
    if kind == "delete":
        diff, proposed = [DiffOp("delete", text)], ""
    elif kind == "insert":
        proposed = _wording(rng)
        diff = [DiffOp("insert", proposed)]
    else:
        diff = _amend(rng, text)
        proposed = "".join(op.text for op in diff if op.op != "delete")
    return ExportAlternative(
        proposal_id=number,
        kind=kind,
        sponsors=sponsors,
        sponsors_label=label,
        author=author,
        date=date(2023, 1, 9) + timedelta(days=number % 12),
        session="AHC-4",
        text={"en": proposed},
        diff={"en": diff},
        stale=number % 7 == 0,
        label=f"Article {number} bis" if kind == "insert" else None,
        title={"en": "Proposed provision"} if kind == "insert" else {},
    )


def synthetic_document(
    provisions: int = 150, proposals: int = 2000, seed: int = 1
) -> ExportDocument:
    """A negotiating text with ``provisions`` articles and ``proposals`` pending on them."""
    rng = random.Random(seed)
    items = []
    for index in range(provisions):
        text = _wording(rng)
        items.append(
            ExportProvision(
                id=index + 1,
                kind="article",
                label=f"Article {index + 1}",
                title={"en": f"Provision {index + 1}"},
                text={"en": text},
                agreed=True,
                provenance=[f"Based on Budapest Convention, Article {index % 48 + 1}"],
            )
        )
    for number in range(1, proposals + 1):
        provision = items[rng.randrange(provisions)]
        kind = rng.choices(("amend", "delete", "insert"), weights=(8, 1, 1))[0]
        alternative = _alternative(rng, number, kind, provision.text["en"])
        if kind == "insert":
            provision.insertions.append(alternative)
        else:
            provision.alternatives.append(alternative)
            provision.agreed = False
    chapters = [
        ExportChapter(
            kind="chapter",
            label=f"Chapter {number + 1}",
            title={"en": f"Chapter {number + 1}"},
            level=1,
            items=items[start : start + 15],
        )
        for number, start in enumerate(range(0, provisions, 15))
    ]
    return ExportDocument(
        slug="synthetic",
        title={"en": "Synthetic negotiating text"},
        symbol="A/AC.291/L.0",
        session="Benchmark session",
        date=date(2023, 1, 20),
        languages=["en"],
        items=chapters,
    )


def measure(document: ExportDocument, mode: str, folder: Path) -> dict:
    """Seconds to write one mode, then the peak of Python allocations in a traced second run.

    tracemalloc does not see libxml2's memory: the process's peak RSS (``max_rss_mb`` in
    ``main``) is the figure that bounds the whole.
    """
    from workbench.export.writer import write_consolidated

    started = time.perf_counter()
    path = write_consolidated(document, folder / f"synthetic-{mode}.docx", mode)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    write_consolidated(document, folder / f"synthetic-{mode}-traced.docx", mode)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "mode": mode,
        "seconds": round(seconds, 2),
        "python_peak_mb": round(peak / 2**20, 1),
        "size_mb": round(path.stat().st_size / 2**20, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic text in both modes and print the measurements as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=150)
    parser.add_argument("--proposals", type=int, default=2000)
    args = parser.parse_args(argv)
    baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    document = synthetic_document(args.provisions, args.proposals)
    with tempfile.TemporaryDirectory() as folder:
        results = [
            measure(document, mode, Path(folder))
            for mode in ("brackets", "alternatives", "tracked")
        ]
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(
        json.dumps(
            {
                "provisions": args.provisions,
                "proposals": args.proposals,
                "results": results,
                "baseline_rss_mb": round(baseline_mb, 1),
                "max_rss_mb": round(max_rss_mb, 1),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
