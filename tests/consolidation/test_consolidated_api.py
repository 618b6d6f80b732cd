"""GET /api/instruments/{slug}/consolidated on a real negotiation, on both databases."""

from __future__ import annotations

from tests.scenario import table
from workbench.instruments.queries import find_provision
from workbench.parties.operations import get_party
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session

from .conftest import NEW_PHRASE, OLD_PHRASE


def _choose(segments: list[dict], proposal_id: int | None) -> str:
    parts = []
    for segment in segments:
        if "text" in segment:
            parts.append(segment["text"])
            continue
        (option,) = [
            o
            for o in segment["options"]
            if (o["current"] if proposal_id is None else proposal_id in o["proposal_ids"])
        ]
        parts.append(option["text"])
    return "".join(parts)


def _article(client, lang: str = "en") -> dict:
    response = client.get(f"/api/instruments/rolling-text/consolidated?lang={lang}")
    assert response.status_code == 200, response.json
    (article,) = [p for p in response.json["provisions"] if p["label"] in ("Article 4", "第四条")]
    return article


def test_common_wording_once_identical_wordings_one_option_deletion_empty(client, four_states):
    article = _article(client)
    assert article["status"] == "open" and article["provision_id"] == four_states["article"].id
    ids = {code: p.id for code, p in four_states["proposals"].items()}
    groups = [s["options"] for s in article["segments"] if "options" in s]
    assert len(groups) == 3
    common = "".join(s["text"] for s in article["segments"] if "text" in s)
    # The common wording stands once: the long first paragraph is not repeated in options.
    assert common.count("Each Party shall designate a point of contact") == 1
    assert not any("designate a point of contact" in o["text"] for g in groups for o in g)
    ict = next(g for g in groups if any(NEW_PHRASE.split()[0] in o["text"] for o in g))
    current, proposed = ict
    assert current["current"] and OLD_PHRASE.split()[0] in current["text"]
    assert proposed["parties"] == ["CHN", "RUS"]  # Pakistan has not consented
    assert proposed["proposal_ids"] == [ids["CHN"], ids["RUS"]]
    assert len(proposed["text"].split()) < 8  # the phrase, not the article
    deletion = next(g for g in groups if any(o["text"] == "" and not o["current"] for o in g))
    (empty,) = [o for o in deletion if o["text"] == ""]
    assert empty["parties"] == ["USA"] and empty["proposal_ids"] == [ids["USA"]]
    assert next(o for o in deletion if o["current"])["text"].strip() == four_states["third"]
    brazil = next(g for g in groups if any("qualified" in o["text"] for o in g))
    assert [o["text"] for o in brazil if not o["current"]] == ["qualified "]
    assert [o["parties"] for o in brazil if not o["current"]] == [["BRA"]]
    # Choosing each proposal's options gives its text; the current ones, the current text.
    for code, proposal_id in ids.items():
        assert _choose(article["segments"], proposal_id) == four_states["texts"][code]
    assert _choose(article["segments"], None) == four_states["wording"]


def test_chinese_and_bad_language(client, four_states):
    article = _article(client, "zh")
    assert article["label"] == "第四条"
    response = client.get("/api/instruments/rolling-text/consolidated?lang=fr")
    assert response.status_code == 400 and response.json["field"] == "lang"
    assert client.get("/api/instruments/nothing/consolidated").status_code == 404


def insert_after(db, text, after: str, sponsor: str, words: str, label: str):
    """Table the insertion of a new provision after another."""
    return table_proposal(
        db,
        instrument=text,
        kind="insert",
        provision=find_provision(db, text, after),
        texts={"en": words},
        label=label,
        title_en="Cooperation",
        session=get_session(db, "AHC-1"),
        sponsor=get_party(db, sponsor),
    )


def test_deletion_and_insertion_of_whole_provisions(db, client, four_states):
    text = four_states["text"]
    delete = table(db, text, "Article 2", "JPN", None, kind="delete")
    insert = insert_after(
        db, text, "Article 2", "BRA", "Each Party shall cooperate.", "Article 2 bis"
    )
    same = insert_after(
        db, text, "Article 2", "ARG", "Each Party shall cooperate.", "Article 2 bis"
    )
    db.commit()
    provisions = client.get("/api/instruments/rolling-text/consolidated").json["provisions"]
    article2 = next(p for p in provisions if p["label"] == "Article 2")
    assert article2["deletion"] == {"parties": ["JPN"], "proposal_ids": [delete.id]}
    new = provisions[provisions.index(article2) + 1]
    assert new["inserted"] and new["label"] == "Article 2 bis" and new["provision_id"] is None
    ((current, option),) = [s["options"] for s in new["segments"]]
    assert current == {"text": "", "parties": [], "proposal_ids": [], "current": True}
    assert option["parties"] == ["BRA", "ARG"]
    assert option["proposal_ids"] == [insert.id, same.id]
