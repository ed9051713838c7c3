"""The candidate mechanisms for one node, and how a fitted one is judged on held-out rows.

Cheap candidates come first (milliseconds each); DoWhy's auto-assignment (a second or so) only for nodes none of them
explains. A candidate is *exact* when it reproduces every held-out row up to rounding (largest held-out residual at
most ``EXACT_RESIDUAL`` times the largest value of the node): only exact mechanisms carry no model error. A
candidate with held-out R^2 of at least ``GOOD_ENOUGH`` is kept without asking auto-assignment: it explains the node
better than auto-assignment's models usually do, and its remaining error is carried by the effect's interval.

Division is Java's fourth arithmetic operator, and no polynomial represents it: ``100 / x`` sampled across the pole at
0 defeats every other candidate (held-out R^2 near 0 for the linear fallback, wild extrapolation for boosting). The
``ratio`` candidate is least squares on the parents, their reciprocals and the quotients of each ordered pair, which
represents ``k / x``, ``a / b`` and ``a + k / b`` exactly; it is only tried when no parent is ever 0 in the rows (a
reciprocal of 0 is no number, and Java's ``k / 0`` is an infinity or an exception, which leave no row anyway).

The interpolating regressor and the min/max and ratio features are written here (a few lines around ``numpy.interp`` and
``numpy.maximum``) because scikit-learn has neither, and gcm needs the estimator interface (fit, predict, clone).
"""

from typing import Any, List, Tuple

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin, TransformerMixin
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.tree import DecisionTreeRegressor

from dowhy import gcm
from dowhy.gcm.ml.regression import SklearnRegressionModel

EXACT_R2 = 0.999999
EXACT_RESIDUAL = 1e-8
GOOD_ENOUGH = 0.9999
POLY_DEGREES = ((2, 6), (3, 4), (4, 2), (5, 1))  # (degree, at most this many parents)
MAX_MINMAX_PARENTS = 4
MAX_RATIO_PARENTS = 3
WORST_R2 = -1e300  # what an R^2 of minus infinity is reported as: the wire's r2 entries stay numbers


class Interpolation(BaseEstimator, RegressorMixin):
    """Piecewise-linear interpolation through the training points of a single parent (duplicates averaged),
    constant beyond them. Exact at every traced value; between them, off by at most the function's curvature times
    the gap squared, which the held-out residuals measure."""

    def fit(self, X: np.ndarray, y: np.ndarray) -> "Interpolation":  # noqa: N803 (scikit-learn's names)
        values, inverse = np.unique(np.asarray(X, dtype=float).reshape(-1), return_inverse=True)
        sums = np.bincount(inverse, weights=np.asarray(y, dtype=float).reshape(-1))
        self.x_ = values
        self.y_ = sums / np.bincount(inverse)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        return np.interp(np.asarray(X, dtype=float).reshape(-1), self.x_, self.y_)


class MinMaxFeatures(BaseEstimator, TransformerMixin):
    """The parents, their absolute values, and the larger and smaller of each pair: ``Math.max``, ``Math.min`` and
    ``Math.abs`` of parents (and ``|a - b|``, which is max - min) are linear in these."""

    def fit(self, X: np.ndarray, y: Any = None) -> "MinMaxFeatures":  # noqa: N803 (scikit-learn's names)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        X = np.asarray(X, dtype=float)
        columns = [X, np.abs(X)]
        for i in range(X.shape[1]):
            for j in range(i + 1, X.shape[1]):
                columns.append(np.maximum(X[:, i], X[:, j])[:, None])
                columns.append(np.minimum(X[:, i], X[:, j])[:, None])
        return np.hstack(columns)


class RatioFeatures(BaseEstimator, TransformerMixin):
    """The parents, their reciprocals, and the quotient of each ordered pair: ``k / x``, ``a / b`` and sums of such
    terms are linear in these. Only for parents that are never 0 (``has_no_zero``)."""

    def fit(self, X: np.ndarray, y: Any = None) -> "RatioFeatures":  # noqa: N803 (scikit-learn's names)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        X = np.asarray(X, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            columns = [X, 1.0 / X]
            for i in range(X.shape[1]):
                for j in range(X.shape[1]):
                    if i != j:
                        columns.append((X[:, i] / X[:, j])[:, None])
            features = np.hstack(columns)
        # A value never seen in fitting (a 0 set by an intervention) gives the largest finite number, not NaN:
        # the effect is then reported as not finite, with its reason, rather than failing the query.
        return np.nan_to_num(features, nan=0.0, posinf=np.finfo(float).max, neginf=-np.finfo(float).max)


def has_no_zero(x: np.ndarray) -> bool:
    """:return: Whether every parent value is a nonzero finite number (so reciprocals are numbers)."""
    x = np.asarray(x, dtype=float)
    return bool(x.size) and bool(np.all(np.isfinite(x))) and bool(np.all(x != 0.0))


def cheap_regressors(parent_count: int, seed: int, x: np.ndarray = None) -> List[Tuple[str, Any]]:
    """:param parent_count: How many parents the node has. :param seed: The fit's seed (for the tree).
    :param x: The parents' values in the node's rows, when known (the ratio candidate needs them nonzero).
    :return: (name, unfitted gcm mechanism) in the order they are tried."""
    candidates = [("linear", gcm.ml.create_linear_regressor())]
    for degree, most in POLY_DEGREES:
        if parent_count <= most:
            candidates.append(("poly%d" % degree, polynomial(degree)))
    if parent_count <= MAX_RATIO_PARENTS and x is not None and has_no_zero(x):
        candidates.append(("ratio", SklearnRegressionModel(make_pipeline(RatioFeatures(), LinearRegression()))))
    if 2 <= parent_count <= MAX_MINMAX_PARENTS:
        candidates.append(("minmax", SklearnRegressionModel(make_pipeline(MinMaxFeatures(), LinearRegression()))))
    # Step functions of the parents (a constant chosen by a comparison, integer division) are what a
    # regression tree represents exactly; it costs milliseconds where auto-assignment costs a second.
    candidates.append(("tree", SklearnRegressionModel(DecisionTreeRegressor(random_state=seed))))
    if parent_count == 1:
        candidates.append(("interpolation", SklearnRegressionModel(Interpolation())))
    return [(name, gcm.AdditiveNoiseModel(prediction_model=model)) for name, model in candidates]


def polynomial(degree: int) -> Any:
    """Polynomial least squares on standardised parents: unscaled cubes of values in the thousands are too
    ill-conditioned to recover even an exact product (held-out R^2 0.73 instead of 1.0 on the bench graph)."""
    pipeline = make_pipeline(StandardScaler(), PolynomialFeatures(degree=degree, include_bias=False), LinearRegression())
    return SklearnRegressionModel(pipeline)


def auto_name(mechanism: Any) -> str:
    """:param mechanism: A mechanism chosen by auto-assignment. :return: ``auto:<model>``."""
    model = getattr(mechanism, "prediction_model", None) or getattr(mechanism, "classifier_model", None)
    inner = getattr(model, "sklearn_model", model)
    if hasattr(inner, "steps"):
        name = "+".join(type(step).__name__ for _, step in inner.steps)
    else:
        name = type(inner).__name__
    return "auto:" + name


def regression_r2(predicted: np.ndarray, y: np.ndarray) -> float:
    """Held-out R^2, computed on values scaled to at most 1 so that no magnitude overflows or underflows.

    A constant held-out column scores 1.0 if predicted exactly (up to rounding), else 0.0."""
    scale = float(np.max(np.abs(y))) if len(y) else 0.0
    if not np.isfinite(scale) or not np.all(np.isfinite(predicted)):
        return WORST_R2
    if scale == 0.0:
        return 1.0 if np.all(predicted == 0.0) else 0.0
    scaled, fitted = y / scale, predicted / scale
    with np.errstate(over="ignore", invalid="ignore"):
        sse = float(np.sum((scaled - fitted) ** 2))
        sst = float(np.sum((scaled - np.mean(scaled)) ** 2))
    if not np.isfinite(sse):
        return WORST_R2
    if sst <= 1e-24 * len(y):
        return 1.0 if sse <= 1e-18 * len(y) else 0.0
    return max(1.0 - sse / sst, WORST_R2)


def is_exact(residuals: np.ndarray, y: np.ndarray) -> bool:
    """:param residuals: Held-out residuals. :param y: The node's values.
    :return: Whether every residual is rounding error: at most ``EXACT_RESIDUAL`` times the largest |value|."""
    if len(residuals) == 0:
        return False
    bound = EXACT_RESIDUAL * float(np.max(np.abs(y))) if len(y) else 0.0
    return bool(np.all(np.abs(residuals) <= bound))


def classification_r2(predicted: np.ndarray, truth: np.ndarray) -> float:
    """The share of the error of always guessing the most frequent held-out class that the mechanism removes."""
    truth = truth.astype(object)
    errors = float(np.sum(predicted.astype(object) != truth))
    _, counts = np.unique(truth.astype(str), return_counts=True)
    baseline = float(len(truth) - counts.max())
    if baseline == 0.0:
        return 1.0 if errors == 0.0 else 0.0
    return 1.0 - errors / baseline


def predicted_classes(mechanism: Any, x: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """:return: The most likely class of each row, and whether its probability is 1 (a deterministic answer)."""
    probabilities = mechanism.estimate_probabilities(x)
    classes = np.array(mechanism.classifier_model.classes, dtype=object)
    return classes[np.argmax(probabilities, axis=1)], np.max(probabilities, axis=1) >= 1.0 - 1e-12
