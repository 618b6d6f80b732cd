"""China's elements proposal, the Russian outline, and the metadata of every source."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.corpus import seedfiles, sources
from workbench.instruments.models import ChapterKind, ProvisionKind
from workbench.texts.structure import ParsedChapter

ELEMENT_COUNTS = {
    "（一）": 2,
    "（二）": 3,
    "（三）": 8,
    "（四）": 5,
    "（五）": 2,
    "（六）": 1,
    "（七）": 0,
}
CHAPTER_TITLES = [
    "总则",
    "预防",
    "定罪和执法",
    "国际合作",
    "技术援助和信息交流",
    "执行机制",
    "最后条款",
]


# The labels the curated reference data (concordance, working translation) refers to.
CHINA_LABELS = [
    "导言",
    "一（一）", "一（二）", "一（三）",
    "二",
    "三",
    "三.（一）", "三.（一）1", "三.（一）2",
    "三.（二）", "三.（二）1", "三.（二）2", "三.（二）3",
    "三.（三）", *(f"三.（三）{n}" for n in range(1, 9)),
    "三.（四）", *(f"三.（四）{n}" for n in range(1, 6)),
    "三.（五）", "三.（五）1", "三.（五）2",
    "三.（六）", "三.（六）1",
    "三.（七）",
]  # fmt: skip


def test_china_title_and_preamble(china):
    assert china.title == {
        "zh": "中国对联合国打击为犯罪目的使用信通技术公约范围、目标和框架（要素）的建议"
    }
    assert china.language == "zh"
    preamble = china.children[0]
    assert (preamble.kind, preamble.label) == ("preamble", "导言")
    paragraphs = preamble.text["zh"].split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("中国欢迎") and paragraphs[2].endswith("开展建设性磋商。")


def test_china_objectives_and_scope(china):
    part_one, part_two, part_three = china.children[1:]
    assert [(p.kind, p.label, p.title) for p in (part_one, part_two, part_three)] == [
        ("part", "一", {"zh": "目标"}),
        ("part", "二", {"zh": "适用范围"}),
        ("part", "三", {"zh": "框架（要素）"}),
    ]
    objectives = china.provisions("objective")
    assert [o.label for o in objectives] == ["一（一）", "一（二）", "一（三）"]
    assert objectives[0].text["zh"].startswith("秉持网络空间命运共同体理念")
    assert all(o.text["zh"].endswith(";") for o in objectives)
    (scope,) = china.provisions("scope")
    assert scope.label == "二" and scope in part_two.children
    assert scope.text["zh"].split("\n") == [
        "本公约应当适用于预防、侦查和起诉由个人或犯罪集团实施的为犯罪目的使用信通技术，"
        "以及查封、冻结、扣押、没收和归还相关犯罪所得。",
        "为犯罪目的使用信通技术，至少应当包括针对信通技术设施、系统和数据的犯罪以及利用信通技术实施的犯罪。",
    ]


def test_china_framework_chapters_and_elements(china):
    part_three = china.children[3]
    chapeau, *chapters = part_three.children
    assert (chapeau.kind, chapeau.label) == ("chapeau", "三")
    assert chapeau.text["zh"].startswith("公约可分为7个章节")
    assert chapeau.text["zh"].endswith("有关章节要素初步建议如下：")
    assert [(c.kind, c.label) for c in chapters] == [("chapter", label) for label in ELEMENT_COUNTS]
    assert [c.title["zh"] for c in chapters] == CHAPTER_TITLES
    for chapter in chapters:
        elements = [p for p in chapter.children if p.kind == "element"]
        assert len(elements) == ELEMENT_COUNTS[chapter.label], chapter.label
        prefix = f"三.{chapter.label}"
        assert [e.label for e in elements] == [f"{prefix}{n}" for n in range(1, len(elements) + 1)]
        chapeaux = [p for p in chapter.children if p.kind == "chapeau"]
        assert [c.label for c in chapeaux] == [prefix] and chapter.children[0] is chapeaux[0]
        # （六） has no introductory text: its chapeau is there, without wording.
        assert bool(chapeaux[0].text) == (chapter.label != "（六）")


def test_china_labels_in_document_order(china):
    assert [p.label for p in china.provisions()] == CHINA_LABELS


def test_china_element_texts(china):
    assert china.provision("三.（三）1").text["zh"] == (
        "要求各国应将侵入、破坏信通技术设施、系统、数据或关键信息基础设施的行为规定为犯罪，"
        "可包括：非法访问计算机信息系统、非法干扰计算机信息系统、非法获取计算机数据、"
        "非法干扰计算机数据、侵犯关键信息基础设施等。"
    )
    assert china.provision("三.（六）1").text["zh"] == (
        "为促进公约的执行，应设立缔约国大会以及有关专家组或者工作组，如技术援助工作组、国际合作工作组等，"
        "为各国交流经验、促进合作提供平台。"
    )
    assert china.provision("三.（七）").text["zh"] == "略。"
    assert china.provision("三.（一）").text["zh"] == "除目标、适用范围外，还应包括以下内容："
    assert china.provision("三.（一）1").title == {"zh": "保护主权"}
    assert china.provision("三.（一）2").title == {"zh": "术语"}
    assert china.provision("三.（一）2").text["zh"].startswith("术语。可对“电子证据”")
    assert "“关键信息基础设施”" in china.provision("三.（一）2").text["zh"]
    assert (
        china.provision("三.（三）8").text["zh"]
        == "还应对教唆和帮助犯罪、犯罪预备、犯罪未遂、单位犯罪等作出规定。"
    )
    assert china.provision("三.（二）1").text["zh"].startswith("鼓励各国确定专门机关")
    assert china.provision("三.（三）2").title == {}


def test_china_texts_carry_no_formatting_noise(china):
    seed = seedfiles.CHINA_SEED.read_text(encoding="utf-8")
    seed_characters = "".join(seed.split())
    for item in china.provisions():
        text = item.text.get("zh", "")
        assert "**" not in text and "#" not in text and not text.startswith("- ")
        for paragraph in text.split("\n") if text else ():
            assert paragraph and paragraph[-1] in "。；;：", paragraph[-12:]
            # Page breaks mended without adding characters: each paragraph is in the seed.
            assert "".join(paragraph.split()) in seed_characters


def test_kinds_are_enum_values(budapest, protocol, china, russia):
    for instrument in (budapest, protocol, china, russia):
        for _depth, item in instrument.walk():
            enum = ChapterKind if isinstance(item, ParsedChapter) else ProvisionKind
            assert item.kind in set(enum), item


def test_russia_outline(russia):
    chapters = russia.chapters()
    assert [c.label for c in chapters] == [f"Chapter {n}" for n in ("I", "II", "III", "IV", "V")]
    assert all(c.kind == "chapter" and not c.children for c in chapters)
    assert [c.title["zh"] for c in chapters] == [
        "一般性规定",
        "定罪和执法",
        "预防和打击网络空间不法行为",
        "国际合作",
        "履约机制",
    ]
    assert [c.title["en"] for c in chapters] == list(sources.RUSSIA_CHAPTER_TITLES_EN)
    assert all("en" in c.unofficial for c in chapters)
    assert russia.provisions() == []
    assert russia.title["zh"] == "联合国合作打击网络犯罪公约（草案）"
    seed = sources.RUSSIA_SEED.read_text(encoding="utf-8")
    assert "俄方草案主要包括" + "、".join(c.title["zh"] for c in chapters) + "等" in seed


def test_metadata_covers_every_slug():
    assert (
        set(sources.SOURCE_METADATA)
        == set(sources.SOURCES)
        == {
            "china-elements-2021",
            "budapest-ets185",
            "budapest-protocol-ets189",
            "russia-draft-2017",
        }
    )
    expected = {
        "china-elements-2021": ("CHN", None, "China's elements proposal", "zh", False),
        "budapest-ets185": ("COE", "ETS No. 185", "Budapest Convention", "en", False),
        "budapest-protocol-ets189": (
            "COE",
            "ETS No. 189",
            "Additional Protocol (ETS 189)",
            "en",
            False,
        ),
        "russia-draft-2017": ("RUS", "A/C.3/72/12", "Russian draft convention", "zh", True),
    }
    for slug, meta in sources.SOURCE_METADATA.items():
        origin, symbol, short, language, outline = expected[slug]
        assert (meta["origin"], meta["symbol"], meta["short_title_en"]) == (origin, symbol, short)
        assert (meta["language"], meta["is_outline"]) == (language, outline)
        for key in ("title_en", "title_zh", "short_title_zh", "description", "provenance"):
            assert meta[key], (slug, key)
        assert (seedfiles.DATA.parents[2] / meta["source_file"]).is_file()
        assert (
            meta["date"][:4]
            == {
                "china-elements-2021": "2021",
                "budapest-ets185": "2001",
                "budapest-protocol-ets189": "2003",
                "russia-draft-2017": "2017",
            }[slug]
        )
    assert sources.SOURCE_METADATA["budapest-ets185"]["origin_commit"].startswith("253444e2")
    assert sources.SOURCE_METADATA["budapest-protocol-ets189"]["origin_commit"].startswith(
        "91556a80"
    )


@pytest.mark.parametrize(
    ("slug", "day", "words"),
    [
        ("budapest-ets185", date(2001, 11, 23), "this 23rd day of November 2001"),
        ("budapest-protocol-ets189", date(2003, 1, 28), "this 28 January 2003"),
    ],
)
def test_dates_agree_with_the_final_clauses(slug, day, words):
    meta = sources.SOURCE_METADATA[slug]
    assert meta["adopted_on"] == day and meta["date"] == day.isoformat()
    assert words in sources.load_source(slug).children[-1].text["en"]


def test_china_date_is_after_the_resolution_it_cites():
    assert "75/282" in seedfiles.CHINA_SEED.read_text(encoding="utf-8")
    assert sources.SOURCE_METADATA["china-elements-2021"]["date"] == "2021"
