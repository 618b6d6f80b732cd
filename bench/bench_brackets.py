"""Reading a bracketed consolidated text: the bracket grammar next to reading the Word file.

Run from the repository root: ``.venv/bin/python bench/bench_brackets.py [--provisions N]``.
A synthetic text of N provisions, each with spans of two to four options by named sponsors,
is written with python-docx; the table gives the median time to read the Word file into
paragraphs (``docx_blocks``), to parse every provision's spans and options
(``parse_brackets``) and to make each option's wording (``choose``), and their ratio.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `workbench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import TREATY_WORDS, median_time

NAMES = ["China", "Russian Federation", "Brazil", "Iran (Islamic Republic of)", "Japan", "Mexico"]


def synthetic(provisions: int, seed: int = 1) -> list[str]:
    """Provision texts in the brackets format."""
    rng = random.Random(seed)
    texts = []
    for _ in range(provisions):
        parts = []
        for _span in range(rng.randint(1, 6)):
            parts.append(" ".join(rng.choices(TREATY_WORDS, k=rng.randint(5, 15))))
            options = [f"[{' '.join(rng.choices(TREATY_WORDS, k=3))}]"]
            for _option in range(rng.randint(1, 3)):
                sponsors = ", ".join(rng.sample(NAMES, rng.randint(1, 3)))
                options.append(f"[{' '.join(rng.choices(TREATY_WORDS, k=3))}] ({sponsors})")
            parts.append(" / ".join(options))
        texts.append(" ".join(parts) + ".")
    return texts


def run(provisions: int = 1000, log=print) -> list[dict]:
    import docx

    from workbench.texts.brackets import choose, parse_brackets
    from workbench.texts.word import docx_blocks, open_document

    texts = synthetic(provisions)
    with tempfile.TemporaryDirectory(prefix="bench-brackets-") as folder:
        path = Path(folder) / "brackets.docx"
        document = docx.Document()
        for number, text in enumerate(texts, 1):
            document.add_heading(f"Article {number}", level=2)
            document.add_paragraph(text)
        document.save(path)
        read = median_time(lambda: docx_blocks(open_document(path), "accept"), repeat=3)

    def parse():
        for text in texts:
            parsed, _faults = parse_brackets(text)
            for span in parsed.spans:
                for option in span.proposed:
                    choose(
                        parsed,
                        lambda s, span=span, option=option: option if s is span else s.current,
                    )

    parsed = median_time(parse, repeat=3)
    rows = [
        {"name": f"read the Word file ({provisions} provisions)", "median_s": read},
        {"name": "parse spans and make every option's wording", "median_s": parsed},
    ]
    for row in rows:
        log(f"{row['name']:<50} {row['median_s'] * 1000:9.1f} ms")
    log(f"{'bracket grammar / Word reading':<50} {parsed / read:9.2f} ×")
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=1000)
    run(parser.parse_args().provisions)
