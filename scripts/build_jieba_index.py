"""Write workbench/diff/jieba_index.txt: where each first character's lines lie in jieba's dict.txt.

The segmenter (workbench/diff/chinese.py) reads jieba's dictionary one first character at a
time through this index instead of loading all of it. Run again after upgrading jieba:
`python scripts/build_jieba_index.py` (tests/diff/test_chinese.py fails until then).
"""

from __future__ import annotations

import sys
import zlib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.diff.chinese import INDEX, jieba_dictionary_path  # noqa: E402


def build_index(data: bytes, jieba_version: str) -> str:
    """The index of a dict.txt: header, then one line per run of lines with one first character."""
    runs: list[list] = []
    total = 0
    for raw in data.splitlines(keepends=True):
        line = raw.strip().decode("utf-8")
        if not line:
            char = runs[-1][0] if runs else ""
        else:
            char = line[0]
            total += int(line.split(" ")[1])
        if runs and runs[-1][0] == char:
            runs[-1][1] += len(raw)
        else:
            runs.append([char, len(raw)])
    lines = [
        "# Where each first character's lines lie in jieba's dict.txt: the runs of lines",
        "# with one first character, in file order (chars), and their lengths in bytes.",
        "# Written by scripts/build_jieba_index.py; checked against dict.txt by size and CRC.",
        f"=jieba\t{jieba_version}",
        f"=size\t{len(data)}",
        f"=crc32\t{zlib.crc32(data)}",
        f"=total\t{total}",
        f"=chars\t{''.join(char for char, _length in runs)}",
        f"=lengths\t{' '.join(str(length) for _char, length in runs)}",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    data = jieba_dictionary_path().read_bytes()
    target = ROOT / "workbench" / "diff" / INDEX
    target.write_text(build_index(data, version("jieba")), encoding="utf-8")
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
