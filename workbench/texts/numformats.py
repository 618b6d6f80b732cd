"""Word's numbering formats (ST_NumberFormat): a level's counter as the reader sees it.

``format_number(7, "lowerRoman")`` is "vii", ``format_number(12, "chineseCounting")``
"十二", ``format_number(3, "decimalEnclosedCircle")`` "③". A format the table does not
know returns None; the caller writes the number in decimal and notes it.
"""

from __future__ import annotations

from collections.abc import Callable

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ZH_DIGITS = "〇一二三四五六七八九"
_ZH_COUNT = "零一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_JA_LEGAL = "〇壱弐参四伍六七八九"
_ZH_UNITS = ("", "十", "百", "千")
_ZH_LEGAL_UNITS = ("", "拾", "佰", "仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_GANADA = "가나다라마바사아자차카타파하"
_CHOSUNG = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
_AIUEO = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
)
_IROHA = (
    "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
)
_CHICAGO = "*†‡§"


def roman(value: int) -> str:
    """A positive number in lower-case Roman numerals."""
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def _letters(value: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz") -> str:
    # Word repeats the letter past the end of the alphabet: a…z, aa…zz, aaa…
    size = len(alphabet)
    return alphabet[(value - 1) % size] * ((value - 1) // size + 1)


def chinese_counting(value: int, digits: str = _ZH_COUNT, units=_ZH_UNITS) -> str:
    """A number in Chinese counting numerals: 十, 十二, 二十, 一百零一, 一万二千."""
    if value <= 0:
        return str(value)
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        head = chinese_counting(high, digits, units) + "万"
        if not low:
            return head
        gap = digits[0] if low < 1000 else ""
        return head + gap + chinese_counting(low, digits, units)
    out: list[str] = []
    places = [int(d) for d in str(value)]
    size = len(places)
    zero = False
    for index, digit in enumerate(places):
        unit = units[size - index - 1]
        if digit == 0:
            zero = True
            continue
        if zero and out:
            out.append(digits[0])
        zero = False
        # 十二, not 一十二, when the number starts in the tens (counting style).
        if not (digit == 1 and unit == units[1] and index == 0 and units is _ZH_UNITS):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def _digital(value: int, digits: str = _ZH_DIGITS) -> str:
    return "".join(digits[int(d)] for d in str(value))


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    def render(value: int) -> str:
        return chr(first + value - 1) if 1 <= value <= last else str(value)

    return render


def _cycle(symbols: str) -> Callable[[int], str]:
    def render(value: int) -> str:
        return symbols[(value - 1) % len(symbols)] if value >= 1 else str(value)

    return render


def _ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _zodiac_traditional(value: int) -> str:
    index = (value - 1) % 60
    return _STEMS[index % 10] + _BRANCHES[index % 12]


def _chicago(value: int) -> str:
    return _CHICAGO[(value - 1) % 4] * ((value - 1) // 4 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "ideographEnclosedCircle": _enclosed(0x3280, 10),
    "upperRoman": lambda n: roman(n).upper(),
    "lowerRoman": roman,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerLetter": _letters,
    "ordinal": _ordinal,
    "hex": lambda n: f"{n:X}",
    "chicago": _chicago,
    "numberInDash": lambda n: f"- {n} -",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "koreanCounting": chinese_counting,
    "chineseLegalSimplified": lambda n: chinese_counting(n, _ZH_LEGAL, _ZH_LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: chinese_counting(n, _TW_LEGAL, _ZH_LEGAL_UNITS),
    "japaneseLegal": lambda n: chinese_counting(n, _JA_LEGAL, _ZH_LEGAL_UNITS),
    "ideographDigital": _digital,
    "taiwaneseDigital": _digital,
    "japaneseDigitalTenThousand": _digital,
    "koreanDigital": _digital,
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "ideographZodiacTraditional": _zodiac_traditional,
    "russianLower": _cycle(_RUSSIAN),
    "russianUpper": lambda n: _cycle(_RUSSIAN)(n).upper(),
    "ganada": _cycle(_GANADA),
    "chosung": _cycle(_CHOSUNG),
    "aiueo": _cycle(_AIUEO),
    "aiueoFullWidth": _cycle(_AIUEO),
    "iroha": _cycle(_IROHA),
    "irohaFullWidth": _cycle(_IROHA),
    "none": lambda n: "",
}


# Past this, formats that repeat symbols (Roman numerals, letters) are written in decimal:
# a hostile w:start of 2^31 must not build a string of millions of letters.
_LARGEST = 10_000
_REPEATING = {"lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "chicago"}


def format_number(value: int, fmt: str) -> str | None:
    """One level's counter in a numbering format; None for a format not in the table."""
    render = _FORMATS.get(fmt)
    if render is None:
        return None
    if abs(value) > _LARGEST and fmt in _REPEATING:
        return str(value)
    return render(value)


def custom_format(value: int, pattern: str | None) -> str | None:
    """Word 2010's custom formats ("001, 002, 003, ..."): zero-padded decimals; else None."""
    first = (pattern or "").split(",", 1)[0].strip()
    if first.isdigit() and first.startswith("0"):
        return str(value).zfill(len(first))
    return None
