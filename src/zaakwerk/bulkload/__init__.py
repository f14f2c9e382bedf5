"""``zaakwerk bulkload``: fill the database with a realistic municipality (a catalogue of
published zaaktypen, up to millions of zaken with statussen, resultaten, rollen, zaakobjecten and
eigenschappen, and documents with content related to them) through the domain's bulk paths, so
every row is valid by the same rules as one written through the APIs.

- ``catalogue``: the zaaktypecatalogus, created idempotently through the Catalogi domain;
- ``generator``: deterministic (``--seed``) data of a municipality: dates spread over years, BSNs
  that pass the 11-proof, process-like status histories, documents of 1-4 KB;
- ``loader``: feeds the generated data to ``zaken.domain.bulk`` and ``documenten.domain.bulk`` in
  batches (each its own transaction), with progress and timings; memory stays flat (one batch is
  held at a time).
"""
