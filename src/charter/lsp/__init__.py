"""``charter lsp``: the language server of DESIGN §5b (the "integrated thought clarifier").

The package is split so that only :mod:`charter.lsp.server` touches pygls; everything
else computes plain values over a :class:`~charter.lsp.snapshot.Snapshot` (a loaded
project with the unsaved text of open documents laid over it) and converts them to
``lsprotocol`` types. pygls is an optional dependency (extra ``lsp``); nothing here is
imported by ``charter --help``.
"""

from __future__ import annotations
