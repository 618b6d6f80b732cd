"""Pending proposals as AKN amendments: valid documents that come back attributed."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from tests.akn.conftest import NS, assert_schema_valid, assert_unique_eids, parse, structure_eids
from tests.imports.conftest import session_of, snapshot
from tests.scenario import build_rolling_text, table
from workbench.akn.operations import slug_akn
from workbench.instruments.queries import current_version, find_provision, get_instrument
from workbench.parties.operations import get_party
from workbench.proposals.decide import agree_proposal, change_status
from workbench.proposals.models import PENDING_STATUSES, Proposal
from workbench.proposals.sponsors import active_sponsorships, withdraw_cosponsor
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session


def _negotiation(db) -> dict[str, int]:
    """A rolling text with pending proposals of every kind, and some that are not pending."""
    text = build_rolling_text(db)
    wording = {
        label: current_version(db, find_provision(db, text, label)).text("en")
        for label in ("Article 1", "Article 4")
    }
    session = get_session(db, "AHC-2")
    made = {}
    made["amend"] = table(
        db,
        text,
        "Article 1",
        "CHN",
        wording["Article 1"].replace("Each Party", "Each State Party").replace("without right", ""),
        cosponsors=["RUS", "BRA"],
        rationale="Aligns with the UN usage.\nSee the Chair's note.",
        symbol="A/AC.291/L.5",
    ).id
    made["delete"] = table(db, text, "Article 2", "BRA", None, kind="delete").id
    made["new-paragraph"] = table(
        db,
        text,
        "Article 4",
        "USA",
        wording["Article 4"].replace("1. ", "1. Subject to paragraph 3, ", 1) + "\n3. A new rule.",
        session="AHC-2",
    ).id
    made["behalf"] = table_proposal(
        db,
        instrument=text,
        kind="amend",
        provision=find_provision(db, text, "Article 3"),
        texts={
            "zh": "各缔约国应将非法访问规定为犯罪。",
            "en": "States shall criminalize illegal access.",
        },
        session=session,
        sponsor=get_party(db, "ZAF"),
        on_behalf_of=get_party(db, "AFRICAN-GROUP"),
        cosponsors=[get_party(db, "EGY")],
    ).id
    made["insert-after"] = table_proposal(
        db,
        instrument=text,
        kind="insert",
        provision=find_provision(db, text, "Article 2"),
        texts={"en": "Each Party shall cooperate.", "zh": "各缔约国应开展合作。"},
        label="Article 2 bis",
        title_en="Cooperation",
        title_zh="合作",
        session=session,
        sponsor=get_party(db, "IND"),
    ).id
    chapter = next(c for c in text.chapters if c.label == "Chapter II")
    made["insert-start"] = table_proposal(
        db,
        instrument=text,
        kind="insert",
        chapter=chapter,
        texts={"en": "Cooperation shall be as wide as possible."},
        session=session,
        sponsor=get_party(db, "EU"),
    ).id
    # Not pending: withdrawn, and agreed (which gives Article 5 a second version); a
    # co-sponsor who withdrew is no sponsor any more.
    withdrawn = table(db, text, "Article 5", "JPN", "Withdrawn words.")
    change_status(db, withdrawn, "withdrawn", session=session)
    agreed = table(db, text, "Article 5", "MEX", "Agreed words for the 24/7 network.")
    agree_proposal(db, agreed, session=session)
    later = table(db, text, "Article 5", "ARG", "Newer words.", cosponsors=["CHL", "PER"])
    withdraw_cosponsor(db, later, get_party(db, "PER"), session=session)
    made["on-agreed-text"] = later.id
    db.commit()
    return made


def _signature(proposal: Proposal) -> tuple:
    revision = proposal.revision
    return (
        str(proposal.kind),
        proposal.provision_id,
        proposal.chapter_id,
        revision.base_version_id,
        {t.lang: t.text for t in revision.texts},
        revision.label,
        revision.title_en,
        revision.title_zh,
        [
            (s.party.code, str(s.role), s.on_behalf_of.code if s.on_behalf_of else None)
            for s in proposal.sponsorships
            if s.withdrawn_at is None
        ],
        proposal.session_id,
        proposal.tabled_on,
        proposal.rationale,
        proposal.symbol,
    )


def test_every_pending_proposal_comes_back_attributed_to_the_same_states(
    app, runner, tmp_path, backend
):
    with session_of(app) as db:
        made = _negotiation(db)
        text = get_instrument(db, "rolling-text")
        pending = db.scalars(
            select(Proposal.id).where(
                Proposal.instrument_id == text.id, Proposal.status.in_(PENDING_STATUSES)
            )
        )
        assert sorted(pending) == sorted(made.values())
        bill = parse(slug_akn(db, "rolling-text", "en"))
    folder = tmp_path / "amendments"
    result = runner.invoke(
        ["export", "rolling-text", "--format", "akn-amendments", "--out", f"{folder}/"]
    )
    assert result.exit_code == 0, result.output
    files = sorted(folder.glob("*.xml"))
    # One file per pending proposal and language it is worded in.
    assert len(files) == 9
    bill_eids = set(structure_eids(bill))
    for path in files:
        root = assert_schema_valid(path.read_bytes())
        assert_unique_eids(root)
        destination = root.find(".//a:textualMod/a:destination", NS).get("href")
        assert destination.split("~")[1] in bill_eids
        assert destination.startswith("/akn/un/bill/")
    amend = assert_schema_valid(
        (folder / f"rolling-text-proposal-{made['amend']}-en.xml").read_bytes()
    )
    assert [e.get("eId") for e in amend.iter("{*}TLCOrganization")][1:] == ["CHN", "RUS", "BRA"]
    assert amend.find(".//a:quotedStructure/a:article", NS).get("eId") == "chp_I__art_1"
    assert [e.text for e in amend.iter("{*}ins")] == ["State "]
    assert amend.find(".//a:lifecycle/a:eventRef", NS).get("refersTo") == "#session_AHC-1"
    behalf = assert_schema_valid(
        (folder / f"rolling-text-proposal-{made['behalf']}-zh.xml").read_bytes()
    )
    roles = [(p.get("refersTo"), p.get("as")) for p in behalf.iter("{*}docProponent")]
    assert roles == [
        ("#ZAF", "#mainSponsor"),
        ("#AFRICAN-GROUP", "#onBehalfOf"),
        ("#EGY", "#coSponsor"),
    ]

    with session_of(app) as db:
        before = db.scalar(select(func.max(Proposal.id)))
    result = runner.invoke(["import-proposals", str(folder)])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == len(made)
    with session_of(app) as db:
        imported = list(
            db.scalars(select(Proposal).where(Proposal.id > before).order_by(Proposal.id))
        )
        originals = [db.get(Proposal, made[key]) for key in sorted(made, key=made.get)]
        assert [_signature(p) for p in imported] == [_signature(p) for p in originals]
        assert all(p.status == "tabled" for p in imported)


def test_amendments_travel_with_the_text_to_another_workbench(app, runner, tmp_path, backend):
    """The bill and its amendments imported elsewhere: the proposals attach to the copy."""
    with session_of(app) as db:
        made = _negotiation(db)
    bill = tmp_path / "bill.xml"
    folder = tmp_path / "amendments"
    for args in (
        ["export", "rolling-text", "--format", "akn", "--out", str(bill)],
        ["export", "rolling-text", "--format", "akn-amendments", "--out", str(folder)],
        ["import", str(bill), "--slug", "exchanged"],
        ["import-proposals", str(folder), "--into", "exchanged"],
    ):
        result = runner.invoke(args)
        assert result.exit_code == 0, result.output
    with session_of(app) as db:
        exchanged = get_instrument(db, "exchanged")
        proposals = list(db.scalars(select(Proposal).where(Proposal.instrument_id == exchanged.id)))
        assert len(proposals) == len(made)
        amend = next(p for p in proposals if p.symbol == "A/AC.291/L.5")
        assert amend.provision.label == "Article 1"
        assert [s.party.code for s in active_sponsorships(amend)] == ["CHN", "RUS", "BRA"]
        # Its base is the copy's version whose wording the amendment quotes.
        assert amend.revision.base_version.provision.instrument_id == exchanged.id


def test_a_bad_file_among_the_amendments_writes_nothing(app, runner, tmp_path, backend):
    with session_of(app) as db:
        _negotiation(db)
    folder = tmp_path / "amendments"
    result = runner.invoke(
        ["export", "rolling-text", "--format", "akn-amendments", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    (folder / "zz-broken.xml").write_text("<akomaNtoso>not closed", encoding="utf-8")
    before = snapshot(app)
    result = runner.invoke(["import-proposals", str(folder)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: zz-broken.xml is not well-formed XML")
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("#CHN", "#XXX"), "not a known party"),
        (('~chp_I__art_1"', '~chp_I__art_99"'), "has no provision with the eId 'chp_I__art_99'"),
        (("session/AHC-1", "session/AHC-99"), "AHC-99"),
        (("Party shall adopt", "Party will adopt"), "not any version"),
    ],
)
def test_an_amendment_that_does_not_fit_the_text_is_refused(
    app, runner, tmp_path, backend, change, message
):
    with session_of(app) as db:
        made = _negotiation(db)
    folder = tmp_path / "amendments"
    runner.invoke(["export", "rolling-text", "--format", "akn-amendments", "--out", str(folder)])
    path = folder / f"rolling-text-proposal-{made['amend']}-en.xml"
    text = path.read_text(encoding="utf-8")
    old, new = change
    assert old in text
    if old == "#CHN":  # the party itself, not just the reference to it
        text = text.replace(
            'eId="CHN" href="/ontology/organization/CHN" showAs="China"',
            'eId="XXX" href="/ontology/organization/XXX" showAs="Atlantis"',
        )
    text = text.replace(old, new).replace('wb:baseVersion="1"', "")
    path.write_text(text, encoding="utf-8")
    before = snapshot(app)
    result = runner.invoke(["import-proposals", str(path)])
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert snapshot(app) == before


def test_a_source_text_has_no_amendments(runner, tmp_path, backend):
    result = runner.invoke(
        ["export", "budapest-ets185", "--format", "akn-amendments", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 1
    assert "budapest-ets185 is a source text" in result.output


def test_a_delegation_uploads_its_own_amendments_only(app, client, runner, tmp_path, backend):
    """Through the API, an amendment is tabled by the user, within the user's rights."""
    from workbench.users.operations import create_user, issue_token

    with session_of(app) as db:
        made = _negotiation(db)
        user = create_user(
            db, name="cn", role="delegate", party=get_party(db, "CHN"), password="long enough pw"
        )
        headers = {"Authorization": f"Bearer {issue_token(db, user)}"}
        db.commit()
    folder = tmp_path / "amendments"
    runner.invoke(["export", "rolling-text", "--format", "akn-amendments", "--out", str(folder)])

    def upload(key: str):
        path = folder / f"rolling-text-proposal-{made[key]}-en.xml"
        return client.post(
            "/api/instruments/rolling-text/tracked-changes",
            data={"file": (io.BytesIO(path.read_bytes()), path.name), "session": "AHC-3"},
            headers=headers,
            content_type="multipart/form-data",
        )

    before = snapshot(app)
    refused = upload("delete")  # Brazil's proposal
    assert refused.status_code == 403, refused.json
    assert snapshot(app) == before
    accepted = upload("amend")  # China's own
    assert accepted.status_code == 201, accepted.json
    with session_of(app) as db:
        proposal = db.get(Proposal, accepted.json["proposals"][0])
        assert proposal.session.code == "AHC-3"  # the session the upload names
        assert [s.party.code for s in active_sponsorships(proposal)] == ["CHN", "RUS", "BRA"]


def test_exports_do_not_mix_with_earlier_ones(app, runner, tmp_path, backend):
    with session_of(app) as db:
        _negotiation(db)
    folder = tmp_path / "amendments"
    args = ["export", "rolling-text", "--format", "akn-amendments", "--out", str(folder)]
    assert runner.invoke(args).exit_code == 0
    again = runner.invoke(args)
    assert again.exit_code == 1
    assert "already holds .xml files; write the amendments into an empty folder" in again.output


def test_proponents_without_roles_are_led_by_the_first(app, runner, tmp_path, backend):
    """Another system's amendment may name its proponents without saying who leads."""
    with session_of(app) as db:
        made = _negotiation(db)
    folder = tmp_path / "amendments"
    runner.invoke(["export", "rolling-text", "--format", "akn-amendments", "--out", str(folder)])
    path = folder / f"rolling-text-proposal-{made['amend']}-en.xml"
    text = path.read_text(encoding="utf-8")
    for role in ("mainSponsor", "coSponsor"):
        text = text.replace(f' as="#{role}"', "")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(["import-proposals", str(path), "--json"])
    assert result.exit_code == 0, result.output
    with session_of(app) as db:
        proposal = db.get(Proposal, json.loads(result.output)["proposals"][0])
        assert [s.party.code for s in active_sponsorships(proposal)] == ["CHN", "RUS", "BRA"]
