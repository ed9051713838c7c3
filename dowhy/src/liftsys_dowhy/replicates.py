"""The model-error replicates of an effect, propagated sparsely: only the (replicate, row) pairs that an error
touched are recomputed.

Model errors are local: a tree's step ambiguity touches the rows whose parent falls in one gap, an interpolation's
chord error the rows near a bend, a residual the rows near a misfit. Propagating every replicate of every row through
every mechanism (``MODEL_REPLICATES`` times the rows) cost a second on the 12-node bench graph; here each node is
recomputed only where a parent differs from the point estimate's value, and its error sources are evaluated on all
pairs at once (vectorised numpy: neighbour searches on the distinct points only).
"""

import zlib
from typing import Any, Callable, Dict, List, Sequence

import numpy as np

from liftsys_dowhy.numeric_scm import to_numbers
from liftsys_dowhy.uncertainty import MODEL_REPLICATES

MAX_ERROR_ROWS = 2000


def model_error_shifts(model: Any, order: Sequence[str], rows: np.ndarray, noise: Dict[str, np.ndarray],
                       sides: Sequence[Dict[str, Callable]], points: Sequence[Dict[str, np.ndarray]],
                       errors: Dict[str, List], targets: Sequence[str], seed: int) -> np.ndarray:
    """How much each model-error replicate moves the average effect on each target.

    :param order: The nodes the intervention reaches (the affected ones), in topological order.
    :param rows: The rows the effect averages over.
    :param noise: The noise draw of every non-root node, per row.
    :param sides: The reference and alternative interventions.
    :param points: The point estimate's node values under the reference and under the alternative.
    :param errors: The error sources of the nodes that have any.
    :param targets: The targets.
    :param seed: Seeds the error functions (the same on both sides).
    :return: (replicates x targets).
    """
    count = len(rows)
    chosen = np.arange(count)
    if count > MAX_ERROR_ROWS:
        chosen = np.sort(np.random.default_rng(seed).choice(count, size=MAX_ERROR_ROWS, replace=False))
    moved = []
    for interventions, point in zip(sides, points):
        values = _side(model, order, noise, interventions, {k: v[chosen] for k, v in point.items()}, errors, seed,
                       chosen)
        moved.append(np.stack([values[t].mean(axis=1) - point[t][chosen].mean() if t in values
                               else np.zeros(MODEL_REPLICATES) for t in targets], axis=1))
    return moved[1] - moved[0]


def _side(model, order, noise, interventions, point, errors, seed, chosen) -> Dict[str, np.ndarray]:
    """One side's node values per replicate and row, as (replicates x rows) arrays for the nodes that differ from
    the point values anywhere, computed where they differ."""
    n = len(chosen)
    replicate = np.repeat(np.arange(MODEL_REPLICATES), n)
    values: Dict[str, np.ndarray] = {}
    dirty: Dict[str, np.ndarray] = {}
    for node in order:
        node_model = model.nodes[node]
        if node_model.is_root:
            continue  # an intervened root takes the same values in every replicate
        touched = np.zeros((MODEL_REPLICATES, n), dtype=bool)
        for parent in node_model.parents:
            if parent in dirty:
                touched |= dirty[parent]
        current = np.broadcast_to(point[node], (MODEL_REPLICATES, n)).copy()
        if touched.any():
            r, i = np.nonzero(touched)
            parents = np.column_stack([_at(values, point, p, r, i) for p in node_model.parents])
            value = node_model.mechanism.evaluate(parents, noise[node][chosen][i]).reshape(-1)
            value = to_numbers(node_model.labels, value) if node_model.labels else value.astype(np.float64)
            current[r, i] = value
        if node in errors:
            parents = np.column_stack([_all(values, point, p, n) for p in node_model.parents])
            base = zlib.crc32(node.encode()) ^ seed
            error = sum(e.draw(parents, replicate, base + k, MODEL_REPLICATES) for k, e in enumerate(errors[node]))
            error = np.asarray(error, dtype=np.float64).reshape(MODEL_REPLICATES, n)
            if node_model.labels:  # a perturbed class stays within the node's values (a probability for booleans)
                bounds = (min(node_model.labels.values()), max(node_model.labels.values()))
                error = np.clip(current + error, *bounds) - current
            touched |= error != 0.0
            current += error
        if node in interventions and touched.any():
            r, i = np.nonzero(touched)
            current[r, i] = interventions[node](current[r, i])
            touched &= current != point[node][None, :]
        if touched.any():
            values[node], dirty[node] = current, touched
    return values


def _at(values, point, node, r, i) -> np.ndarray:
    return values[node][r, i] if node in values else point[node][i]


def _all(values, point, node, n) -> np.ndarray:
    return (values[node] if node in values else np.broadcast_to(point[node], (MODEL_REPLICATES, n))).reshape(-1)
