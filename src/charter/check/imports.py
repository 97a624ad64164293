"""Import checks: missing files (C010), cycles (C011), paths outside the root (C012), and
imported files that exist but could not be loaded (C013).

Each finding sits on the ``imports`` entry in the importing module's front matter. A
cycle is reported once, on the edge leaving the cycle's first module (by path), with the
whole cycle printed and every other edge as a related location. Problems with imports
never stop the other checks: the symbol table simply has no edge to a missing module.
"""

from __future__ import annotations

from collections import deque

from charter.check import codes
from charter.check.diag import make, related
from charter.check.symbols import ImportEdge, SymbolTable
from charter.diagnostics import Diagnostic
from charter.spec.model import Span


def check_imports(table: SymbolTable) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for edges in table.edges.values():
        for edge in edges:
            if edge.problem is not None:
                found.append(_edge_problem(table, edge))
    found.extend(_cycles(table))
    return found


def _edge_problem(table: SymbolTable, edge: ImportEdge) -> Diagnostic:
    span = table.sources.import_span(edge.importer, edge.spec)
    who = f"module '{edge.importer.id}' imports '{edge.spec}'"
    if edge.problem == "outside":
        root = table.project.root
        message = f"{who}, which resolves to {edge.target}, outside the project root '{root}'"
        return make(codes.C012, message + "; it is not loaded", span)
    if edge.problem == "unloaded":
        message = f"{who}, which exists but could not be read as a module"
        target = Span(table.loader_path(edge.target), 1, 1, 1, 1)
        other = related("the imported file; its P-code diagnostic says why", target)
        return make(codes.C013, message, span, others=[other])
    return make(codes.C010, f"{who}, but there is no such file ({edge.target})", span)


def _graph(table: SymbolTable) -> dict[str, list[ImportEdge]]:
    """Loaded import edges by importer path (self-imports included: a cycle of one)."""
    return {path: [e for e in edges if e.module is not None] for path, edges in table.edges.items()}


def _cycles(table: SymbolTable) -> list[Diagnostic]:
    graph = _graph(table)
    found: list[Diagnostic] = []
    for component in strongly_connected(graph):
        start = min(component)
        if len(component) == 1 and not any(
            e.module and e.module.path == start for e in graph.get(start, ())
        ):
            continue
        cycle = _shortest_cycle(graph, start, component)
        if cycle:
            found.append(_cycle_diagnostic(table, cycle))
    return found


def _shortest_cycle(
    graph: dict[str, list[ImportEdge]], start: str, component: set[str]
) -> list[ImportEdge]:
    """Edges of a shortest cycle through ``start`` inside its component (BFS)."""
    parent: dict[str, ImportEdge] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for edge in graph.get(current, ()):
            nxt = edge.module.path if edge.module else None
            if nxt is None or nxt not in component:
                continue
            if nxt == start:
                return _unwind(parent, edge, start)
            if nxt not in parent:
                parent[nxt] = edge
                queue.append(nxt)
    return []


def _unwind(parent: dict[str, ImportEdge], last: ImportEdge, start: str) -> list[ImportEdge]:
    edges = [last]
    current = last.importer.path
    while current != start:
        edge = parent[current]
        edges.append(edge)
        current = edge.importer.path
    return edges[::-1]


def _cycle_diagnostic(table: SymbolTable, cycle: list[ImportEdge]) -> Diagnostic:
    names = [cycle[0].importer.path] + [e.module.path for e in cycle if e.module is not None]
    text = " → ".join(names)
    first, rest = cycle[0], cycle[1:]
    others = [
        related(
            f"'{e.importer.path}' imports '{e.spec}' here",
            table.sources.import_span(e.importer, e.spec),
        )
        for e in rest
    ]
    span = table.sources.import_span(first.importer, first.spec)
    return make(codes.C011, f"import cycle: {text}", span, others=others)


def strongly_connected(graph: dict[str, list[ImportEdge]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (deep import chains must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            succ = [e.module.path for e in graph.get(node, ()) if e.module is not None]
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                out.append(_pop_component(node, stack, on_stack))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def _pop_component(node: str, stack: list[str], on_stack: set[str]) -> set[str]:
    """Tarjan's last step: everything on the stack down to ``node`` is one component."""
    component: set[str] = set()
    while True:
        member = stack.pop()
        on_stack.discard(member)
        component.add(member)
        if member == node:
            return component
