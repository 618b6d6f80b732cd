"""The phrase-level consolidation: one long article with many proposals, and a whole text.

Prints seconds per consolidation and the ratio of the brackets writer (phrases, diffs
included) to the alternatives writer (whole provisions, no diffs) on the synthetic text.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.common import TREATY_WORDS
from workbench.consolidation.segments import consolidate_wordings
from workbench.export.synthetic import synthetic_document
from workbench.export.writer import write_consolidated


def article(paragraphs: int, rng: random.Random) -> str:
    return "\n".join(
        f"{n}. " + " ".join(rng.choice(TREATY_WORDS) for _ in range(40)) + "."
        for n in range(1, paragraphs + 1)
    )


def amend(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 5)):
        words[rng.randrange(len(words))] = rng.choice(TREATY_WORDS).upper()
    return " ".join(words)


def main() -> None:
    rng = random.Random(16)
    base = article(61, rng)
    for count in (1, 5, 20, 50):
        proposals = [(n, amend(base, rng)) for n in range(count)]
        start = time.perf_counter()
        segments = consolidate_wordings(base, proposals, "en")
        elapsed = time.perf_counter() - start
        disputed = sum(1 for s in segments if s.disputed)
        print(f"61 paragraphs, {count:>2} proposals: {elapsed:.3f} s, {disputed} disputed spans")
    document = synthetic_document(provisions=150, proposals=2000)
    times = {}
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("brackets", "alternatives", "tracked"):
            start = time.perf_counter()
            write_consolidated(document, Path(folder) / f"{mode}.docx", mode)
            times[mode] = time.perf_counter() - start
    for mode, seconds in times.items():
        print(f"synthetic 150 provisions, 2,000 proposals, {mode}: {seconds:.2f} s")
    print(f"brackets / alternatives: {times['brackets'] / times['alternatives']:.2f}")


if __name__ == "__main__":
    main()
