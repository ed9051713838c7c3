"""Average causal effects of an intervention on a kept model, with intervals that carry model error, and the
reasons not to trust them.

The estimate is DoWhy's average causal effect, E[target | do(alternative)] - E[target | do(reference)], computed by
propagating rows through the fitted gcm mechanisms in topological order. Unlike ``gcm.average_causal_effect``,
both interventions are applied to the SAME draws (common random numbers: the same root rows and the same noise), so
the difference carries no extra Monte Carlo noise and an exact linear model gives the exact coefficient.

- ``shift {x: d}``: reference is no intervention, alternative is x + d.
- ``set {x: {from: a, to: b}}``: reference is do(x = a), alternative is do(x = b).

Root values are whole observed rows (so roots that vary together keep doing so), each with one draw of every
node's noise; rows an experiment changed a root in are left out. The estimate averages the difference over those
rows (or a seeded subsample of ``samples`` of them): the exact expectation under their empirical distribution.

The interval is a percentile bootstrap at exactly the requested level, over ``BOOTSTRAP`` replicates. Each replicate
resamples the rows (the uncertainty that comes from which inputs were traced) and adds the error of one of
``MODEL_REPLICATES`` model-error replicates (``uncertainty.py``): the held-out errors of every non-exact mechanism on
the way, near where the intervention evaluates it, propagated downstream. The interval is widened, if ever needed,
to contain the point estimate. Reasons not to trust an effect come from ``reliability.py`` and
``identifiability.py``.
"""

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import networkx as nx
import numpy as np

from dowhy.gcm.util.general import set_random_seed

from liftsys_dowhy.fitting import FittedModel
from liftsys_dowhy.identifiability import collinearities
from liftsys_dowhy.numeric_scm import to_numbers
from liftsys_dowhy.protocol import EffectSpec
from liftsys_dowhy.reliability import (
    Reason, collinearity_reasons, model_reasons, path_reasons, subject_reasons,
)
from liftsys_dowhy.replicates import model_error_shifts
from liftsys_dowhy.uncertainty import MODEL_REPLICATES, error_models

BOOTSTRAP = 400
ROUNDING = 1e-12
_MAX_INDEX_DRAWS = 2_000_000


def estimate_effects(model: FittedModel, spec: EffectSpec) -> Dict[str, Any]:
    """Estimates the average causal effect of the intervention on each target, with an interval and its reasons.

    :param model: The kept model the request names.
    :param spec: The checked effect request.
    :return: The JSON-ready response: per target ``value``, ``low``, ``high``, ``exact``, ``identifiable``,
             ``unreliable`` and ``reasons`` (plus ``collinear`` and ``experiment`` where the rows cannot tell); the
             ``level`` used; the number of rows averaged over (``samples``); the bootstrap and model-error
             replicate counts.
    :raises ValueError: When the intervention names an unknown node or does not fit its type, or a target is unknown
                        or not downstream of the intervened nodes.
    """
    targets = _targets(model, spec)
    _check_intervention(model, spec)
    set_random_seed(spec.seed)
    rows = _rows(model, spec)
    relevant = set(targets)
    for target in targets:
        relevant |= nx.ancestors(model.graph, target)
    order = [n for n in model.order if n in relevant]
    affected = _affected(model, spec.intervened)
    noise = {n: model.nodes[n].mechanism.draw_noise_samples(len(rows)).reshape(-1)
             for n in order if not model.nodes[n].is_root}
    reference, alternative = _interventions(spec)
    before = propagate(model, order, rows, noise, reference, {})
    after = propagate(model, [n for n in order if n in affected], rows, noise, alternative, before)
    differences = np.column_stack([after[t] - before[t] for t in targets])
    on_the_way = [n for n in order if n in affected and n not in spec.intervened]
    errors = error_models(model, on_the_way)
    shifts = None
    if errors:
        shifts = model_error_shifts(model, [n for n in order if n in affected], rows, noise, (reference, alternative),
                                    (before, after), errors, targets, spec.seed)
    values, lows, highs = _bootstrap(differences, shifts, spec.level, spec.seed)
    common = model_reasons(model) + subject_reasons(model, spec.shift, spec.setting)
    effects = {}
    for i, target in enumerate(targets):
        upstream = nx.ancestors(model.graph, target) | {target}
        path = [n for n in on_the_way if n in upstream]
        reasons = common + path_reasons(model, path, spec.intervened, before, after, spec.min_quality)
        exact = shifts is None or not np.any(shifts[:, i])
        effects[target] = _entry(model, spec, path, affected, reasons, exact, float(values[i]), float(lows[i]),
                                 float(highs[i]))
    return {"effects": effects, "level": spec.level, "samples": int(len(rows)), "bootstrap": BOOTSTRAP,
            "modelReplicates": MODEL_REPLICATES if errors else 0}


def propagate(model: FittedModel, order: Sequence[str], rows: np.ndarray, noise: Dict[str, np.ndarray],
              interventions: Dict[str, Callable], given: Dict[str, np.ndarray],
              errors: Optional[Dict[str, Callable]] = None) -> Dict[str, np.ndarray]:
    """Computes node values row by row through the fitted mechanisms, in topological order.

    :param order: The nodes to compute; any other node a mechanism needs must be in ``given``.
    :param rows: Which kept rows the roots take their values from.
    :param noise: A noise draw per row for every non-root node in ``order``.
    :param interventions: Functions that replace a node's computed values.
    :param given: Values already known.
    :param errors: Model errors to add to a node's values, as functions of its parents' values.
    :return: ``given`` and the computed values, by node.
    """
    values = dict(given)
    for node in order:
        node_model = model.nodes[node]
        if node_model.is_root:
            value = model.spec.columns[node][rows]
        else:
            parents = np.column_stack([values[p] for p in node_model.parents])
            value = node_model.mechanism.evaluate(parents, noise[node]).reshape(-1)
            value = to_numbers(node_model.labels, value) if node_model.labels else value.astype(np.float64)
            if errors and node in errors:
                value = value + errors[node](parents)
                if node_model.labels:  # a perturbed class stays within the node's values (a probability for booleans)
                    value = np.clip(value, min(node_model.labels.values()), max(node_model.labels.values()))
        if node in interventions:
            value = interventions[node](value)
        values[node] = value
    return values


def _entry(model: FittedModel, spec: EffectSpec, path: List[str], affected: set, reasons: List[Reason],
           exact: bool, value: float, low: float, high: float) -> Dict[str, Any]:
    found = collinearities(model, path, affected)
    experiment = _experiment(model, spec, found)
    reasons = reasons + collinearity_reasons(found, experiment)
    identifiable = all(c.identifiable for c in found)
    if not np.isfinite(value):
        reasons.append(Reason("non-finite", "The effect is not a finite number: the fitted model overflows here.", ()))
    low, high = min(low, value), max(high, value)
    if high - low <= ROUNDING * abs(value):  # every row gave the same difference, up to rounding in the sums
        low = high = value
    entry: Dict[str, Any] = {"value": value, "low": low, "high": high}
    if not identifiable and model.spec.intervened:
        # Experiments were run and the rows still cannot tell: no number rather than an arbitrary one.
        entry = {"value": None, "low": None, "high": None}
    entry.update({
        "exact": exact,
        "identifiable": identifiable,
        "unreliable": bool(reasons),
        "reasons": [r.to_json() for r in _unique(reasons)],
    })
    if found:
        entry["collinear"] = [c.to_json() for c in found]
    if not identifiable:
        entry["experiment"] = experiment
    return entry


def _experiment(model: FittedModel, spec: EffectSpec, found) -> List[str]:
    """The nodes to set independently in an experiment: the intervened nodes that have inputs, else the moved
    parents that cannot be told apart."""
    if not found:
        return []
    subjects = [n for n in spec.intervened if not model.nodes[n].is_root]
    return sorted(subjects or {c.moved for c in found if not model.nodes[c.moved].is_root})


def _unique(reasons: List[Reason]) -> List[Reason]:
    return list(dict.fromkeys(reasons))


def _targets(model: FittedModel, spec: EffectSpec) -> Tuple[str, ...]:
    for node in spec.intervened:
        if node not in model.graph:
            raise ValueError("intervention names node %r, which is not in the model's graph" % node)
    downstream = _affected(model, spec.intervened) - set(spec.intervened)
    if spec.targets is None:
        targets = tuple(n for n in model.order if n in downstream)
        if not targets:
            raise ValueError("no node is downstream of %s" % ", ".join(spec.intervened))
        return targets
    for target in spec.targets:
        if target not in model.graph:
            raise ValueError("target %r is not in the model's graph" % target)
        if target not in downstream:
            raise ValueError(
                "target %r is not downstream of the intervened node(s) %s" % (target, ", ".join(spec.intervened))
            )
    return spec.targets


def _affected(model: FittedModel, intervened: Sequence[str]) -> set:
    affected = set(intervened)
    for node in intervened:
        affected |= nx.descendants(model.graph, node)
    return affected


def _check_intervention(model: FittedModel, spec: EffectSpec) -> None:
    for node in spec.shift:
        node_type = model.nodes[node].node.type
        if node_type != "continuous":
            raise ValueError("node %r is %s: it can only be set (from/to), not shifted" % (node, node_type))
    for node, values in spec.setting.items():
        if model.nodes[node].node.type == "boolean" and any(v not in (0.0, 1.0) for v in values):
            raise ValueError("node %r is boolean: set it to true/false (or 0/1)" % node)


def _rows(model: FittedModel, spec: EffectSpec) -> np.ndarray:
    population = model.population
    if spec.samples >= len(population):
        return population
    rng = np.random.default_rng(spec.seed)
    return np.sort(rng.choice(population, size=spec.samples, replace=False))


def _interventions(spec: EffectSpec) -> Tuple[Dict[str, Callable], Dict[str, Callable]]:
    reference = {n: (lambda v, a=a: np.full_like(v, a)) for n, (a, _) in spec.setting.items()}
    alternative = {n: (lambda v, b=b: np.full_like(v, b)) for n, (_, b) in spec.setting.items()}
    alternative.update({n: (lambda v, d=d: v + d) for n, d in spec.shift.items()})
    return reference, alternative


def _bootstrap(differences: np.ndarray, shifts: Optional[np.ndarray], level: float, seed: int
               ) -> Tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    used = differences.shape[0]
    point = differences.mean(axis=0)
    replicates = np.empty((BOOTSTRAP, differences.shape[1]))
    chunk = max(1, _MAX_INDEX_DRAWS // used)
    offsets = (np.arange(chunk) * used)[:, None]
    for first in range(0, BOOTSTRAP, chunk):
        count = min(chunk, BOOTSTRAP - first)
        drawn = rng.integers(used, size=(count, used)) + offsets[:count]
        counts = np.bincount(drawn.ravel(), minlength=count * used).reshape(count, used)
        with np.errstate(invalid="ignore", over="ignore"):  # an overflowing model is reported, not warned about
            replicates[first : first + count] = counts @ differences / used
    if shifts is not None:
        replicates += shifts[np.arange(BOOTSTRAP) % len(shifts)]
    with np.errstate(invalid="ignore", over="ignore"):
        low, high = np.quantile(replicates, [(1.0 - level) / 2.0, (1.0 + level) / 2.0], axis=0)
    return point, low, high
