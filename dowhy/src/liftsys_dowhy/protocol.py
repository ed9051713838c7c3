"""Validation of the sidecar's request parameters into plain, checked values.

Everything a client sends is checked here, before any fitting: a bad request must end as a ``ValueError`` with a
message that names the offending node, column or field, so that the server can answer ``bad-request`` and keep
serving. Nothing in this module imports DoWhy, so it stays cheap to test.
"""

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple

import networkx as nx
import numpy as np

from liftsys_dowhy.wire import column_number

NODE_KINDS = ("parameter", "local", "field", "return")
NODE_TYPES = ("continuous", "boolean", "categorical")
EDGE_KINDS = ("data", "control")
QUALITIES = ("GOOD", "BETTER", "BEST")
MIN_ROWS = 5
MAX_SAMPLES = 1_000_000
DEFAULT_SAMPLES = 1000
DEFAULT_LEVEL = 0.95
DEFAULT_MIN_QUALITY = 0.7
DEFAULT_DRIVER_BOOTSTRAP = 10
MAX_DRIVER_BOOTSTRAP = 200


@dataclass(frozen=True)
class Node:
    """One variable of a traced method: its id, what it is in Java, and how its values are modelled."""

    id: str
    kind: str
    type: str


@dataclass(frozen=True)
class FitSpec:
    """A checked ``fit`` request: an acyclic graph, one finite numeric column per node, quality and seed.

    ``columns`` hold only the rows kept: a row with a non-finite value in any column is dropped, and counted in
    ``dropped`` (rows) and ``dropped_by_node`` (values per column); ``kept_rows`` are the indices, among the rows
    received, of the rows kept. ``intervened`` marks, per node, the kept rows where an experiment set that node
    independently of its parents (its mechanism is not fitted on them). ``planned`` and ``completed`` are the run
    counts the client reported, if it did.
    """

    nodes: Tuple[Node, ...]
    edges: Tuple[Tuple[str, str], ...]
    columns: Dict[str, np.ndarray]
    quality: str
    seed: int
    key: str
    received: int = 0
    dropped: int = 0
    dropped_by_node: Dict[str, int] = field(default_factory=dict)
    kept_rows: Optional[np.ndarray] = None
    intervened: Dict[str, np.ndarray] = field(default_factory=dict)
    planned: Optional[int] = None
    completed: Optional[int] = None

    @property
    def rows(self) -> int:
        return len(next(iter(self.columns.values())))

    @property
    def observational(self) -> np.ndarray:
        """:return: A mask of the kept rows where no node was set by an experiment."""
        mask = np.ones(self.rows, dtype=bool)
        for rows in self.intervened.values():
            mask &= ~rows
        return mask

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
    min_quality: float = DEFAULT_MIN_QUALITY

    @property
    def intervened(self) -> Tuple[str, ...]:
        return tuple(self.shift) + tuple(self.setting)


@dataclass(frozen=True)
class DriversSpec:
    """A checked ``drivers`` request: which node's value to explain, and the bootstrap for the intervals."""

    model: str
    target: str
    level: float
    seed: int
    bootstrap: int
    samples: int


@dataclass(frozen=True)
class CounterfactualSpec:
    """A checked ``counterfactual`` request: one recorded run (by ``row`` or given as ``run``) and what to change.

    ``setting`` maps a node to the value it takes instead; ``shift`` to the amount added to its recorded value.
    """

    model: str
    row: Optional[int]
    run: Optional[Dict[str, float]]
    shift: Dict[str, float]
    setting: Dict[str, float]
    targets: Optional[Tuple[str, ...]]

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
    received = len(next(iter(columns.values())))
    intervened = _parse_intervened(params.get("intervened"), nodes, received)
    planned, completed = _parse_runs(params.get("runs"))
    quality = params.get("quality", "GOOD")
    if quality not in QUALITIES:
        raise ValueError("quality must be one of %s, got %r" % (", ".join(QUALITIES), quality))
    seed = _require_int(params.get("seed", 0), "seed", minimum=0)
    finite = np.ones(received, dtype=bool)
    dropped_by_node = {}
    for node_id, column in columns.items():
        bad = ~np.isfinite(column)
        if bad.any():
            dropped_by_node[node_id] = int(bad.sum())
            finite &= ~bad
    kept_rows = np.flatnonzero(finite)
    if len(kept_rows) < MIN_ROWS:
        raise ValueError(
            "data has %d rows with finite values in every column (%d dropped for NaN or infinities: %s); at least "
            "%d are needed" % (len(kept_rows), received - len(kept_rows), _counts(dropped_by_node), MIN_ROWS)
        )
    columns = {n: c[kept_rows] for n, c in columns.items()}
    intervened = {n: m[kept_rows] for n, m in intervened.items() if m[kept_rows].any()}
    key = _model_key(nodes, edges, columns, quality, seed, intervened, (planned, completed))
    return FitSpec(
        nodes=nodes, edges=edges, columns=columns, quality=quality, seed=seed, key=key, received=received,
        dropped=received - len(kept_rows), dropped_by_node=dropped_by_node, kept_rows=kept_rows,
        intervened=intervened, planned=planned, completed=completed,
    )


def parse_effect(params: Any) -> EffectSpec:
    """Checks the shape of an ``effect`` request; whether its nodes exist is checked against the model later.

    :param params: The decoded ``params`` object of the request.
    :return: The checked request.
    :raises ValueError: When the model key, intervention, targets, samples, level or seed are malformed.
    """
    params = _require_object(params, "params")
    model = _require_model(params)
    shift, setting = _parse_intervention(params.get("intervention"))
    targets = _parse_targets(params.get("targets"))
    samples = _require_int(params.get("samples", DEFAULT_SAMPLES), "samples", minimum=1, maximum=MAX_SAMPLES)
    level = _require_level(params.get("level", DEFAULT_LEVEL))
    seed = _require_int(params.get("seed", 0), "seed", minimum=0)
    min_quality = _require_number(params.get("minQuality", DEFAULT_MIN_QUALITY), "minQuality")
    if not 0.0 <= min_quality <= 1.0:
        raise ValueError("minQuality must be between 0 and 1, got %r" % (min_quality,))
    return EffectSpec(
        model=model, shift=shift, setting=setting, targets=targets, samples=samples, level=float(level), seed=seed,
        min_quality=min_quality,
    )


def parse_drivers(params: Any) -> DriversSpec:
    """Checks the shape of a ``drivers`` request; whether the target exists is checked against the model later.

    :param params: The decoded ``params`` object of the request.
    :return: The checked request.
    :raises ValueError: When the model key, target, level, seed, bootstrap or samples are malformed.
    """
    params = _require_object(params, "params")
    model = _require_model(params)
    target = params.get("target")
    if not isinstance(target, str) or not target:
        raise ValueError("target must be a node id")
    return DriversSpec(
        model=model,
        target=target,
        level=_require_level(params.get("level", DEFAULT_LEVEL)),
        seed=_require_int(params.get("seed", 0), "seed", minimum=0),
        bootstrap=_require_int(params.get("bootstrap", DEFAULT_DRIVER_BOOTSTRAP), "bootstrap", minimum=1,
                               maximum=MAX_DRIVER_BOOTSTRAP),
        samples=_require_int(params.get("samples", DEFAULT_SAMPLES), "samples", minimum=10, maximum=MAX_SAMPLES),
    )


def parse_counterfactual(params: Any) -> CounterfactualSpec:
    """Checks the shape of a ``counterfactual`` request.

    :param params: The decoded ``params`` object: ``model``; exactly one of ``row`` (the index of a run among the
                   rows of the fit request, 0-based) or ``run`` (a recorded value for every node); ``intervention``
                   as ``{"set": {node: value}}`` or ``{"shift": {node: d}}``; optional ``targets``.
    :return: The checked request.
    :raises ValueError: When any of them is malformed.
    """
    params = _require_object(params, "params")
    model = _require_model(params)
    if ("row" in params) == ("run" in params):
        raise ValueError('a counterfactual needs exactly one of "row" (a run of the fit, by index) or "run" (values)')
    row = _require_int(params["row"], "row", minimum=0) if "row" in params else None
    run = None
    if "run" in params:
        raw = _require_object(params["run"], "run")
        run = {node: _require_number(v, "run.%s" % node) for node, v in raw.items()}
    kind, body = _intervention_body(params.get("intervention"))
    values = {node: _require_number(v, "intervention.%s.%s" % (kind, node)) for node, v in body.items()}
    return CounterfactualSpec(
        model=model, row=row, run=run, shift=values if kind == "shift" else {}, setting=values if kind == "set" else {},
        targets=_parse_targets(params.get("targets")),
    )


def _require_model(params: Mapping[str, Any]) -> str:
    model = params.get("model")
    if not isinstance(model, str) or not model:
        raise ValueError("model must be the non-empty key returned by fit")
    return model


def _require_level(level: Any) -> float:
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0.0 < level < 1.0:
        raise ValueError("level must be a number strictly between 0 and 1, got %r" % (level,))
    return float(level)


def _parse_targets(targets: Any) -> Optional[Tuple[str, ...]]:
    if targets is None:
        return None
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise ValueError("targets must be a list of node ids")
    return tuple(dict.fromkeys(targets)) or None


def _parse_intervened(raw: Any, nodes: Tuple[Node, ...], rows: int) -> Dict[str, np.ndarray]:
    """Per-row lists of the nodes an experiment set in that row, as one mask of rows per node."""
    if raw is None:
        return {}
    if not isinstance(raw, list) or len(raw) != rows:
        raise ValueError("intervened must be a list with one entry (a list of node ids) per row, %d in all" % rows)
    ids = {n.id for n in nodes}
    masks: Dict[str, np.ndarray] = {}
    for row, entry in enumerate(raw):
        if entry is None:
            continue
        if not isinstance(entry, list):
            raise ValueError("intervened[%d] must be a list of node ids" % row)
        for node in entry:
            if node not in ids:
                raise ValueError("intervened[%d] names node %r, which is not in the graph" % (row, node))
            masks.setdefault(node, np.zeros(rows, dtype=bool))[row] = True
    return masks


def _parse_runs(raw: Any) -> Tuple[Optional[int], Optional[int]]:
    if raw is None:
        return None, None
    runs = _require_object(raw, "runs")
    planned = _require_int(runs["planned"], "runs.planned", minimum=0) if runs.get("planned") is not None else None
    kept = _require_int(runs["kept"], "runs.kept", minimum=0) if runs.get("kept") is not None else None
    return planned, kept


def _counts(by_node: Mapping[str, int]) -> str:
    return ", ".join("%s %d" % (n, c) for n, c in sorted(by_node.items())) or "none"


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
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    number = column_number(value) if isinstance(value, (int, float)) else None
    if number is None or not math.isfinite(number):
        raise ValueError("%s must be a finite number, got %r" % (what, value))
    return number


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
            number = column_number(value)
            if number is None:
                raise ValueError("data column %r has a non-numeric value %r at row %d" % (node.id, value, row))
            column[row] = number
        if length is not None and len(column) != length:
            raise ValueError("data column %r has %d rows, others have %d" % (node.id, len(column), length))
        length = len(column)
        _check_column_domain(node, column)
        columns[node.id] = column
    if length < MIN_ROWS:
        raise ValueError("data has %d rows; at least %d are needed to fit and hold out rows" % (length, MIN_ROWS))
    return columns


def _check_column_domain(node: Node, column: np.ndarray) -> None:
    finite = column[np.isfinite(column)]
    if node.type == "boolean" and not np.all((finite == 0.0) | (finite == 1.0)):
        raise ValueError("boolean column %r must hold only true/false (or 0/1)" % node.id)


def _intervention_body(raw: Any) -> Tuple[str, Mapping[str, Any]]:
    """:return: ``shift`` or ``set``, and what it maps nodes to."""
    intervention = _require_object(raw, "intervention")
    kinds = [k for k in ("shift", "set") if k in intervention]
    if len(kinds) != 1 or len(intervention) != 1:
        raise ValueError('intervention must have exactly one of "shift" or "set"')
    body = _require_object(intervention[kinds[0]], "intervention." + kinds[0])
    if not body:
        raise ValueError("intervention.%s must name at least one node" % kinds[0])
    return kinds[0], body


def _parse_intervention(raw: Any) -> Tuple[Dict[str, float], Dict[str, Tuple[float, float]]]:
    kind, body = _intervention_body(raw)
    if kind == "shift":
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
    nodes: Tuple[Node, ...], edges: Tuple[Tuple[str, str], ...], columns: Dict[str, np.ndarray], quality: str,
    seed: int, intervened: Dict[str, np.ndarray], runs: Tuple[Optional[int], Optional[int]],
) -> str:
    digest = hashlib.sha256()
    canonical_graph = {
        "nodes": sorted([n.id, n.kind, n.type] for n in nodes),
        "edges": [list(e) for e in edges],
        "quality": quality,
        "seed": seed,
        "rows": len(next(iter(columns.values()))),
    }
    if intervened or runs != (None, None):  # absent from keys of requests without them, so those keys stay stable
        canonical_graph["intervened"] = {n: np.flatnonzero(m).tolist() for n, m in sorted(intervened.items())}
        canonical_graph["runs"] = list(runs)
    digest.update(json.dumps(canonical_graph, sort_keys=True, separators=(",", ":")).encode())
    for node_id in sorted(columns):
        digest.update(b"\0" + node_id.encode() + b"\0")
        digest.update(np.ascontiguousarray(columns[node_id], dtype="<f8").tobytes())
    return digest.hexdigest()[:32]
