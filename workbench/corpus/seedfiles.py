"""Where the shipped source texts lie inside the package, and how they are read."""

from __future__ import annotations

import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEEDS = DATA / "seeds"
BUDAPEST_FILE = DATA / "budapest_ets185_en.md"
PROTOCOL_FILE = DATA / "budapest_additional_protocol_ets189_en.md"
TABLE_SEED = SEEDS / "003_a7112adfd9bc789a.txt"
CHINA_SEED = SEEDS / "004_2e0d6e3b5fd5b7de.txt"
RUSSIA_SEED = SEEDS / "000_2ab2a71fe62625f6.txt"


def read_source(path: Path) -> str:
    """A shipped text, in NFC so that seeds typed on different systems compare equal."""
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
