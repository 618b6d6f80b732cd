"""The languages texts are held in: the six official languages of the United Nations."""

from __future__ import annotations

LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")
PRIMARY_LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {
    "en": ("English", "英文"),
    "zh": ("Chinese", "中文"),
    "fr": ("French", "法文"),
    "es": ("Spanish", "西班牙文"),
    "ru": ("Russian", "俄文"),
    "ar": ("Arabic", "阿拉伯文"),
}
LANGUAGE_CHECK = "lang IN ({})".format(", ".join(f"'{code}'" for code in LANGUAGES))
