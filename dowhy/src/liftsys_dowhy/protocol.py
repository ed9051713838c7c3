"""Validation of the sidecar's request parameters into plain, checked values.

Everything a client sends is checked here, before any fitting: a bad request must end as a ``ValueError`` with a
message that names the offending node, column or field, so that the server can answer ``bad-request`` and keep
serving. Nothing in this module imports DoWhy, so it stays cheap to test.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

import networkx as nx
import numpy as np

from liftsys_dowhy import wire

NODE_KINDS = ("parameter", "local", "field", "return")
NODE_TYPES = ("continuous", "boolean", "categorical")
EDGE_KINDS = ("data", "control")
QUALITIES = ("GOOD", "BETTER", "BEST")
MIN_ROWS = 5
MAX_CATEGORIES = 50
MAX_SAMPLES = 1_000_000
DEFAULT_SAMPLES = 1000
DEFAULT_LEVEL = 0.95


@dataclass(frozen=True)
class Node:
    """One variable of a traced method: its id, what it is in Java, and how its values are modelled."""

    id: str
    kind: str
    type: str


@dataclass(frozen=True)
class FitSpec:
    """A checked ``fit`` request: an acyclic graph, one finite numeric column per node, quality and seed."""

    nodes: Tuple[Node, ...]
    edges: Tuple[Tuple[str, str], ...]
    columns: Dict[str, np.ndarray]
    quality: str
    seed: int
    key: str

    @property
    def rows(self) -> int:
        return len(next(iter(self.columns.values())))

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


@dataclass(frozen=True)
class EffectSpec:
    """A checked ``effect`` request, before the model key is resolved.

    ``shift`` maps a node to the amount added to it; ``setting`` maps a node to (from, to) values. Exactly one of them
    is non-empty.
    """

    model: str
    shift: Dict[str, float]
    setting: Dict[str, Tuple[float, float]]
    targets: Optional[Tuple[str, ...]]
    samples: int
    level: float
    seed: int

    @property
    def intervened(self) -> Tuple[str, ...]:
        return tuple(self.shift) + tuple(self.setting)


def parse_fit(params: Any) -> FitSpec:
    """Checks the parameters of a ``fit`` request.

    :param params: The decoded ``params`` object of the request.
    :return: The checked request, with its model key (a hash of the canonical graph, data, quality and seed).
    :raises ValueError: When the graph is malformed or cyclic, a column is missing, empty, non-numeric or not finite,
                        the columns differ in length, or quality or seed are invalid.
    """
    params = _require_object(params, "params")
    graph = _require_object(params.get("graph"), "params.graph")
    nodes = _parse_nodes(graph.get("nodes"))
    edges = _parse_edges(graph.get("edges", []), {n.id for n in nodes})
    _require_acyclic(nodes, edges)
    columns = _parse_columns(params.get("data"), nodes)
    quality = params.get("quality", "GOOD")
    if quality not in QUALITIES:
        raise ValueError("quality must be one of %s, got %r" % (", ".join(QUALITIES), quality))
    seed = _require_int(params.get("seed", 0), "seed", minimum=0)
    key = _model_key(nodes, edges, columns, quality, seed)
    return FitSpec(nodes=nodes, edges=edges, columns=columns, quality=quality, seed=seed, key=key)


def parse_effect(params: Any) -> EffectSpec:
    """Checks the shape of an ``effect`` request; whether its nodes exist is checked against the model later.

    :param params: The decoded ``params`` object of the request.
    :return: The checked request.
    :raises ValueError: When the model key, intervention, targets, samples, level or seed are malformed.
    """
    params = _require_object(params, "params")
    model = params.get("model")
    if not isinstance(model, str) or not model:
        raise ValueError("model must be the non-empty key returned by fit")
    shift, setting = _parse_intervention(params.get("intervention"))
    targets = params.get("targets")
    if targets is not None:
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise ValueError("targets must be a list of node ids")
        targets = tuple(dict.fromkeys(targets))
        if not targets:
            targets = None
    samples = _require_int(params.get("samples", DEFAULT_SAMPLES), "samples", minimum=1, maximum=MAX_SAMPLES)
    level = wire.number(params.get("level", DEFAULT_LEVEL))
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0.0 < level < 1.0:
        raise ValueError("level must be a number strictly between 0 and 1, got %r" % (level,))
    seed = _require_int(params.get("seed", 0), "seed", minimum=0)
    return EffectSpec(
        model=model, shift=shift, setting=setting, targets=targets, samples=samples, level=float(level), seed=seed
    )


def _require_object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("%s must be a JSON object" % what)
    return value


def _require_int(value: Any, what: str, minimum: int, maximum: int = 2**63 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValueError("%s must be an integer, got %r" % (what, value))
    if not minimum <= value <= maximum:
        raise ValueError("%s must be between %d and %d, got %d" % (what, minimum, maximum, value))
    return value


def _require_number(value: Any, what: str) -> float:
    value = wire.number(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError("%s must be a finite number, got %r" % (what, value))
    return float(value)


def _parse_nodes(raw: Any) -> Tuple[Node, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("graph.nodes must be a non-empty list")
    nodes = []
    seen = set()
    for i, entry in enumerate(raw):
        entry = _require_object(entry, "graph.nodes[%d]" % i)
        node_id = entry.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise ValueError("graph.nodes[%d].id must be a non-empty string" % i)
        if node_id in seen:
            raise ValueError("node %r appears twice in graph.nodes" % node_id)
        seen.add(node_id)
        kind = entry.get("kind", "local")
        if kind not in NODE_KINDS:
            raise ValueError("node %r: kind must be one of %s, got %r" % (node_id, ", ".join(NODE_KINDS), kind))
        node_type = entry.get("type", "continuous")
        if node_type not in NODE_TYPES:
            raise ValueError(
                "node %r: type must be one of %s, got %r" % (node_id, ", ".join(NODE_TYPES), node_type)
            )
        nodes.append(Node(id=node_id, kind=kind, type=node_type))
    return tuple(nodes)


def _parse_edges(raw: Any, ids: set) -> Tuple[Tuple[str, str], ...]:
    if not isinstance(raw, list):
        raise ValueError("graph.edges must be a list")
    edges = []
    for i, entry in enumerate(raw):
        entry = _require_object(entry, "graph.edges[%d]" % i)
        source, target = entry.get("from"), entry.get("to")
        for end, value in (("from", source), ("to", target)):
            if value not in ids:
                raise ValueError("graph.edges[%d].%s names unknown node %r" % (i, end, value))
        kind = entry.get("kind", "data")
        if kind not in EDGE_KINDS:
            raise ValueError("graph.edges[%d].kind must be one of %s, got %r" % (i, ", ".join(EDGE_KINDS), kind))
        edges.append((source, target))
    return tuple(sorted(set(edges)))


def _require_acyclic(nodes: Tuple[Node, ...], edges: Tuple[Tuple[str, str], ...]) -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in nodes)
    graph.add_edges_from(edges)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    path = [edge[0] for edge in cycle] + [cycle[0][0]]
    raise ValueError("graph has a cycle: %s; the causal model needs an acyclic graph" % " -> ".join(path))


def _parse_columns(raw: Any, nodes: Tuple[Node, ...]) -> Dict[str, np.ndarray]:
    data = _require_object(raw, "params.data")
    ids = [n.id for n in nodes]
    missing = [i for i in ids if i not in data]
    if missing:
        raise ValueError("data has no column for node(s): %s" % ", ".join(missing))
    extra = sorted(k for k in data if k not in set(ids))
    if extra:
        raise ValueError("data has column(s) for no node of the graph: %s" % ", ".join(extra))
    columns = {}
    length = None
    for node in nodes:
        values = data[node.id]
        if not isinstance(values, list):
            raise ValueError("data column %r must be a list of numbers" % node.id)
        if not values:
            raise ValueError("data column %r is empty" % node.id)
        column = np.empty(len(values), dtype=np.float64)
        for row, value in enumerate(values):
            column[row] = _column_value(node, row, value)
        if length is not None and len(column) != length:
            raise ValueError("data column %r has %d rows, others have %d" % (node.id, len(column), length))
        length = len(column)
        _check_column_domain(node, column)
        columns[node.id] = column
    if length < MIN_ROWS:
        raise ValueError("data has %d rows; at least %d are needed to fit and hold out rows" % (length, MIN_ROWS))
    return columns


def _column_value(node: Node, row: int, value: Any) -> float:
    value = wire.number(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError("data column %r has a non-finite value (%r) at row %d" % (node.id, value, row))
        return float(value)
    raise ValueError("data column %r has a non-numeric value %r at row %d" % (node.id, value, row))


def _check_column_domain(node: Node, column: np.ndarray) -> None:
    if node.type == "boolean" and not np.all((column == 0.0) | (column == 1.0)):
        raise ValueError("boolean column %r must hold only true/false (or 0/1)" % node.id)
    if node.type == "categorical" and len(np.unique(column)) > MAX_CATEGORIES:
        raise ValueError(
            "categorical column %r has more than %d distinct values; declare it continuous" % (node.id, MAX_CATEGORIES)
        )


def _parse_intervention(raw: Any) -> Tuple[Dict[str, float], Dict[str, Tuple[float, float]]]:
    intervention = _require_object(raw, "intervention")
    kinds = [k for k in ("shift", "set") if k in intervention]
    if len(kinds) != 1 or len(intervention) != 1:
        raise ValueError('intervention must have exactly one of "shift" or "set"')
    body = _require_object(intervention[kinds[0]], "intervention." + kinds[0])
    if not body:
        raise ValueError("intervention.%s must name at least one node" % kinds[0])
    if kinds[0] == "shift":
        return {node: _require_number(d, "intervention.shift.%s" % node) for node, d in body.items()}, {}
    setting = {}
    for node, values in body.items():
        values = _require_object(values, "intervention.set.%s" % node)
        if "from" not in values or "to" not in values:
            raise ValueError('intervention.set.%s needs "from" and "to"' % node)
        setting[node] = (
            _require_number(values["from"], "intervention.set.%s.from" % node),
            _require_number(values["to"], "intervention.set.%s.to" % node),
        )
    return {}, setting


def _model_key(
    nodes: Tuple[Node, ...], edges: Tuple[Tuple[str, str], ...], columns: Dict[str, np.ndarray], quality: str, seed: int
) -> str:
    digest = hashlib.sha256()
    canonical_graph = {
        "nodes": sorted([n.id, n.kind, n.type] for n in nodes),
        "edges": [list(e) for e in edges],
        "quality": quality,
        "seed": seed,
        "rows": len(next(iter(columns.values()))),
    }
    digest.update(json.dumps(canonical_graph, sort_keys=True, separators=(",", ":")).encode())
    for node_id in sorted(columns):
        digest.update(b"\0" + node_id.encode() + b"\0")
        digest.update(np.ascontiguousarray(columns[node_id], dtype="<f8").tobytes())
    return digest.hexdigest()[:32]
