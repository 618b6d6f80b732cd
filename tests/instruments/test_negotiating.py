"""A negotiating text copies its sources' structure and links each provision to its source."""

from __future__ import annotations

from workbench.instruments.negotiating import create_negotiating_text
from workbench.instruments.queries import (
    current_version,
    get_instrument,
    ordered_provisions,
)


def test_negotiating_text_copies_structure_and_links_sources(db, text):
    nodes = ordered_provisions(db, text)
    assert [n.provision.label for n in nodes] == [f"Article {i}" for i in range(1, 6)]
    article1 = nodes[0].provision
    assert article1.source_provision.instrument.slug == "budapest-ets185"
    assert article1.source_provision.label == "Article 2"
    version = current_version(db, article1)
    assert (
        version.origin == "copy"
        and version.copied_from.provision_id == article1.source_provision_id
    )
    assert version.text("en").startswith("Each Party shall adopt")
    # China's element keeps its Chinese and its (unofficial) English translation.
    article3 = nodes[2].provision
    assert set(current_version(db, article3).languages) == {"en", "zh"}


def test_negotiating_text_from_a_whole_source(db):
    china = get_instrument(db, "china-elements-2021")
    copy = create_negotiating_text(
        db, slug="china-based", title_zh="基于中方要素的案文", source=china
    )
    db.flush()
    source_labels = [n.provision.label for n in ordered_provisions(db, china)]
    copy_nodes = ordered_provisions(db, copy)
    assert [n.provision.label for n in copy_nodes] == source_labels
    assert all(n.provision.source_provision_id for n in copy_nodes)
