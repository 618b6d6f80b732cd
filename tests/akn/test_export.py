"""Exports of the shipped instruments: schema-valid AKN 3.0, standard names, stable eIds."""

from __future__ import annotations

import re

import pytest

from tests.akn.conftest import NS, assert_schema_valid, assert_unique_eids, parse, structure_eids
from tests.imports.conftest import session_of
from tests.scenario import build_rolling_text
from workbench.akn.names import eid_number
from workbench.akn.operations import slug_akn

SLUGS = ["budapest-ets185", "china-elements-2021", "budapest-protocol-ets189", "russia-draft-2017"]
EID = re.compile(r"^[A-Za-z0-9_-]+$")


def test_budapest_is_an_act_with_48_articles_and_standard_names(export_file, backend):
    root = assert_schema_valid(export_file("budapest-ets185", "en"))
    assert_unique_eids(root)
    act = root.find("a:act", NS)
    assert act is not None
    work = act.find("a:meta/a:identification/a:FRBRWork", NS)
    expression = act.find("a:meta/a:identification/a:FRBRExpression", NS)
    assert work.find("a:FRBRuri", NS).get("value") == "/akn/un/act/convention/2001/ets185"
    assert (
        expression.find("a:FRBRuri", NS).get("value")
        == "/akn/un/act/convention/2001/ets185/eng@2001-11-23"
    )
    assert expression.find("a:FRBRlanguage", NS).get("language") == "eng"
    articles = act.findall(".//a:body//a:article", NS)
    assert len(articles) == 48
    assert [a.findtext("a:num", namespaces=NS) for a in articles][:3] == [
        "Article 1",
        "Article 2",
        "Article 3",
    ]
    by_eid = {a.get("eId"): a for a in articles}
    illegal_access = by_eid["chp_II__sec_1__title_1__art_2"]
    assert illegal_access.findtext("a:heading", namespaces=NS) == "Illegal access"
    # Article 6: numbered paragraphs, lettered points, points within points, a wrap-up.
    misuse = by_eid["chp_II__sec_1__title_1__art_6"]
    point = misuse.find("a:paragraph/a:point/a:point", NS)
    assert point.get("eId") == "chp_II__sec_1__title_1__art_6__para_1__point_a__point_i"
    assert point.findtext("a:num", namespaces=NS) == "(i)"
    assert misuse.find("a:paragraph/a:point/a:wrapUp/a:p", NS).text.startswith("with intent")
    # The preamble and the final clause stand where AKN puts them; the parties are named.
    assert act.find("a:preamble/a:blockContainer/a:num", NS).text == "Preamble"
    assert act.find("a:conclusions/a:blockContainer/a:num", NS).text == "Final clause"
    coe = act.find("a:meta/a:references/a:TLCOrganization[@eId='COE']", NS)
    assert coe.get("showAs") == "Council of Europe"
    assert work.find("a:FRBRauthor", NS).get("href") == "#COE"
    assert act.find("a:meta/a:lifecycle/a:eventRef", NS).get("date") == "2001-11-23"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_shipped_instrument_exports_valid_in_english_and_chinese(export_file, backend, slug):
    english = assert_schema_valid(export_file(slug, "en"))
    chinese = assert_schema_valid(export_file(slug, "zh"))
    for root in (english, chinese):
        assert all(EID.match(eid) for eid in assert_unique_eids(root))
    # One work, two expressions, the same identifiers for the same chapters and provisions.
    uri = "a:act/a:meta/a:identification/a:FRBRWork/a:FRBRuri"
    assert english.find(uri, NS).get("value") == chinese.find(uri, NS).get("value")
    language = "a:act/a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage"
    assert chinese.find(language, NS).get("language") == "zho"
    assert structure_eids(english) == structure_eids(chinese)
    assert structure_eids(english)


def test_china_elements_in_chinese_keep_their_own_words_and_mark_translations(export_file, backend):
    root = assert_schema_valid(export_file("china-elements-2021", "zh"))
    element = root.find(".//a:hcontainer[@eId='part_3__chp_3__hcontainer_3-3-1']", NS)
    assert element.get("name") == "element"
    assert element.findtext("a:num", namespaces=NS) == "三.（三）1"
    assert "非法访问计算机信息系统" in element.findtext("a:content/a:p", namespaces=NS)
    # Its English title is a working translation the Chinese expression falls back to.
    heading = element.find("a:heading", NS)
    assert heading.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert heading.get("{urn:x-treaty-workbench:akn:1}official") == "false"
    chapter = root.find(".//a:chapter[@eId='part_3__chp_3']", NS)
    assert chapter.findtext("a:heading", namespaces=NS) == "定罪和执法"


def test_exports_of_the_same_version_are_identical(app, export_file, backend):
    first = export_file("budapest-ets185", "en", "first.xml")
    second = export_file("budapest-ets185", "en", "second.xml")
    assert first == second


def test_a_negotiating_text_is_a_bill(app, backend):
    with session_of(app) as db:
        build_rolling_text(db)
        db.commit()
        root = assert_schema_valid(slug_akn(db, "rolling-text", "en"))
    bill = root.find("a:bill", NS)
    assert bill is not None
    assert bill.find("a:body/a:chapter/a:article", NS).get("eId") == "chp_I__art_1"
    # China's element keeps its kind under its negotiating-text label.
    element = bill.find(".//a:hcontainer[@name='element']", NS)
    assert element.findtext("a:num", namespaces=NS) == "Article 3"


def test_the_api_serves_akn(client, backend):
    response = client.get("/api/instruments/budapest-ets185/export?format=akn&lang=zh")
    assert response.status_code == 200
    assert response.mimetype == "application/akn+xml"
    assert "budapest-ets185-zh.akn.xml" in response.headers["Content-Disposition"]
    root = assert_schema_valid(response.data)
    assert root.find(".//a:FRBRlanguage", NS).get("language") == "zho"
    bad = client.get("/api/instruments/budapest-ets185/export?format=akn&lang=de")
    assert bad.status_code == 400
    assert bad.json["field"] == "lang" and "lang must be one of" in bad.json["message"]
    missing = client.get("/api/instruments/no-such-text/export?format=akn")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("Article 2", "2"),
        ("Chapter II", "II"),
        ("Section 1", "1"),
        ("a)", "a"),
        ("(iv)", "iv"),
        ("1.", "1"),
        ("三.（三）1", "3-3-1"),
        ("一（一）", "1-1"),
        ("（十二）", "12"),
        ("第二十三条", "23"),
        ("Article 2 bis", "2bis"),
        ("Preamble", None),
        ("导言", None),
        ("Final clause", None),
        ("–", None),
    ],
)
def test_eid_numbers_follow_the_num(label, number):
    assert eid_number(label) == number


def test_a_hostile_looking_label_still_gives_a_valid_eid(app, backend):
    with session_of(app) as db:
        from workbench.instruments.create import create_instrument

        instrument = create_instrument(db, slug="odd-labels", title_en="Odd labels")
        from workbench.instruments.create import add_parsed_structure
        from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

        parsed = ParsedInstrument(
            children=[
                ParsedChapter(
                    kind="chapter",
                    label='Chapter <1> & "x"',
                    children=[
                        ParsedProvision(kind="article", label="Art. 1", text={"en": "One."}),
                        ParsedProvision(kind="article", label="Art. 1", text={"en": "Again."}),
                        ParsedProvision(kind="other", label="", text={"en": "No label."}),
                    ],
                )
            ]
        )
        add_parsed_structure(db, instrument, parsed)
        root = parse(slug_akn(db, "odd-labels"))
    found = assert_unique_eids(root)
    assert "chp_1-x__art_1" in found and "chp_1-x__art_1_2" in found
    assert all(EID.match(eid) for eid in found)
