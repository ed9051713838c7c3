"""Fitting a ``dowhy.gcm`` structural causal model to the traced columns of one Java method.

A traced method is deterministic, so every non-root node is a function of its parents, very often a linear one or a
product of two parents. Fitting therefore tries cheap mechanisms first, per node (``mechanisms.py``): linear and
polynomial least squares, a regression tree, and for a single parent an interpolation through the traced points; the
first one that reproduces every held-out row is kept as ``<name>-exact``. Otherwise the best cheap one is kept if its
held-out R^2 is at least ``GOOD_ENOUGH``; only the rest go through ``gcm.auto.assign_causal_mechanisms`` with the
requested quality (``auto:<model>``), and the better of the two on held-out rows is kept. Boolean and categorical
nodes get a classifier: a decision tree when it classifies every held-out row right (``tree-exact``), else
auto-assignment, except where auto-assignment cannot work (more than ``MAX_AUTO_CLASSES`` categories, or
scikit-learn failing on classes seen on one side of its split only): then the tree stays, and the model's notes say
so. Roots keep their observed values (``root:empirical``).

Every mechanism is fitted on 80% of its rows and judged on the other 20%: the R^2 reported is that of the mechanism
used, and a non-exact mechanism keeps its held-out parents and residuals, which is what the effect's interval knows of
its error. A node's rows are the kept rows where an experiment did not set it (``intervened``): its mechanism is not
fitted on rows where its value did not come from its parents, while its children do use those rows.
"""

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import networkx as nx
import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

from liftsys_dowhy import gcm_setup  # noqa: F401  (configures dowhy.gcm before use)
from dowhy import gcm
from dowhy.gcm.ml.classification import SklearnClassificationModel
from dowhy.gcm.util.general import set_random_seed

from liftsys_dowhy.mechanisms import (
    EXACT_R2, GOOD_ENOUGH, auto_name, cheap_regressors, classification_r2, is_exact, predicted_classes, regression_r2,
)
from liftsys_dowhy.protocol import MIN_ROWS, FitSpec, Node

logger = logging.getLogger("liftsys_dowhy")

HOLD_OUT = 0.2
FOLDS = 5
MAX_AUTO_CLASSES = 50


class AutoAssignmentFailed(ValueError):
    """DoWhy cannot auto-assign with the requested quality (BEST without AutoGluon): the request's fault."""


@dataclass
class NodeModel:
    """How one node is produced: its parents (ordered), its gcm mechanism and how labels map back to numbers.

    ``rows``, ``train`` and ``test`` index the kept rows the mechanism was fitted and judged on. For a non-exact
    mechanism, ``held_x`` and ``held_residuals`` are the held-out parents and the errors made on them (in the node's
    numeric values). ``ranges`` holds each parent's smallest and largest value in ``rows``.
    """

    node: Node
    parents: Tuple[str, ...]
    mechanism: Any
    name: str
    r2: float
    labels: Dict[Any, float]
    exact: bool = False
    rows: Optional[np.ndarray] = None
    train: Optional[np.ndarray] = None
    test: Optional[np.ndarray] = None
    held_x: Optional[np.ndarray] = None
    held_residuals: Optional[np.ndarray] = None
    ranges: Optional[np.ndarray] = None
    note: Optional[str] = None

    @property
    def is_root(self) -> bool:
        return not self.parents

    @property
    def polynomial(self) -> bool:
        """Whether the mechanism is a formula that holds beyond the traced values (linear, polynomial, ratio)."""
        return self.name.startswith(("linear", "poly", "ratio"))


@dataclass
class FittedModel:
    """A fitted model kept by the sidecar: the gcm SCM, per-node models in topological order, and the data.

    ``population`` indexes the rows effects average over: the kept rows where no root was set by an experiment.
    ``memo`` holds what queries work out once per model (collinearity checks, neighbour searches).
    """

    key: str
    spec: FitSpec
    graph: nx.DiGraph
    scm: Any
    order: Tuple[str, ...]
    nodes: Dict[str, NodeModel]
    fit_millis: int
    population: np.ndarray = None
    notes: List[str] = field(default_factory=list)
    memo: Dict[Any, Any] = field(default_factory=dict)

    def result(self, cached: bool) -> Dict[str, Any]:
        """The ``fit`` response for this model.

        :param cached: Whether the model was already kept before this request.
        :return: The JSON-ready response body.
        """
        spec = self.spec
        result = {
            "model": self.key,
            "r2": {n: float(m.r2) for n, m in self.nodes.items() if not m.is_root},
            "mechanism": {n: m.name for n, m in self.nodes.items()},
            "exact": {n: m.exact for n, m in self.nodes.items() if not m.is_root},
            "fitMillis": self.fit_millis,
            "cached": cached,
            "rows": spec.rows,
            "received": spec.received,
            "dropped": {"rows": spec.dropped, "byNode": dict(spec.dropped_by_node)},
            "notes": list(self.notes),
        }
        if spec.intervened:
            result["intervened"] = {n: int(m.sum()) for n, m in spec.intervened.items()}
        if spec.planned is not None or spec.completed is not None:
            result["runs"] = {"planned": spec.planned, "kept": spec.completed, "fitted": int(spec.observational.sum())}
        return result


def fit_model(spec: FitSpec) -> FittedModel:
    """Fits one mechanism per node of the graph, cheap exact ones first, DoWhy's auto-assignment where needed.

    :param spec: The checked fit request.
    :return: The fitted model, ready for effect queries.
    :raises ValueError: When DoWhy cannot fit a node with the requested quality (e.g. BEST without AutoGluon).
    """
    started = time.perf_counter()
    set_random_seed(spec.seed)
    graph = nx.DiGraph()
    graph.add_nodes_from(n.id for n in spec.nodes)
    graph.add_edges_from(spec.edges)
    order = tuple(nx.lexicographical_topological_sort(graph))
    scm = gcm.StructuralCausalModel(graph)
    natural = np.ones(spec.rows, dtype=bool)
    for root in (n for n in order if graph.in_degree(n) == 0 and n in spec.intervened):
        natural &= ~spec.intervened[root]
    population = np.flatnonzero(natural) if natural.any() else np.arange(spec.rows)
    nodes = {}
    for node_id in order:
        node = spec.node(node_id)
        parents = tuple(sorted(graph.predecessors(node_id)))
        rows = np.flatnonzero(~spec.intervened[node_id]) if node_id in spec.intervened else np.arange(spec.rows)
        if parents and len(rows) < MIN_ROWS:
            raise ValueError("node %r was set by an experiment in all but %d rows; at least %d rows where it comes "
                             "from its inputs are needed to fit it" % (node_id, len(rows), MIN_ROWS))
        if parents:
            model = _fit_non_root(node, parents, spec, rows)
        else:
            model = _fit_root(node, spec, population)
        scm.set_causal_mechanism(node_id, model.mechanism)
        nodes[node_id] = model
    notes = _notes(spec, nodes)
    millis = int(round((time.perf_counter() - started) * 1000))
    return FittedModel(key=spec.key, spec=spec, graph=graph, scm=scm, order=order, nodes=nodes, fit_millis=millis,
                       population=population, notes=notes)


def encode_target(node: Node, column: np.ndarray) -> Tuple[np.ndarray, Dict[Any, float]]:
    """The representation gcm's classifiers need for a boolean or categorical column, and its way back to numbers.

    :param node: The node whose column it is.
    :param column: The numeric column.
    :return: Labels (booleans, or strings for categorical values) and the map from label to number.
    """
    if node.type == "boolean":
        return column.astype(bool), {False: 0.0, True: 1.0}
    labels = {float(v): repr(float(v)) for v in np.unique(column)}
    encoded = np.array([labels[float(v)] for v in column], dtype=object)
    return encoded, {label: value for value, label in labels.items()}


def _fit_root(node: Node, spec: FitSpec, population: np.ndarray) -> NodeModel:
    mechanism = gcm.EmpiricalDistribution()
    mechanism.fit(spec.columns[node.id][population])
    return NodeModel(node=node, parents=(), mechanism=mechanism, name="root:empirical", r2=float("nan"), labels={},
                     exact=True, rows=population)


def _fit_non_root(node: Node, parents: Tuple[str, ...], spec: FitSpec, rows: np.ndarray) -> NodeModel:
    train, test = _split(rows, spec.seed)
    x = np.column_stack([spec.columns[p] for p in parents])
    y = spec.columns[node.id]
    ranges = np.column_stack([x[rows].min(axis=0), x[rows].max(axis=0)])
    if node.type == "continuous":
        model = _fit_regression(node, parents, x, y, train, test, spec)
    else:
        model = _fit_classification(node, parents, x, y, train, test, spec)
    model.rows, model.train, model.test, model.ranges = rows, train, test, ranges
    if model.exact:
        model.held_residuals = None
    elif model.name.startswith("auto:"):
        model.held_x = x[test]  # refitting an auto-assigned model five times costs too much
    else:
        model.held_x, model.held_residuals = x[rows], _out_of_fold(model, x, y, rows, spec.seed)
    return model


def _fit_regression(node: Node, parents, x, y, train, test, spec: FitSpec) -> NodeModel:
    best = None
    for name, mechanism in cheap_regressors(len(parents), spec.seed, x[np.concatenate([train, test])]):
        mechanism.fit(x[train], y[train])
        residuals = y[test] - mechanism.prediction_model.predict(x[test]).reshape(-1)
        r2 = regression_r2(y[test] - residuals, y[test])
        if r2 >= EXACT_R2 and is_exact(residuals, y[np.concatenate([train, test])]):
            return NodeModel(node, parents, mechanism, name + "-exact", r2, {}, exact=True)
        if best is None or r2 > best.r2:
            best = NodeModel(node, parents, mechanism, name, r2, {}, held_residuals=residuals)
    if best.r2 >= GOOD_ENOUGH:
        return best
    mechanism = _auto_mechanism(node, parents, x[train], y[train], spec.quality)
    mechanism.fit(x[train], y[train])
    residuals = y[test] - mechanism.prediction_model.predict(x[test]).reshape(-1)
    r2 = regression_r2(y[test] - residuals, y[test])
    if r2 >= best.r2:
        return NodeModel(node, parents, mechanism, auto_name(mechanism), r2, {}, held_residuals=residuals)
    return best


def _fit_classification(node: Node, parents, x, y, train, test, spec: FitSpec) -> NodeModel:
    labels, back = encode_target(node, y)
    tree = gcm.ClassifierFCM(SklearnClassificationModel(DecisionTreeClassifier(random_state=spec.seed)))
    tree.fit(x[train], labels[train])
    kept = _judge_classifier(node, parents, tree, "tree", x, y, labels, back, test)
    classes = len(np.unique(labels[train].astype(str)))
    if kept.exact or classes < 2:
        return kept
    if classes > MAX_AUTO_CLASSES:
        kept.note = ("`%s` takes %d distinct values: it is modelled by a decision tree on its inputs, without "
                     "auto-assignment" % (node.id, classes))
        return kept
    try:
        mechanism = _auto_mechanism(node, parents, x[train], labels[train], spec.quality)
        mechanism.fit(x[train], labels[train])
    except AutoAssignmentFailed:
        raise
    except ValueError as error:  # scikit-learn on classes seen on one side of its split only, and the like
        logger.info("auto-assignment failed for %s, keeping the decision tree: %s", node.id, error)
        kept.note = ("`%s` has values too rare for DoWhy's automatic model choice (%d distinct values in %d runs); a "
                     "decision tree models it instead" % (node.id, classes, len(train) + len(test)))
        return kept
    auto = _judge_classifier(node, parents, mechanism, auto_name(mechanism), x, y, labels, back, test)
    return auto if auto.r2 > kept.r2 else kept  # on a tie the tree: traced code is deterministic


def _judge_classifier(node, parents, mechanism, name, x, y, labels, back, test) -> NodeModel:
    predicted, sure = predicted_classes(mechanism, x[test])
    r2 = classification_r2(predicted, labels[test])
    exact = bool(len(test) and np.all(predicted.astype(object) == labels[test].astype(object)) and np.all(sure))
    model = NodeModel(node, parents, mechanism, name + ("-exact" if exact else ""), r2, back, exact=exact)
    if not exact:
        model.held_residuals = y[test] - _expected(model, mechanism, x[test])
    return model


def _out_of_fold(model: NodeModel, x: np.ndarray, y: np.ndarray, rows: np.ndarray, seed: int) -> np.ndarray:
    """The mechanism's error on each of its rows when refitted without that row's fold (five folds)."""
    folds = np.random.default_rng(seed + 1).permutation(len(rows)) % FOLDS
    residuals = np.zeros(len(rows))
    labels = encode_target(model.node, y)[0] if model.labels else y
    for fold in range(FOLDS):
        inside, outside = rows[folds != fold], rows[folds == fold]
        if len(outside) == 0 or len(inside) < 2:
            continue
        clone = model.mechanism.clone()
        clone.fit(x[inside], labels[inside])
        residuals[folds == fold] = y[outside] - _expected(model, clone, x[outside])
    return residuals


def _expected(model: NodeModel, mechanism: Any, x: np.ndarray) -> np.ndarray:
    """The mechanism's mean prediction as the node's numbers (for classifiers, the probability-weighted value)."""
    if not model.labels:
        return mechanism.prediction_model.predict(x).reshape(-1)
    probabilities = mechanism.estimate_probabilities(x)
    values = np.array([model.labels[c] for c in mechanism.classifier_model.classes], dtype=np.float64)
    return probabilities @ values


def _auto_mechanism(node: Node, parents: Tuple[str, ...], x: np.ndarray, y: np.ndarray, quality: str) -> Any:
    """Runs DoWhy's auto-assignment on the star graph parents -> node, which is exactly its per-node selection."""
    star = nx.DiGraph([(p, node.id) for p in parents])
    frame = pd.DataFrame({p: x[:, i] for i, p in enumerate(parents)})
    frame[node.id] = y
    scm = gcm.StructuralCausalModel(star)
    try:
        gcm.auto.assign_causal_mechanisms(scm, frame, quality=getattr(gcm.auto.AssignmentQuality, quality))
    except (RuntimeError, ImportError) as error:
        raise AutoAssignmentFailed("node %r: auto-assignment with quality %s failed: %s" % (node.id, quality, error)) from error
    return scm.causal_mechanism(node.id)


def _notes(spec: FitSpec, nodes: Dict[str, NodeModel]) -> List[str]:
    notes = [m.note for m in nodes.values() if m.note]
    if spec.dropped:
        notes.append("%d of %d runs were left out because they recorded NaN or an infinity (%s)." % (
            spec.dropped, spec.received, ", ".join("`%s` %d" % kv for kv in sorted(spec.dropped_by_node.items()))))
    for node_id, rows in sorted(spec.intervened.items()):
        notes.append("`%s` was set independently of its inputs in %d experiment runs; its own mechanism is fitted "
                     "on the other runs." % (node_id, int(rows.sum())))
    return notes


def _split(rows: np.ndarray, seed: int) -> Tuple[np.ndarray, np.ndarray]:
    permutation = np.random.default_rng(seed).permutation(len(rows))
    held_out = max(1, int(round(len(rows) * HOLD_OUT)))
    return np.sort(rows[permutation[held_out:]]), np.sort(rows[permutation[:held_out]])
