"""Whether the traced rows can tell an effect at all: collinear parents on the way from the intervention to a target.

An intervention moves some parents of a node on its way to the target (the intervened nodes and their descendants)
and leaves others where they were. If, in every row the node's mechanism was fitted on, a moved parent is a function
of the unmoved ones (``base = 2x + 1; out = 3 * base - 4; return out + x``: ``out`` is ``6x - 1``), the rows show
``return`` only along that line, and any split of the effect between ``out`` and ``x`` fits them equally well: the
fitted coefficients are arbitrary, and so is the effect. Parents that move together (both downstream of the
intervention) are harmless: the intervention moves them along the line the rows show.

"A function of" is judged within what the node's mechanism can represent: a linear mechanism cannot tell its parents
apart only when they are linearly related; polynomial ones when related by polynomials of their degree; ratio ones also by quotients; trees and
auto-assigned models by any function a tree reproduces. The test regresses the moved parent on the unmoved ones on
the node's own training rows and scores it on its held-out rows: R^2 of at least ``COLLINEAR`` means not
identifiable; of at least ``NEARLY_COLLINEAR`` on a node whose mechanism is not exact, an unreliable effect.

The cure is an experiment: rows where the subject is set independently of its inputs (``intervened`` in ``fit``).
"""

from dataclasses import dataclass
from typing import Any, List, Sequence, Set, Tuple

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from dowhy import gcm
from dowhy.gcm.ml.regression import SklearnRegressionModel

from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline

from liftsys_dowhy.mechanisms import (
    MAX_RATIO_PARENTS, POLY_DEGREES, RatioFeatures, has_no_zero, polynomial, regression_r2,
)

COLLINEAR = 0.999999
NEARLY_COLLINEAR = 0.99


@dataclass(frozen=True)
class Collinearity:
    """At ``node``, the moved parent ``moved`` is (nearly) a function of the unmoved parents ``given``."""

    node: str
    moved: str
    given: Tuple[str, ...]
    r2: float

    @property
    def identifiable(self) -> bool:
        return self.r2 < COLLINEAR

    def to_json(self) -> dict:
        return {"node": self.node, "moved": self.moved, "given": list(self.given), "r2": self.r2}


def collinearities(model: Any, path: Sequence[str], moved: Set[str]) -> List[Collinearity]:
    """Finds the nodes on the way whose moved parents the rows cannot separate from the unmoved ones.

    :param model: The kept model.
    :param path: The nodes whose mechanisms the effect goes through (not the intervened nodes themselves).
    :param moved: The intervened nodes and everything downstream of them.
    :return: Every collinearity of at least ``NEARLY_COLLINEAR``.
    """
    found = []
    for node_id in path:
        node_model = model.nodes[node_id]
        given = tuple(p for p in node_model.parents if p not in moved)
        if not given or node_model.is_root:
            continue
        for parent in (p for p in node_model.parents if p in moved):
            key = ("collinear", node_id, parent, given)
            if key not in model.memo:
                model.memo[key] = _explained(model, node_model, parent, given)
            r2 = model.memo[key]
            if r2 >= NEARLY_COLLINEAR and (r2 >= COLLINEAR or not node_model.exact):
                found.append(Collinearity(node_id, parent, given, r2))
    return found


def _explained(model: Any, node_model: Any, parent: str, given: Tuple[str, ...]) -> float:
    """The held-out R^2 of the moved parent regressed on the unmoved ones, within the node's mechanism's reach."""
    x = np.column_stack([model.spec.columns[g] for g in given])
    y = model.spec.columns[parent]
    train, test = node_model.train, node_model.test
    if len(test) == 0 or len(train) < 2:
        return 0.0
    best = float("-inf")
    for candidate in _candidates(node_model, len(given), model.spec.seed, x[np.concatenate([train, test])]):
        candidate.fit(x[train], y[train])
        best = max(best, regression_r2(candidate.predict(x[test]).reshape(-1), y[test]))
    return best


def _candidates(node_model: Any, count: int, seed: int, x: np.ndarray) -> list:
    name = node_model.name
    candidates = [gcm.ml.create_linear_regressor()]
    if name.startswith("linear"):
        return candidates
    degree = int(name[4]) if name.startswith("poly") else 3
    candidates += [polynomial(d) for d, most in POLY_DEGREES if d <= degree and count <= most]
    if name.startswith("ratio") and count <= MAX_RATIO_PARENTS and has_no_zero(x):
        candidates.append(SklearnRegressionModel(make_pipeline(RatioFeatures(), LinearRegression())))
    if not node_model.polynomial:
        candidates.append(SklearnRegressionModel(DecisionTreeRegressor(random_state=seed)))
    return candidates
