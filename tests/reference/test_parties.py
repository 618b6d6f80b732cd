"""States and observer states: codes, names in English and Chinese, aliases, the resolver."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest

from workbench.corpus.reference import PARTY_KINDS, load_groups, load_parties, resolve_party


@pytest.fixture(scope="module")
def parties():
    return load_parties()


def test_193_member_states_and_two_observer_states(parties):
    kinds = Counter(party.kind for party in parties)
    assert kinds == {"state": 193, "observer_state": 2}
    observers = {party.code for party in parties if party.kind == "observer_state"}
    assert observers == {"VAT", "PSE"}
    assert all(party.kind in PARTY_KINDS for party in parties)


def test_codes_are_unique_iso_alpha3(parties):
    codes = [party.code for party in parties]
    assert len(set(codes)) == len(codes)
    for party in parties:
        country = pycountry.countries.get(alpha_3=party.code)
        assert country is not None, party.code
        assert party.alpha2 == country.alpha_2


def test_every_state_has_english_and_chinese_names(parties):
    for party in parties:
        assert party.name_en.strip(), party.code
        assert party.name_zh.strip(), party.code
        assert any("\u4e00" <= char <= "\u9fff" for char in party.name_zh), party.code
        assert party.formal_name_en != party.name_en


@pytest.mark.parametrize(
    ("code", "name_en", "name_zh"),
    [
        ("CHN", "China", "中国"),
        ("RUS", "Russian Federation", "俄罗斯联邦"),
        ("USA", "United States of America", "美利坚合众国"),
        ("GBR", "United Kingdom", "英国"),
        ("KOR", "Republic of Korea", "大韩民国"),
        ("IRN", "Iran (Islamic Republic of)", "伊朗伊斯兰共和国"),
        ("BOL", "Bolivia (Plurinational State of)", "多民族玻利维亚国"),
        ("VEN", "Venezuela (Bolivarian Republic of)", "委内瑞拉玻利瓦尔共和国"),
        ("TUR", "Türkiye", "土耳其"),
        ("VNM", "Viet Nam", "越南"),
        ("LAO", "Lao People's Democratic Republic", "老挝人民民主共和国"),
        ("PSE", "State of Palestine", "巴勒斯坦国"),
        ("VAT", "Holy See", "教廷"),
    ],
)
def test_un_spellings(parties, code, name_en, name_zh):
    party = next(party for party in parties if party.code == code)
    assert (party.name_en, party.name_zh) == (name_en, name_zh)


def test_united_kingdom_formal_name(parties):
    britain = next(party for party in parties if party.code == "GBR")
    assert britain.formal_name_en == "United Kingdom of Great Britain and Northern Ireland"


def test_aliases_are_normalized_and_unique_across_all_parties(parties):
    owners: dict[str, str] = {}
    for party in [*parties, *load_groups()]:
        for name, lang in party.aliases:
            assert name == " ".join(name.split()).lower(), name
            assert lang in {"en", "zh", "zh-Hant"}
            assert owners.setdefault(name, party.code) == party.code, name


def test_aliases_include_the_names_themselves(parties):
    for party in parties:
        names = {name for name, _lang in party.aliases}
        assert party.name_en.lower() in names
        assert party.name_zh in names


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russian Federation", "RUS"),
        ("俄罗斯", "RUS"),
        ("俄罗斯联邦", "RUS"),
        ("China", "CHN"),
        ("中国", "CHN"),
        ("中华人民共和国", "CHN"),
        ("United States of America", "USA"),
        ("美国", "USA"),
        ("美利坚合众国", "USA"),
        ("UK", "GBR"),
        ("英国", "GBR"),
        ("大不列颠及北爱尔兰联合王国", "GBR"),
        ("South Africa", "ZAF"),
        ("南非", "ZAF"),
        ("  russian   FEDERATION ", "RUS"),
        ("RUS", "RUS"),
        ("chn", "CHN"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("the Netherlands", "NLD"),
        ("Korea, Republic of", "KOR"),
        ("Iran, Islamic Republic of", "IRN"),
        ("Turkey", "TUR"),
        ("Czech Republic", "CZE"),
        ("Holy See", "VAT"),
        ("多明尼加", "DOM"),
        ("Dominica", "DMA"),
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("俄羅斯", "RUS"),
        ("BRICS", "BRICS"),
        ("金砖国家", "BRICS"),
        ("European Union", "EU"),
        ("欧盟", "EU"),
        ("Council of Europe", "COE"),
        ("联合国毒品和犯罪问题办公室", "UNODC"),
        ("毒罪办", "UNODC"),
    ],
)
def test_resolve_party(name, code):
    assert resolve_party(name) == code


@pytest.mark.parametrize("name", ["", "   ", "Atlantis", "Korea", "欧洲理事会", "Taiwan"])
def test_resolve_party_unknown(name):
    assert resolve_party(name) is None
