"""Why an effect should not be trusted, in words a user understands and codes a client can act on.

Every reason names the nodes it is about. An effect is ``unreliable`` when it has any reason:

- ``weak-fit``: a mechanism on a path from the intervention to the target (the target's own included) explains its
  held-out rows with R^2 below ``minQuality``: the effect passes through it, so it is as wrong as that node;
- ``few-runs``: the model was fitted on fewer than half of the runs the client planned;
- ``extrapolated``: the intervention moves its subject outside the range of the kept rows (a set value below the
  smallest or above the largest traced value, a category never traced, or a shift that takes more than a quarter of
  the rows outside: of the rows where the node has its own value, not an experiment's draw);
- ``extrapolated-path``: under the intervention, a node further on gets inputs outside the range its mechanism was
  fitted on in more than a quarter of the rows, and that mechanism (a tree, an interpolation, an auto-assigned
  model) is flat out there;
- ``not-identifiable``: the rows cannot separate a moved parent from an unmoved one (``identifiability.py``);
- ``nearly-collinear``: almost so, on a node whose mechanism is not exact;
- ``non-finite``: the effect is not a finite number.
"""

from dataclasses import dataclass
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np

from liftsys_dowhy.identifiability import Collinearity

OUTSIDE_SHARE = 0.25


@dataclass(frozen=True)
class Reason:
    """One reason not to trust an effect."""

    code: str
    message: str
    nodes: Tuple[str, ...]

    def to_json(self) -> Dict[str, Any]:
        return {"code": self.code, "message": self.message, "nodes": list(self.nodes)}


def model_reasons(model: Any) -> List[Reason]:
    """:param model: The kept model. :return: The reasons that hold for every effect of the model."""
    spec = model.spec
    fitted = int(spec.observational.sum())
    if spec.planned is None or fitted * 2 >= spec.planned:
        return []
    detail = []
    if spec.completed is not None:
        detail.append("%d completed" % spec.completed)
    if spec.dropped:
        detail.append("%d recorded NaN or an infinity" % spec.dropped)
    return [Reason("few-runs", "The model was fitted on %d of %d planned runs, fewer than half%s; the rest may not be "
                   "like them." % (fitted, spec.planned, " (%s)" % ", ".join(detail) if detail else ""), ())]


def subject_reasons(model: Any, shift: Dict[str, float], setting: Dict[str, Tuple[float, float]]) -> List[Reason]:
    """:return: A reason for each intervened node moved outside the range of the kept rows."""
    found = []
    for node_id, (a, b) in setting.items():
        column = model.spec.columns[node_id]
        if model.nodes[node_id].node.type != "continuous":
            unseen = [v for v in (a, b) if not np.any(column == v)]
            if unseen:
                found.append(Reason("extrapolated", "Setting `%s` to %s: a value it never took in the kept runs." % (
                    node_id, " and ".join(_number(v) for v in dict.fromkeys(unseen))), (node_id,)))
            continue
        low, high = float(column.min()), float(column.max())
        outside = [v for v in (a, b) if _outside(np.array([v]), low, high)[0]]
        if outside:
            found.append(Reason("extrapolated", "Setting `%s` to %s takes it outside the range of the kept runs, "
                                "[%s, %s]; the model is extrapolated there." % (
                                    node_id, " and ".join(_number(v) for v in dict.fromkeys(outside)), _number(low),
                                    _number(high)), (node_id,)))
    for node_id, d in shift.items():
        column = model.spec.columns[node_id]
        low, high = float(column.min()), float(column.max())
        # A shift moves the node's own values: an experiment's draws (rows where it was set) are not what it shifts,
        # and a node drawn across a wider range than its own would count as moved out of it where it is not.
        rows = model.population
        if node_id in model.spec.intervened:
            own = rows[~model.spec.intervened[node_id][rows]]
            rows = own if len(own) else rows
        share = float(np.mean(_outside(column[rows] + d, low, high)))
        if share > OUTSIDE_SHARE:
            found.append(Reason("extrapolated", "Shifting `%s` by %s takes it outside the range of the kept runs, "
                                "[%s, %s], in %d%% of them; the model is extrapolated there." % (
                                    node_id, _number(d), _number(low), _number(high), round(share * 100)),
                                (node_id,)))
    return found


def path_reasons(model: Any, path: Sequence[str], intervened: Sequence[str], before: Dict[str, np.ndarray],
                 after: Dict[str, np.ndarray], min_quality: float) -> List[Reason]:
    """:param path: The nodes whose mechanisms the effect goes through, in topological order.
    :param before: Node values under the reference. :param after: Under the alternative.
    :return: Weak mechanisms on the path, and flat mechanisms fed inputs outside their range."""
    found = []
    for node_id in path:
        node_model = model.nodes[node_id]
        if node_model.r2 < min_quality:
            found.append(Reason("weak-fit", "`%s` is predicted from its inputs with a held-out R² of %.2f (below %s), "
                                "and the effect passes through it." % (node_id, node_model.r2, _number(min_quality)),
                                (node_id,)))
        if node_model.polynomial:
            continue
        for i, parent in enumerate(node_model.parents):
            if parent in intervened or parent not in before:
                continue
            low, high = node_model.ranges[i]
            share = max(float(np.mean(_outside(values[parent], low, high))) for values in (before, after))
            if share > OUTSIDE_SHARE:
                found.append(Reason("extrapolated-path", "Under this change, `%s` leaves the range it took in the "
                                    "kept runs, [%s, %s], in %d%% of them, and `%s`'s fitted mechanism is flat "
                                    "beyond it." % (parent, _number(low), _number(high), round(share * 100), node_id),
                                    (parent, node_id)))
    return found


def collinearity_reasons(found: Sequence[Collinearity], experiment: Sequence[str]) -> List[Reason]:
    """:param found: Collinearities on the path. :param experiment: The nodes an experiment should set.
    :return: One reason per collinearity."""
    reasons = []
    advice = (" Run it again with %s set independently of its inputs." % ", ".join("`%s`" % n for n in experiment)
              if experiment else "")
    for c in found:
        given = ", ".join("`%s`" % g for g in c.given)
        if not c.identifiable:
            reasons.append(Reason("not-identifiable", "In every kept run, `%s` is a function of %s, so the runs "
                                  "cannot tell their effects on `%s` apart.%s" % (c.moved, given, c.node, advice),
                                  (c.node, c.moved) + c.given))
        else:
            reasons.append(Reason("nearly-collinear", "In the kept runs, `%s` is almost a function of %s (R² %.4f), "
                                  "and `%s`'s mechanism is not exact: their effects are hard to tell apart.%s" % (
                                      c.moved, given, c.r2, c.node, advice), (c.node, c.moved) + c.given))
    return reasons


def _outside(values: np.ndarray, low: float, high: float) -> np.ndarray:
    slack = 1e-9 * max(1.0, abs(low), abs(high))
    return (values < low - slack) | (values > high + slack)


def _number(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return str(int(v))
    return "%.4g" % v
