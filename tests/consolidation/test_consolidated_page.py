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


def test_every_negotiation_status_is_named_as_the_progress_page_names_it(db, client, four_states):
    from flask_babel import refresh

    from workbench.instruments.queries import ordered_provisions
    from workbench.progress.operations import set_provision_status

    steps = {
        "under_negotiation": ["under_negotiation"],
        "informally_agreed": ["informally_agreed"],
        "agreed_ad_ref": ["agreed_ad_ref"],
        "reopened": ["agreed_ad_ref", "reopened"],
        "open": [],
    }
    nodes = ordered_provisions(db, four_states["text"])
    assert len(nodes) >= len(steps)
    expected = {}
    for node, (status, moves) in zip(nodes, steps.items(), strict=False):
        for move in moves:
            set_provision_status(db, node.provision, move)
        expected[node.provision.id] = status
    db.commit()
    names = {
        "en": {
            "open": "open",
            "under_negotiation": "under negotiation",
            "informally_agreed": "informally agreed",
            "agreed_ad_ref": "agreed ad referendum",
            "reopened": "reopened",
        },
        "zh": {
            "open": "未决",
            "under_negotiation": "谈判中",
            "informally_agreed": "非正式商定",
            "agreed_ad_ref": "已暂定商定，待核准",
            "reopened": "重新讨论",
        },
    }
    for ui in ("en", "zh"):
        # The db fixture's app context is the requests' too: Flask-Babel keeps its locale there.
        refresh()
        headers = {"Accept-Language": ui}
        body = client.get("/instruments/rolling-text/consolidated?text=en", headers=headers)
        shown = dict(
            re.findall(
                r'id="provision-(\d+)">.*?<span class="status [^"]*" data-status="[^"]+">([^<]+)<',
                body.get_data(as_text=True),
                flags=re.S,
            )
        )
        assert {int(k): v for k, v in shown.items() if int(k) in expected} == {
            pid: names[ui][status] for pid, status in expected.items()
        }
        # The same words as the progress page's badges.
        progress = client.get("/instruments/rolling-text/progress", headers=headers)
        for status in expected.values():
            assert names[ui][status] in progress.get_data(as_text=True)
