"""A bracketed consolidated text, as the chair edited it, comes back as attributed proposals.

The documents here are written with python-docx in the format of the brackets export
(workbench.export.brackets): spans "[current] / [option] (sponsors)", "[delete]", a whole
provision proposed for deletion in one more pair of brackets. Every fault is reported with
its provision and paragraph, and nothing is written until the file is clean (or --skip-bad).
"""

from __future__ import annotations

import json

import pytest

from tests.imports.bracket_documents import write_bracketed
from tests.imports.conftest import session_of, snapshot
from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import current_version, find_provision, get_instrument
from workbench.proposals.models import Proposal
from workbench.proposals.sponsors import sponsor_codes

A1 = (
    "Each Party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law, when committed intentionally, "
    "the access to the whole or any part of a computer system without right."
)


@pytest.fixture
def text(app):
    """The rolling text, with Article 1 cut to one sentence (so documents stay short)."""
    with session_of(app) as db:
        instrument = build_rolling_text(db)
        db.commit()
        return instrument.slug


def _current(app, slug, label, lang="en"):
    with session_of(app) as db:
        provision = find_provision(db, get_instrument(db, slug), label)
        return current_version(db, provision).text(lang)


def _proposals(app, slug):
    """(provision, kind, wording, sponsor codes) of every proposal of the text."""
    with session_of(app) as db:
        from sqlalchemy import select

        instrument = get_instrument(db, slug)
        found = db.scalars(select(Proposal).where(Proposal.instrument_id == instrument.id))
        return sorted(
            (
                p.provision.label,
                str(p.kind),
                p.revision.text("en") or p.revision.text("zh") or "",
                tuple(sponsor_codes(p)),
            )
            for p in found
        )


def _document(tmp_path, app, slug, edits: dict[str, str], name="chair.docx", lang="en"):
    """The whole text as the brackets export lays it out, with ``edits`` (label → wording
    with options) in place of the current wording."""
    from workbench.instruments.queries import ChapterNode, instrument_tree, walk_tree

    items = []
    with session_of(app) as db:
        for node in walk_tree(instrument_tree(db, get_instrument(db, slug))):
            if isinstance(node, ChapterNode):
                chapter = node.chapter
                items.append(("chapter", f"{chapter.label} — {chapter.title(lang)}"))
                continue
            provision = node.provision
            wording = edits.get(provision.label, node.version.text(lang) or "")
            heading = f"{provision.label} {provision.title(lang)}".strip()
            items.append(("provision", heading, wording.split("\n")))
    return write_bracketed(tmp_path / name, items)


def test_groups_of_sponsors_become_proposals(app, runner, text, tmp_path, backend):
    article1 = _current(app, text, "Article 1")
    edited = article1.replace(
        "Each Party shall",
        "Each [Party] / [State Party] (China, Russian Federation) / [Member State] (Brazil) shall",
        1,
    ).replace(
        "a computer system without right",
        "[a computer system] / [an information and communications technology system] "
        "(China, Russian Federation) / [delete] (Brazil) without right",
        1,
    )
    path = _document(tmp_path, app, text, {"Article 1": edited})
    result = runner.invoke(
        ["import-proposals", str(path), "--into", text, "--session", "AHC-2", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["proposals"]) == 2 and data["issues"] == []
    assert {c["change"] for c in data["changes"]} == {"new"}
    china = article1.replace("Each Party", "Each State Party", 1).replace(
        "a computer system without right",
        "an information and communications technology system without right",
        1,
    )
    brazil = article1.replace("Each Party", "Each Member State", 1).replace(
        "part of a computer system without right", "part of without right", 1
    )
    assert _proposals(app, text) == sorted(
        [
            ("Article 1", "amend", china, ("CHN", "RUS")),
            ("Article 1", "amend", brazil, ("BRA",)),
        ]
    )
    # The same file again: everything is already a proposal, nothing is added.
    before = snapshot(app)
    again = runner.invoke(
        ["import-proposals", str(path), "--into", text, "--session", "AHC-2", "--json"]
    )
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["proposals"] == []
    assert sorted(json.loads(again.stdout)["duplicates"]) == sorted(data["proposals"])
    assert snapshot(app) == before


def _import(runner, path, text, *extra):
    return runner.invoke(
        ["import-proposals", str(path), "--into", text, "--session", "AHC-2", "--json", *extra]
    )


def test_what_the_chair_changed_since_the_export(app, runner, text, tmp_path, backend):
    article1 = _current(app, text, "Article 1")
    with session_of(app) as db:
        instrument = get_instrument(db, text)
        china = table(
            db,
            instrument,
            "Article 1",
            "CHN",
            article1.replace("Each Party", "Each State Party", 1),
        )
        usa = table(
            db,
            instrument,
            "Article 1",
            "USA",
            article1.replace("a computer system", "a computer", 1),
        )
        japan = table(
            db, instrument, "Article 1", "JPN", article1.replace("without right", "unlawfully", 1)
        )
        db.commit()
        ids = {"CHN": china.id, "USA": usa.id, "JPN": japan.id}
    # China's option now also carries Russia; the United States' is reworded; Japan's is gone.
    edited = article1.replace(
        "Each Party", "Each [Party] / [State Party] (China, Russian Federation)", 1
    ).replace(
        "a computer system",
        "[a computer system] / [a computer device] (United States of America)",
        1,
    )
    result = _import(runner, _document(tmp_path, app, text, {"Article 1": edited}), text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    changes = {(c["change"], c["was"]) for c in data["changes"]}
    assert changes == {
        ("sponsors changed", ids["CHN"]),
        ("reworded", ids["USA"]),
        ("gone", ids["JPN"]),
    }
    assert len(data["proposals"]) == 2
    text_lines = "\n".join(data["lines"])
    assert f"proposal {ids['JPN']} is no longer in the document" in text_lines
    assert f"reworded since proposal {ids['USA']}" in text_lines
    new = [
        p
        for p in _proposals(app, text)
        if (p[3] in (("CHN", "RUS"), ("USA",)) and "device" in p[2]) or p[3] == ("CHN", "RUS")
    ]
    assert (
        "Article 1",
        "amend",
        article1.replace("a computer system", "a computer device", 1),
        ("USA",),
    ) in new


def test_deletion_of_a_whole_provision_and_chinese_names(app, runner, text, tmp_path, backend):
    article1 = _current(app, text, "Article 1")
    edited = f"[{article1}] / [delete] (Japan, Iran (Islamic Republic of))"
    a2 = _current(app, text, "Article 2")
    a2_edited = a2.replace("without right", "[without right] / [unlawfully]（中国、俄罗斯联邦）", 1)
    result = _import(
        runner, _document(tmp_path, app, text, {"Article 1": edited, "Article 2": a2_edited}), text
    )
    assert result.exit_code == 0, result.output
    assert _proposals(app, text) == sorted(
        [
            ("Article 1", "delete", "", ("JPN", "IRN")),
            ("Article 2", "amend", a2.replace("without right", "unlawfully", 1), ("CHN", "RUS")),
        ]
    )


A4_LINE = "a) the provision of technical advice;"
BAD = [
    # (the faulty line of Article 4 (its paragraph 2), the message's words)
    ("a) the provision of [technical / [legal] (China) advice;", "inside another option"),
    ("a) the provision of [technical] / [legal] (China advice;", "never closed"),
    ("a) the provision of technical] advice;", "closes no"),
    ("a) the provision of [technical] / [legal] (Atlantis) advice;", "'Atlantis' is not a party"),
    ("a) the provision of [technical] / [legal] () advice;", "names no sponsors"),
    ("a) the provision of [technical] / [legal] advice;", "Two options of one span"),
    (
        "a) the provision of [technical] / [legal] (China) / [expert] (China) advice;",
        "two options of one span",
    ),
]


@pytest.mark.parametrize("line, words", BAD, ids=[b[1] for b in BAD])
def test_bad_input_is_reported_with_its_place_and_nothing_is_written(
    app, runner, text, tmp_path, backend, line, words
):
    a4 = _current(app, text, "Article 4")
    a2 = _current(app, text, "Article 2")
    assert a4.split("\n")[1] == A4_LINE
    good = a2.replace("without right", "[without right] / [unlawfully] (Brazil)", 1)
    edits = {"Article 4": a4.replace(A4_LINE, line, 1), "Article 2": good}
    path = _document(tmp_path, app, text, edits)
    before = snapshot(app)
    result = _import(runner, path, text)
    assert result.exit_code == 1
    assert "Article 4, paragraph 2:" in result.output and words in result.output
    assert "nothing was imported" in result.output
    assert snapshot(app) == before
    # --skip-bad: the clean provision comes in, the faulty one is reported.
    skipped = _import(runner, path, text, "--skip-bad")
    assert skipped.exit_code == 0, skipped.output
    data = json.loads(skipped.stdout)
    assert ("Article 4", 2) in [(i["label"], i["paragraph"]) for i in data["issues"]]
    assert [p[0] for p in _proposals(app, text)] == ["Article 2"]


def test_an_option_outside_any_provision(app, runner, text, tmp_path, backend):
    a1 = _current(app, text, "Article 1")
    a1 = a1.replace("Each Party", "Each [Party] / [State Party] (China)", 1)
    path = write_bracketed(
        tmp_path / "outside.docx",
        [
            ("paragraph", "Prepared by the [Chair] / [Secretariat] (China)."),
            ("chapter", "Chapter I — Criminalization"),
            ("provision", "Article 1 Illegal access", [a1]),
            ("provision", "Article 99 Nothing", ["Each Party [may] / [shall] (Brazil) act."]),
        ],
    )
    before = snapshot(app)
    result = _import(runner, path, text)
    assert result.exit_code == 1
    # Before the first heading the reader sees a preamble, which the text does not have.
    assert "Preamble, paragraph 1:" in result.output
    assert (
        "Article 99, paragraph 1:" in result.output
        and "has no provision Article 99" in result.output
    )
    assert result.output.count("outside any provision") == 2
    assert snapshot(app) == before


def test_a_current_wording_the_chair_changed_is_reported(app, runner, text, tmp_path, backend):
    a1 = _current(app, text, "Article 1")
    edited = a1.replace("Each Party shall adopt", "Every Party shall [adopt] / [take] (China)", 1)
    before = snapshot(app)
    result = _import(runner, _document(tmp_path, app, text, {"Article 1": edited}), text)
    assert result.exit_code == 1
    assert (
        "Article 1, paragraph 1:" in result.output
        and "not the current text of Article 1" in result.output
    )
    assert snapshot(app) == before


def test_through_the_api_upload(app, client, text, tmp_path, backend):
    from workbench.parties.operations import get_party
    from workbench.users.operations import create_user, issue_token

    with session_of(app) as db:
        tokens = {
            name: issue_token(
                db,
                create_user(
                    db,
                    name=name,
                    role=role,
                    password="correct horse battery staple",
                    party=get_party(db, "CHN") if role == "delegate" else None,
                ),
            )
            for name, role in (("chair", "secretariat"), ("cn", "delegate"))
        }
        db.commit()
    a1 = _current(app, text, "Article 1")
    a4 = _current(app, text, "Article 4")
    edits = {
        "Article 1": a1.replace("Each Party", "Each [Party] / [State Party] (China)", 1),
        "Article 4": a4.replace("technical advice", "[technical] / [legal] (Utopia) advice", 1),
    }
    path = _document(tmp_path, app, text, edits)

    def upload(who, **form):
        return client.post(
            f"/api/instruments/{text}/tracked-changes",
            data={"session": "AHC-2", **form, "file": (path.open("rb"), "chair.docx")},
            headers={"Authorization": f"Bearer {tokens[who]}"},
        )

    before = snapshot(app)
    # A delegate may table its own tracked changes, not the chair's bracketed text.
    assert upload("cn").status_code == 403
    refused = upload("chair")
    assert refused.status_code == 400
    issues = refused.get_json()["details"]["issues"]
    assert issues == [
        {"label": "Article 4", "paragraph": 2, "message": "The sponsor 'Utopia' is not a party."}
    ]
    assert snapshot(app) == before
    done = upload("chair", skip_bad="true")
    assert done.status_code == 201, done.get_json()
    assert len(done.get_json()["proposals"]) == 1 and done.get_json()["issues"] == issues
    assert _proposals(app, text) == [
        ("Article 1", "amend", a1.replace("Each Party", "Each State Party", 1), ("CHN",))
    ]


def test_provisions_proposed_for_insertion(app, runner, text, tmp_path, backend):
    a2 = _current(app, text, "Article 2")
    inserted = (
        f"{a2}\n[Article 2 bis Misuse of devices]\n"
        "[Each Party shall criminalize the misuse of devices.] (Brazil, Argentina) / "
        "[Each Party may criminalize the misuse of devices.] (Mexico)"
    )
    result = _import(runner, _document(tmp_path, app, text, {"Article 2": inserted}), text)
    assert result.exit_code == 0, result.output
    lines = json.loads(result.stdout)["lines"]
    assert any(
        "insert Article 2 bis after Article 2 by Brazil, Argentina — new" in x for x in lines
    )
    assert _proposals(app, text) == [
        ("Article 2", "insert", "Each Party may criminalize the misuse of devices.", ("MEX",)),
        (
            "Article 2",
            "insert",
            "Each Party shall criminalize the misuse of devices.",
            ("BRA", "ARG"),
        ),
    ]
    with session_of(app) as db:
        from sqlalchemy import select

        labels = {(p.revision.label, p.revision.title_en) for p in db.scalars(select(Proposal))}
    assert labels == {("Article 2 bis", "Misuse of devices")}


def test_a_fault_in_a_proposed_provision_names_it(app, runner, text, tmp_path, backend):
    a2 = _current(app, text, "Article 2")
    inserted = f"{a2}\n[Article 2 bis Misuse of devices]\n[Each Party shall criminalize (Brazil)"
    before = snapshot(app)
    result = _import(runner, _document(tmp_path, app, text, {"Article 2": inserted}), text)
    assert result.exit_code == 1
    assert "Article 2 bis (proposed after Article 2), paragraph 3: A '[' is never closed." in (
        result.output
    )
    assert snapshot(app) == before
