"""The consolidated view page of a negotiating text, in English and Chinese."""

from __future__ import annotations

import html
import re

from tests.scenario import table
from workbench.instruments.queries import current_version, find_provision


def page_text(response) -> str:
    body = response.get_data(as_text=True)
    body = body[body.index('<div class="consolidated"') :]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)))


def test_english_page_shows_the_phrases_in_dispute_with_sponsors(client, four_states):
    response = client.get("/instruments/rolling-text/consolidated?text=en")
    assert response.status_code == 200
    text = page_text(response)
    assert text.count("Each Party shall designate a point of contact") == 1
    assert "[information and communications technology] (China, Russian Federation)" in text
    assert "[qualified] (Brazil)" in text
    assert "[delete] (United States of America)" in text
    assert "Pakistan" not in text
    assert "Article 4 24/7 Network open" in text
    # The instrument's page links to it.
    assert "/instruments/rolling-text/consolidated" in client.get(
        "/instruments/rolling-text"
    ).get_data(as_text=True)


def test_chinese_page_names_the_sponsors_in_chinese(db, client, four_states):
    text = four_states["text"]
    article3 = find_provision(db, text, "Article 3")
    zh = current_version(db, article3).text("zh")
    table(
        db,
        text,
        "Article 3",
        "CHN",
        zh.replace("各国", "各缔约国", 1),
        lang="zh",
        cosponsors=["RUS"],
    )
    table(db, text, "Article 2", "JPN", None, kind="delete")
    db.commit()
    response = client.get("/instruments/rolling-text/consolidated?text=zh")
    assert response.status_code == 200
    page = page_text(response)
    assert "要求[各国] / [各缔约国]（中国、俄罗斯联邦）应将" in page
    assert "第三条" in page
    # Article 2 has no Chinese text: Japan's deletion is named alone.
    assert "[] /" not in page and "]（日本）" in page
    assert "China" not in page
