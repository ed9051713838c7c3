"""What an effect's interval knows of model error: the errors non-exact mechanisms make on rows they did not see,
near where the intervention evaluates them, and the steps trees cannot place between traced values.

Traced code is deterministic, so a mechanism's residual on a row it was not fitted on is exactly its error there,
not noise. Cheap mechanisms are refitted on five folds of their rows, so every row has such a residual (refitting is
milliseconds); auto-assigned ones only have their held-out rows (refitting one costs 100-200 ms).

Each model-error replicate draws one error function per mechanism on the way (``ErrorModel``): at a point, the
residual of one of the ``NEIGHBOURS`` nearest rows (in parents scaled by their spread), times a factor drawn
uniformly from [0, 2] (the error between rows can exceed the error at them). Which neighbour is a pseudo-random
function of the replicate and the point, so the same point gets the same error on both sides of the intervention
and nearby points are not forced to share one (which would cancel in a difference). A tree is exact at the values
it was fitted on, but a step between two traced values may lie anywhere between them (``n >= 8`` traced at 7 and 9
only): ``GapModel`` evaluates the tree, in each replicate, at the traced value just below or just above each parent
value that lies in such a gap.

The replicate adds those errors to the mechanism's output on both sides of the intervention and propagates them
downstream through the fitted mechanisms. A misfit near the intervention therefore widens the interval by about its
own size; an exact mechanism adds nothing, and an interval stays zero-width only when every mechanism on the way is
exact at the points the intervention uses.

Refitting mechanisms on resampled rows (the usual bootstrap) was the alternative: it measures how much a fit varies,
not how wrong it is (a gradient-boosted tree refitted 400 times misses ``x^4`` the same way every time), and costs a
second per auto-assigned node per replicate.
"""

from typing import Callable, Dict, List

import numpy as np
from sklearn.neighbors import NearestNeighbors

NEIGHBOURS = 5
MODEL_REPLICATES = 100
MAX_FACTOR = 2.0


class ErrorModel:
    """The out-of-sample errors of one non-exact mechanism, and random error functions drawn from them."""

    def __init__(self, x: np.ndarray, residuals: np.ndarray, spread: np.ndarray) -> None:
        """:param x: Parent values of rows the mechanism did not see (rows x parents).
        :param residuals: The mechanism's error on each. :param spread: A scale per parent, so that distances weigh
        parents alike."""
        self._spread = np.where(spread > 0, spread, 1.0)
        self._residuals = np.asarray(residuals, dtype=np.float64)
        self._k = min(NEIGHBOURS, len(self._residuals))
        self._search = NearestNeighbors(n_neighbors=self._k).fit(x / self._spread)

    def draw(self, parents: np.ndarray, replicate: np.ndarray, seed: int, replicates: int) -> np.ndarray:
        """Evaluates the replicates' error functions.

        :param parents: Parent values where the mechanism is evaluated (points x parents).
        :param replicate: The replicate each point belongs to.
        :param seed: Seeds the random choices (the same seed gives the same functions).
        :param replicates: How many replicates there are.
        :return: The error to add at each point.
        """
        rng = np.random.default_rng(seed)
        factors = rng.uniform(0.0, MAX_FACTOR, (replicates, len(self._residuals)))
        points = parents / self._spread
        if points.shape[1] == 1:  # much faster than a unique over rows
            unique, inverse = np.unique(points[:, 0], return_inverse=True)
            unique = unique[:, None]
        else:
            unique, inverse = np.unique(points, axis=0, return_inverse=True)
        near = self._search.kneighbors(unique, return_distance=False)[inverse.reshape(-1)]
        pick = np.minimum((point_hash(points, replicate, rng) * self._k).astype(int), self._k - 1)
        chosen = near[np.arange(len(near)), pick]
        return factors[replicate, chosen] * self._residuals[chosen]


class GapModel:
    """Where a tree's steps may lie between traced values: the tree evaluated at the neighbouring traced values.

    Only a gap that holds one of the tree's split thresholds on that parent can hide a step, so only points in such
    gaps are evaluated again (a handful near each step, not every point)."""

    def __init__(self, predict: Callable[[np.ndarray], np.ndarray], columns: List[np.ndarray],
                 thresholds: List[np.ndarray]) -> None:
        """:param predict: The tree's prediction, as numbers. :param columns: Each parent's training values.
        :param thresholds: Each parent's split thresholds in the tree."""
        self._predict = predict
        self._values = [np.unique(c) for c in columns]
        self._thresholds = [np.sort(t) for t in thresholds]

    def draw(self, parents: np.ndarray, replicate: np.ndarray, seed: int, replicates: int) -> np.ndarray:
        """:return: For each point, the tree at the snapped point minus the tree at the point (see ``ErrorModel``)."""
        rng = np.random.default_rng(seed)
        snapped = None
        moved = np.zeros(len(parents), dtype=bool)
        for j, values in enumerate(self._values):
            if len(values) < 2 or len(self._thresholds[j]) == 0:
                continue
            q = parents[:, j]
            above = np.clip(np.searchsorted(values, q), 1, len(values) - 1)
            lo, hi = values[above - 1], values[above]
            split = self._thresholds[j]
            ambiguous = (q > lo) & (q < hi) & (np.searchsorted(split, hi) > np.searchsorted(split, lo, side="right"))
            if not ambiguous.any():
                continue
            if snapped is None:
                snapped = np.array(parents, dtype=np.float64, copy=True)
            up = point_hash(parents[:, j : j + 1], replicate, rng) < 0.5
            snapped[ambiguous, j] = np.where(up, hi, lo)[ambiguous]
            moved |= ambiguous
        errors = np.zeros(len(parents))
        if moved.any():
            errors[moved] = self._predict(snapped[moved]) - self._predict(parents[moved])
        return errors


class CurvatureModel:
    """Where an interpolation's chord may miss the curve: between traced values x0 < q < x1 the function differs
    from the chord by (q - x0)(x1 - q)/2 times its second derivative somewhere in the gap. Each replicate takes
    that second derivative uniformly between 0 and twice the largest (and twice the smallest) second divided
    difference at the gap's ends; a step inside a gap shows as a huge one there."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        """:param x: The traced values of the single parent. :param y: The node's values at them."""
        values, inverse = np.unique(np.asarray(x, dtype=np.float64), return_inverse=True)
        means = np.bincount(inverse, weights=np.asarray(y, dtype=np.float64)) / np.bincount(inverse)
        self._x = values
        second = np.zeros(len(values))
        if len(values) >= 3:
            slopes = np.diff(means) / np.diff(values)
            second[1:-1] = 2.0 * np.diff(slopes) / (values[2:] - values[:-2])
            second[0], second[-1] = second[1], second[-2]
        self._second = second

    def draw(self, parents: np.ndarray, replicate: np.ndarray, seed: int, replicates: int) -> np.ndarray:
        """:return: The chord's possible error at each point (see ``ErrorModel``)."""
        rng = np.random.default_rng(seed)
        q = parents[:, 0]
        errors = np.zeros(len(q))
        if len(self._x) < 3:
            return errors
        above = np.clip(np.searchsorted(self._x, q), 1, len(self._x) - 1)
        lo, hi = self._x[above - 1], self._x[above]
        inside = (q > lo) & (q < hi)
        if not inside.any():
            return errors
        ends = np.stack([self._second[above - 1], self._second[above]], axis=1)
        smallest, largest = np.minimum(ends.min(axis=1), 0.0), np.maximum(ends.max(axis=1), 0.0)
        u = point_hash(parents, replicate, rng)
        curvature = MAX_FACTOR * (smallest + u * (largest - smallest))
        errors[inside] = (-(q - lo) * (hi - q) / 2.0 * curvature)[inside]
        return errors


def point_hash(points: np.ndarray, replicate: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A pseudo-random number in [0, 1) per point and replicate: equal points of a replicate get equal numbers, and
    points that differ even slightly get unrelated ones."""
    weights = rng.normal(0.0, 1.0, (int(replicate.max()) + 1, points.shape[1])) * 7919.0
    offsets = rng.random(int(replicate.max()) + 1)
    scaled = np.sign(points) * np.log1p(np.abs(points))  # bounded, so that huge values still hash apart
    return np.mod(np.sum(scaled * weights[replicate], axis=1) + offsets[replicate], 1.0)


def error_models(model, nodes) -> Dict[str, List]:
    """:param model: The kept model. :param nodes: Node ids whose mechanisms the effect goes through.
    :return: The error sources of each of them that has any (kept with the model)."""
    found = {}
    for node_id in nodes:
        key = ("error-models", node_id)
        if key not in model.memo:
            model.memo[key] = _sources(model, model.nodes[node_id])
        if model.memo[key]:
            found[node_id] = model.memo[key]
    return found


def _sources(model, node_model) -> List:
    if node_model.is_root:
        return []
    sources = []
    interpolated = node_model.name.startswith("interpolation")  # its chord error is known better than by neighbours
    if (not node_model.exact and not interpolated and node_model.held_residuals is not None
            and np.any(node_model.held_residuals)):
        columns = np.column_stack([model.spec.columns[p][node_model.train] for p in node_model.parents])
        sources.append(ErrorModel(node_model.held_x, node_model.held_residuals, columns.std(axis=0)))
    if node_model.name.startswith("tree"):
        columns = [model.spec.columns[p][node_model.train] for p in node_model.parents]
        sources.append(GapModel(lambda x, m=node_model: numeric_prediction(m, x), columns, _splits(node_model)))
    if interpolated:
        parent = model.spec.columns[node_model.parents[0]][node_model.train]
        sources.append(CurvatureModel(parent, model.spec.columns[node_model.node.id][node_model.train]))
    return sources


def numeric_prediction(node_model, x: np.ndarray) -> np.ndarray:
    """:return: The mechanism's prediction at ``x`` as the node's numbers (the most likely class for classifiers)."""
    mechanism = node_model.mechanism
    if node_model.labels:
        probabilities = mechanism.estimate_probabilities(x)
        values = np.array([node_model.labels[c] for c in mechanism.classifier_model.classes], dtype=np.float64)
        return values[np.argmax(probabilities, axis=1)]
    return mechanism.prediction_model.predict(x).reshape(-1).astype(np.float64)


def _splits(node_model) -> List[np.ndarray]:
    """Each parent's split thresholds in the node's decision tree."""
    mechanism = node_model.mechanism
    model = mechanism.classifier_model if node_model.labels else mechanism.prediction_model
    tree = model.sklearn_model.tree_
    return [tree.threshold[tree.feature == j] for j in range(len(node_model.parents))]
