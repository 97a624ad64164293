"""``charter serve``: the page where an author answers the spec's open questions (DESIGN §5b).

The page shows the spec as a document with every finding in place, a sidebar of open
questions (lint and check findings, flaky and uncertain test results), and turns each
answer into a span edit of the spec file, guarded by the file's hash and undoable.
Starlette, uvicorn and Jinja2 are an optional dependency (extra ``serve``); nothing here
is imported by ``charter --help``.
"""
