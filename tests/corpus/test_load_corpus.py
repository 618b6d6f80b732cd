"""The shipped corpus, loaded into a real database, seen through the API and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from workbench.corpus.operations import load_corpus
from workbench.db import Base

BUDAPEST_MD = Path(__file__).resolve().parents[2] / "workbench/corpus/data/budapest_ets185_en.md"


def budapest_titles_from_source() -> list[tuple[str, str]]:
    """Article numbers and titles read straight from the Markdown, independently of the parser."""
    text = BUDAPEST_MD.read_text(encoding="utf-8")
    return [
        (f"Article {number}", title.strip())
        for number, title in re.findall(r"### Article\s+(\d+)\s*\n+####(.+)", text)
    ]


def elements_per_chapter(instrument: dict) -> list[int]:
    chapters = {}
    for provision in instrument["provisions"]:
        if provision["kind"] == "element":
            chapter = provision["chapter_path"][-1]
            chapters[chapter] = chapters.get(chapter, 0) + 1
    labels = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]
    return [chapters.get(label, 0) for label in labels]


def test_china_elements(client):
    data = client.get("/api/instruments/china-elements-2021").get_json()
    assert data["counts"]["chapters"]["chapter"] == 7
    assert elements_per_chapter(data) == [2, 3, 8, 5, 2, 1, 0]
    assert data["counts"]["provisions"]["objective"] == 3
    assert data["language"] == "zh"
    first = next(p for p in data["provisions"] if p["label"] == "三.（三）1")
    assert first["text"]["zh"].startswith("要求各国应将侵入、破坏信通技术设施")
    # The English is a working translation, marked as such.
    assert first["official"] == {"en": False, "zh": True}
    outline_chapters = [
        child["title"]["zh"]
        for part in data["outline"]
        if part.get("kind") == "part"
        for child in part.get("children", [])
        if child.get("kind") == "chapter"
    ]
    assert outline_chapters == [
        "总则",
        "预防",
        "定罪和执法",
        "国际合作",
        "技术援助和信息交流",
        "执行机制",
        "最后条款",
    ]


def test_budapest_convention(client):
    data = client.get("/api/instruments/budapest-ets185").get_json()
    assert data["counts"]["chapters"]["chapter"] == 4
    articles = [
        (p["label"], p["title"]["en"]) for p in data["provisions"] if p["kind"] == "article"
    ]
    assert len(articles) == 48
    assert articles == budapest_titles_from_source()
    titles_zh = {p["label"]: p["title"]["zh"] for p in data["provisions"] if p["kind"] == "article"}
    assert titles_zh["Article 2"] == "非法访问"
    assert titles_zh["Article 3"] == "非法侦听"
    assert all(titles_zh[f"Article {n}"] for n in range(2, 13))
    article6 = next(p for p in data["provisions"] if p["label"] == "Article 6")
    paragraphs = article6["text"]["en"].split("\n")
    assert paragraphs[0].startswith("1. Each Party shall adopt")
    assert paragraphs[1].startswith("a) the production, sale")
    assert paragraphs[2].startswith("(i) a device")


def test_protocol_and_russian_outline(client):
    protocol = client.get("/api/instruments/budapest-protocol-ets189").get_json()
    assert protocol["counts"]["provisions"]["article"] == 16
    russia = client.get("/api/instruments/russia-draft-2017").get_json()
    assert russia["is_outline"] is True
    assert russia["counts"]["chapters"] == {"chapter": 5}
    assert russia["provisions"] == []
    assert [c["title"]["zh"] for c in russia["outline"]] == [
        "一般性规定",
        "定罪和执法",
        "预防和打击网络空间不法行为",
        "国际合作",
        "履约机制",
    ]


def test_parties_and_groups(client):
    states = client.get("/api/parties?kind=state").get_json()["parties"]
    assert len(states) >= 193
    assert all(p["name"]["zh"] for p in states)
    china = client.get("/api/parties/CHN").get_json()
    assert china["name"] == {"en": "China", "zh": "中国"}
    assert "BRICS" in {g["code"] for g in china["groups"]}
    counts = {
        code: len(client.get(f"/api/parties/{code}").get_json()["members"])
        for code in ("BUDAPEST", "BUDAPEST-OBS", "RES74-247-YES", "BRICS", "EU", "AFRICAN-GROUP")
    }
    assert counts == {
        "BUDAPEST": 64,
        "BUDAPEST-OBS": 10,
        "RES74-247-YES": 10,
        "BRICS": 5,
        "EU": 27,
        "AFRICAN-GROUP": 54,
    }


def test_sessions(client):
    sessions = {s["code"]: s for s in client.get("/api/sessions").get_json()["sessions"]}
    assert {f"EG-{n}" for n in range(1, 7)} <= set(sessions)
    assert sessions["EG-1"]["starts_on"] == "2011-01-17"
    assert sessions["EG-6"]["ends_on"] == "2020-07-29"
    assert sessions["EG-2"]["place"] == "Vienna"


def test_concordance_links_china_illegal_access_to_budapest_2_to_5(client):
    china = client.get("/api/instruments/china-elements-2021").get_json()
    element = next(p for p in china["provisions"] if p["label"] == "三.（三）1")
    provision = client.get(f"/api/provisions/{element['id']}").get_json()
    budapest_labels = {
        other["provision"]["label"]
        for item in provision["correspondences"]
        for other in item["others"]
        if other["instrument"] == "budapest-ets185" and other["provision"]
    }
    assert {"Article 2", "Article 3", "Article 4", "Article 5"} <= budapest_labels
    topic = client.get("/api/topics/illegal-access").get_json()
    columns = {c["instrument"]["slug"]: c for c in topic["instruments"]}
    assert "Article 2" in [e["provision"]["label"] for e in columns["budapest-ets185"]["entries"]]


def test_absences_are_visible(client):
    topic = client.get("/api/topics/sovereignty").get_json()
    budapest = next(c for c in topic["instruments"] if c["instrument"]["slug"] == "budapest-ets185")
    assert budapest["absent"] is True
    assert budapest["entries"][0]["note"]["en"]


def _all_rows(db):
    rows = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "audit_entries":
            continue
        rows[table.name] = sorted(tuple(row) for row in db.execute(select(table.c.id)))
    return rows


def test_second_load_changes_nothing(db):
    before = _all_rows(db)
    report = load_corpus(db)
    db.commit()
    assert _all_rows(db) == before
    assert report["parties"]["added"] == 0
    assert not any(item["added"] for item in report["instruments"].values())
    assert report["concordance"]["links_added"] == 0


def test_cli_reports_the_corpus(runner):
    result = runner.invoke(["load-corpus", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["instruments"]["budapest-ets185"]["provisions"] >= 50
    listing = json.loads(runner.invoke(["instruments", "--json"]).output)
    by_slug = {item["slug"]: item for item in listing}
    assert by_slug["budapest-ets185"]["counts"]["provisions"]["article"] == 48
    assert by_slug["china-elements-2021"]["counts"]["chapters"]["chapter"] == 7
    assert by_slug["russia-draft-2017"]["is_outline"] is True
