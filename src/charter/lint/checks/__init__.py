"""Python rules: checks that need the spec's structure (clauses, examples, definitions).

Each check is ``(ModuleContext, Rule) -> Iterable[Diagnostic]`` and is declared in a YAML
pack (``type: python``, ``check: module:function``), so its code, title, severity,
message and question live with every other rule's.
"""
