"""The workbench's own tracked exports, edited by delegates in LibreOffice, come back.

For a negotiating text built from each shipped source with text (China's element proposal,
the Budapest Convention and its Protocol; the Russian draft is an outline without text),
the tracked export in English and in Chinese is opened in LibreOffice through UNO, where a
delegate named 王伟 and one named José Müller each change a word with change tracking on.
``import-proposals`` turns the file into one proposal per delegate on the provision each
changed, sponsored by the state the author is mapped to, whose wording differs from the
base by whole words; importing the same file again adds nothing.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

import pytest

from tests.imports.conftest import session_of, snapshot
from workbench.diff import diff_texts
from workbench.diff.tokens import tokenize
from workbench.export.operations import export_instrument
from workbench.instruments.negotiating import create_negotiating_text
from workbench.instruments.queries import current_version, get_instrument, ordered_provisions
from workbench.proposals.models import Proposal

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

SOURCES = ["china-elements-2021", "budapest-ets185", "budapest-protocol-ets189"]
DELEGATES = [("王伟", "CHN", "appropriate", "适当"), ("José Müller", "ESP", "relevant", "有关")]
_WORD = re.compile(r"[A-Za-z]{6,}")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def _edits(texts: list[tuple[str, str]], whole: str, lang: str) -> list[tuple[str, str, str]]:
    """(label, old word, window) for two provisions: a word whose surrounding window of
    text occurs once in the whole exported text, so that LibreOffice's search finds it."""
    found = []
    for label, text in texts:
        tokens = tokenize(text, lang)
        starts = list(accumulate((len(t) for t in tokens), initial=0))
        for index, token in enumerate(tokens):
            pattern = _HAN_WORD if lang == "zh" else _WORD
            if not pattern.fullmatch(token) or index < 2 or index + 2 >= len(tokens):
                continue
            window = text[starts[index - 2] : starts[index + 3]]
            if "\n" not in window and whole.count(window) == 1:
                found.append((label, token, window))
                break
        if len(found) == 2:
            return found
    raise AssertionError("no two editable provisions")


def _word_level(old: str, new: str, lang: str) -> list[tuple[str, str]]:
    """The diff's changes, checked to start and end on word boundaries of their texts."""
    ops = diff_texts(old, new, lang).ops
    bounds = {
        "old": set(accumulate((len(t) for t in tokenize(old, lang)), initial=0)),
        "new": set(accumulate((len(t) for t in tokenize(new, lang)), initial=0)),
    }
    position = {"old": 0, "new": 0}
    changes = []
    for op in ops:
        sides = {"equal": ("old", "new"), "delete": ("old",), "insert": ("new",)}[op.op]
        for side in sides:
            assert position[side] in bounds[side], (op, "starts inside a word")
            position[side] += len(op.text)
            assert position[side] in bounds[side], (op, "ends inside a word")
        if op.op != "equal":
            changes.append((op.op, op.text))
    return changes


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("source", SOURCES)
def test_a_tracked_export_edited_in_libreoffice_comes_back_as_proposals(
    app, runner, office, tmp_path, backend, source, lang
):
    slug = f"rolling-{source}"
    with session_of(app) as db:
        text = create_negotiating_text(
            db,
            slug=slug,
            title_en="Rolling text",
            title_zh="滚动案文",
            source=get_instrument(db, source),
        )
        db.commit()
        exported = export_instrument(
            db, slug, mode="tracked", languages=[lang], out=tmp_path / "text.docx"
        )
        nodes = ordered_provisions(db, get_instrument(db, slug))
        shown = lang if lang == "zh" and get_instrument(db, source).language == "zh" else "en"
        texts = [
            (n.provision.label, n.version.text(shown))
            for n in nodes
            if n.version and n.version.text(shown)
        ]
        titles = [n.provision.title_en or "" for n in nodes] + [
            n.provision.title_zh or "" for n in nodes
        ]
        text_id = text.id
    whole = "\n".join([value for _, value in texts] + titles)
    edits = _edits(texts[2:], whole, shown)
    marked = exported
    for number, ((_label, old, window), (author, _code, en, zh)) in enumerate(
        zip(edits, DELEGATES, strict=True)
    ):
        new = zh if shown == "zh" else en
        target = tmp_path / f"marked-{number}.docx"
        office.edit(
            marked, target, author, [{"find": window, "replace": window.replace(old, new, 1)}]
        )
        marked = target
    args = ["import-proposals", str(marked), "--into", slug, "--session", "AHC-4", "--json"]
    for author, code, _en, _zh in DELEGATES:
        args += ["--author", f"{author}={code}"]
    result = runner.invoke(args)
    assert result.exit_code == 0, result.output
    created = json.loads(result.stdout)["proposals"]
    assert len(created) == 2
    with session_of(app) as db:
        proposals = [db.get(Proposal, number) for number in created]
        for proposal, (label, old, _window), (author, code, en, zh) in zip(
            proposals, edits, DELEGATES, strict=True
        ):
            new = zh if shown == "zh" else en
            assert proposal.provision.label == label
            assert [s.party.code for s in proposal.sponsorships] == [code]
            assert author in proposal.rationale
            base = current_version(db, proposal.provision)
            assert proposal.revision.base_version_id == base.id
            wording = base.text(shown)
            assert proposal.revision.text(shown) == wording.replace(old, new, 1)
            changes = _word_level(wording, proposal.revision.text(shown), shown)
            deleted = "".join(t for op, t in changes if op == "delete")
            inserted = "".join(t for op, t in changes if op == "insert")
            assert old in deleted and new in inserted
            assert len(deleted) <= len(old) + 4 and len(inserted) <= len(new) + 4
        assert {p.instrument_id for p in proposals} == {text_id}
    before = snapshot(app)
    again = runner.invoke(args)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["proposals"] == []
    assert sorted(json.loads(again.stdout)["duplicates"]) == sorted(created)
    assert snapshot(app) == before


# Every kind of label the workbench holds, as its own exports write them.
LABELS = [
    ("三.（三）1", "Offences against ICT facilities, systems and data"),
    ("一（二）", "International cooperation"),
    ("第三十四条", None),
    ("Article 2 bis", "Misuse of devices"),
    ("Article 46", None),
    ("3 alt", "Alternative wording"),
]


def _labels_text(db, slug: str):
    """A negotiating text with a provision under every kind of label in LABELS."""
    china = ordered_provisions(db, get_instrument(db, "china-elements-2021"))
    picks = [
        {
            "provision_id": node.provision.id,
            "label": label,
            "title_en": title,
            "title_zh": title and node.provision.title_zh,
        }
        for node, (label, title) in zip(china[3:], LABELS, strict=False)
    ]
    return create_negotiating_text(
        db,
        slug=slug,
        title_en="Labels",
        picks=[{"label": "（三）", "title_en": "Criminalization", "provisions": picks}],
    )


def _mark_every_provision(source, target, edits, lang, author="China"):
    """Each (label, old, new): a tracked replacement in the first run after the heading
    whose first line is the label as ``lang`` writes it (the title stands on the next
    line), as Word or LibreOffice would record it."""
    import docx

    from tests.texts.builders import plain_run, tracked_run
    from workbench.texts.labels import structural_label

    document = docx.Document(source)
    paragraphs = document.paragraphs
    for number, (label, old, new) in enumerate(edits, 1):
        start = next(
            i
            for i, p in enumerate(paragraphs)
            if p.style.name.startswith("Heading")
            and p.text.split("\n")[0].strip() == structural_label(label, lang)
        )
        run = next(r for p in paragraphs[start + 1 :] for r in p.runs if old in r.text)._r
        before, after = run.xpath("string(.)").split(old, 1)
        for element in (
            plain_run(before),
            tracked_run("del", old, author, "2026-11-20T09:00:00Z", 2 * number),
            tracked_run("ins", new, author, "2026-11-20T09:00:00Z", 2 * number + 1),
            plain_run(after),
        ):
            run.addprevious(element)
        run.getparent().remove(run)
    document.save(target)
    return target


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_label_comes_back_from_the_workbench_s_own_export(
    app, runner, tmp_path, backend, lang
):
    from workbench.instruments.queries import find_provision

    with session_of(app) as db:
        _labels_text(db, "labels")
        db.commit()
        exported = export_instrument(
            db, "labels", mode="tracked", languages=[lang], out=tmp_path / "x.docx"
        )
        edits = []
        for label, _title in LABELS:
            wording = current_version(
                db, find_provision(db, get_instrument(db, "labels"), label)
            ).text(lang)
            old = re.findall(_HAN_WORD if lang == "zh" else _WORD, wording)[0][
                : 2 if lang == "zh" else None
            ]
            edits.append((label, old, "XY" if lang == "en" else "某某"))
    unchanged = runner.invoke(
        ["import-proposals", str(exported), "--into", "labels", "--session", "AHC-4", "--json"]
    )
    assert unchanged.exit_code == 0, unchanged.output
    assert json.loads(unchanged.stdout)["proposals"] == []
    marked = _mark_every_provision(exported, tmp_path / "marked.docx", edits, lang)
    result = runner.invoke(
        ["import-proposals", str(marked), "--into", "labels", "--session", "AHC-4", "--json"]
    )
    assert result.exit_code == 0, result.output
    with session_of(app) as db:
        proposals = [db.get(Proposal, n) for n in json.loads(result.stdout)["proposals"]]
        assert [p.provision.label for p in proposals] == [label for label, _ in LABELS]
        for proposal, (_label, old, new) in zip(proposals, edits, strict=True):
            wording = current_version(db, proposal.provision).text(lang)
            assert proposal.revision.text(lang) == wording.replace(old, new, 1)
            assert [s.party.code for s in proposal.sponsorships] == ["CHN"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_label_comes_back_from_the_brackets_export(app, runner, tmp_path, backend, lang):
    from workbench.instruments.queries import find_provision
    from workbench.parties.operations import get_party
    from workbench.proposals.table import table_proposal
    from workbench.sessions.operations import get_session

    with session_of(app) as db:
        text = _labels_text(db, "labels")
        _labels_text(db, "twin")
        wordings = []
        for label, _title in LABELS:
            provision = find_provision(db, text, label)
            wording = current_version(db, provision).text(lang)
            old = re.findall(_HAN_WORD if lang == "zh" else _WORD, wording)[0]
            wordings.append(wording.replace(old, "XY" if lang == "en" else "某某", 1))
            table_proposal(
                db,
                instrument=text,
                kind="amend",
                provision=provision,
                texts={lang: wordings[-1]},
                session=get_session(db, "AHC-4"),
                sponsor=get_party(db, "CHN"),
            )
        db.commit()
        exported = export_instrument(
            db, "labels", mode="brackets", languages=[lang], out=tmp_path / "b.docx"
        )
    result = runner.invoke(
        ["import-proposals", str(exported), "--into", "twin", "--session", "AHC-4", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["issues"] == []
    with session_of(app) as db:
        proposals = [db.get(Proposal, n) for n in json.loads(result.stdout)["proposals"]]
        assert [p.provision.label for p in proposals] == [label for label, _ in LABELS]
        assert {p.provision.instrument.slug for p in proposals} == {"twin"}
        assert [p.revision.text(lang) for p in proposals] == wordings
        assert [[s.party.code for s in p.sponsorships] for p in proposals] == [["CHN"]] * 6
