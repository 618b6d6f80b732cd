"""The brackets export comes back: exported and imported into a twin text, it gives the same
(provision, wording, sponsors); edited by the chair in LibreOffice (through UNO, without
tracking), it gives what was exported plus the edit.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.imports.conftest import session_of
from tests.scenario import build_rolling_text, table
from workbench.export.operations import export_instrument
from workbench.instruments.queries import find_provision, get_instrument
from workbench.parties.operations import get_party
from workbench.proposals.models import Proposal
from workbench.proposals.sponsors import sponsor_codes
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session

# Proposals of the negotiation per language: (label, sponsor, co-sponsors, old, new); new None
# proposes to delete the provision.
PROPOSALS = {
    "en": [
        ("Article 1", "CHN", ("RUS",), "Each Party", "Each State Party"),
        (
            "Article 1",
            "CHN",
            ("RUS",),
            "a computer system without right",
            "an information and communications technology system without right",
        ),
        (
            "Article 1",
            "USA",
            (),
            "a computer system without right",
            "a computer system or device without right",
        ),
        ("Article 1", "BRA", (), "such legislative and other measures", "such measures"),
        ("Article 2", "JPN", (), None, None),
        ("Article 4", "IRN", ("ZAF",), "technical advice", "technical and legal advice"),
    ],
    "zh": [
        ("Article 3", "CHN", ("RUS",), "规定为犯罪", "规定为刑事犯罪"),
        ("Article 3", "USA", (), "非法访问计算机信息系统", "非法访问信息系统"),
        ("Article 5", "BRA", (), "快速交换犯罪线索", "交换犯罪线索"),
        ("Article 2", "JPN", (), None, None),
    ],
}


# Provisions proposed for insertion: (after, sponsor, co-sponsors, label, title, wording).
INSERTIONS = {
    "en": [
        (
            "Article 2",
            "BRA",
            ("ARG",),
            "Article 2 bis",
            "Misuse of devices",
            "Each Party shall criminalize the misuse of devices.",
        ),
        (
            "Article 2",
            "MEX",
            (),
            "Article 2 bis",
            "Misuse of devices",
            "Each Party may criminalize the misuse of devices.",
        ),
    ],
    "zh": [
        ("Article 5", "BRA", ("ARG",), "Article 5 bis", "联络机关", "各国应指定联络机关。"),
    ],
}


def _negotiation(app, lang: str) -> None:
    """The rolling text with the proposals of PROPOSALS[lang], and its twin without any."""
    with session_of(app) as db:
        text = build_rolling_text(db)
        build_rolling_text(db, slug="twin")
        merged: dict[tuple, list] = {}
        for label, sponsor, cosponsors, old, new in PROPOSALS[lang]:
            merged.setdefault((label, sponsor, cosponsors), []).append((old, new))
        for (label, sponsor, cosponsors), edits in merged.items():
            if edits[0][0] is None:
                table(db, text, label, sponsor, None, kind="delete", cosponsors=cosponsors)
                continue
            provision = find_provision(db, text, label)
            wording = provision.versions[-1].text(lang)
            for old, new in edits:
                assert wording.count(old) == 1, (label, old)
                wording = wording.replace(old, new)
            table(db, text, label, sponsor, wording, cosponsors=cosponsors, lang=lang)
        for after, sponsor, cosponsors, label, title, wording in INSERTIONS[lang]:
            table_proposal(
                db,
                instrument=text,
                kind="insert",
                provision=find_provision(db, text, after),
                texts={lang: wording},
                label=label,
                **{f"title_{lang}": title},
                session=get_session(db, "AHC-1"),
                sponsor=get_party(db, sponsor),
                cosponsors=[get_party(db, code) for code in cosponsors],
            )
        db.commit()


def proposal_set(app, slug: str, lang: str) -> set[tuple]:
    """(provision, kind, wording, sponsors, new label) of every proposal of a text."""
    with session_of(app) as db:
        instrument = get_instrument(db, slug)
        return {
            (
                p.provision.label,
                str(p.kind),
                p.revision.text(lang) or "",
                frozenset(sponsor_codes(p)),
                p.revision.label,
            )
            for p in db.scalars(select(Proposal).where(Proposal.instrument_id == instrument.id))
        }


def _export(app, tmp_path, lang: str, columns: str | None = None):
    languages = columns.split("+") if columns else [lang]
    with session_of(app) as db:
        return export_instrument(
            db,
            "rolling-text",
            mode="brackets",
            languages=languages,
            out=tmp_path / f"rolling-{'-'.join(languages)}.docx",
        )


def _import(runner, path, into: str):
    result = runner.invoke(
        ["import-proposals", str(path), "--into", into, "--session", "AHC-3", "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "lang, columns", [("en", None), ("zh", None), ("en", "en+zh"), ("zh", "en+zh")]
)
def test_export_then_import_into_a_twin_gives_the_same_proposals(
    app, runner, tmp_path, backend, lang, columns
):
    _negotiation(app, lang)
    exported = proposal_set(app, "rolling-text", lang)
    assert len(exported) == len({p[:3] for p in PROPOSALS[lang]}) + len(INSERTIONS[lang])
    # One language, or both side by side (the options stand in the proposals' language).
    path = _export(app, tmp_path, lang, columns)
    result = _import(runner, path, "twin")
    assert result["issues"] == []
    assert proposal_set(app, "twin", lang) == exported
    # Into the text it came from: nothing changed, nothing added.
    again = _import(runner, path, "rolling-text")
    assert again["proposals"] == [] and {c["change"] for c in again["changes"]} == {"unchanged"}


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_chair_edits_the_export_in_libreoffice(app, runner, office, tmp_path, backend):
    _negotiation(app, "en")
    exported = proposal_set(app, "rolling-text", "en")
    path = _export(app, tmp_path, "en")
    edited = office.edit(
        path,
        tmp_path / "chair.docx",
        "Chair",
        [
            # Brazil's option reworded; the United States' option deleted and the United
            # States added to China and the Russian Federation's options; Japan's deletion of
            # Article 2 deleted with the brackets around the article.
            {"find": "[delete] (Brazil)", "replace": "[legislative] (Brazil)"},
            {"find": " [or device] (United States of America)", "replace": ""},
            *[
                {
                    "find": "(China, Russian Federation)",
                    "replace": "(China, Russian Federation, United States of America)",
                }
            ]
            * 2,
            {"find": "] / [delete] (Japan)", "replace": ""},
            {
                "find": "[Each Party shall adopt such legislative",
                "replace": "Each Party shall adopt such legislative",
            },
        ],
        record=False,
    )
    result = _import(runner, edited, "twin")
    assert result["issues"] == []
    expected = set(exported)
    a1 = {p for p in exported if p[0] == "Article 1"}
    china = next(p for p in a1 if p[3] == {"CHN", "RUS"})
    usa = next(p for p in a1 if p[3] == {"USA"})
    brazil = next(p for p in a1 if p[3] == {"BRA"})
    japan = next(p for p in exported if p[3] == {"JPN"})
    expected -= {china, usa, brazil, japan}
    expected |= {
        (
            "Article 1",
            "amend",
            brazil[2].replace("such measures", "such legislative measures"),
            brazil[3],
            None,
        ),
        # The United States now stands behind China's options everywhere: one group.
        ("Article 1", "amend", china[2], frozenset({"CHN", "RUS", "USA"}), None),
    }
    assert proposal_set(app, "twin", "en") == expected
    # Into the text it was exported from: what the chair changed, proposal by proposal.
    with session_of(app) as db:
        ids = {
            frozenset(sponsor_codes(p)): p.id
            for p in db.scalars(
                select(Proposal).where(
                    Proposal.instrument_id == get_instrument(db, "rolling-text").id
                )
            )
        }
    back = _import(runner, edited, "rolling-text")
    changes = {(c["change"], c["was"], c["sponsors"]) for c in back["changes"]}
    assert changes == {
        (
            "sponsors changed",
            ids[frozenset({"CHN", "RUS"})],
            "China, Russian Federation, United States of America",
        ),
        ("reworded", ids[frozenset({"BRA"})], "Brazil"),
        ("gone", ids[frozenset({"USA"})], "United States of America"),
        ("gone", ids[frozenset({"JPN"})], "Japan"),
        ("unchanged", ids[frozenset({"IRN", "ZAF"})], "Iran (Islamic Republic of), South Africa"),
        ("unchanged", ids[frozenset({"BRA", "ARG"})], "Brazil, Argentina"),
        ("unchanged", ids[frozenset({"MEX"})], "Mexico"),
    }
    assert len(back["proposals"]) == 2
