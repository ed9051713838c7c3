"""Average causal effects of an intervention on a kept model, with bootstrap intervals.

The estimate is DoWhy's average causal effect, E[target | do(alternative)] - E[target | do(reference)], computed by
propagating rows through the fitted gcm mechanisms in topological order. Unlike ``gcm.average_causal_effect``,
both interventions are applied to the SAME draws (common random numbers: the same root rows and the same noise), so
the difference carries no extra Monte Carlo noise and an exact linear model gives the exact coefficient.

- ``shift {x: d}``: reference is no intervention, alternative is x + d.
- ``set {x: {from: a, to: b}}``: reference is do(x = a), alternative is do(x = b).

Root values are whole observed rows (so roots that vary together keep doing so), each with one draw of every
node's noise. The estimate averages the difference over all observed rows, which is the exact expectation under
their empirical distribution, with no Monte Carlo error; when ``samples`` is below the number of rows, over a seeded
subsample of ``samples`` rows without replacement. The interval is a percentile bootstrap at exactly the requested
level over ``BOOTSTRAP`` resamples of those rows: the uncertainty that comes from which inputs were traced. It does
not refit the mechanisms: exact mechanisms would give the same coefficients on any resample, and auto-assigned ones
are too slow to refit per replicate, so their fitting error is not in the interval (their held-out R^2 says how far
to trust them). The interval is widened, if ever needed, to contain the point estimate.
"""

from typing import Any, Dict, Tuple

import networkx as nx
import numpy as np

from dowhy.gcm.util.general import set_random_seed

from liftsys_dowhy.fitting import FittedModel
from liftsys_dowhy.protocol import EffectSpec

BOOTSTRAP = 400
_MAX_INDEX_DRAWS = 2_000_000


def estimate_effects(model: FittedModel, spec: EffectSpec) -> Dict[str, Any]:
    """Estimates the average causal effect of the intervention on each target, with an interval.

    :param model: The kept model the request names.
    :param spec: The checked effect request.
    :return: The JSON-ready response: per target ``value``, ``low``, ``high``; the ``level`` used; the number of
             rows averaged over (``samples``); the number of bootstrap replicates.
    :raises ValueError: When the intervention names an unknown node or does not fit its type, or a target is unknown
                        or not downstream of the intervened nodes.
    """
    targets = _targets(model, spec)
    _check_intervention(model, spec)
    set_random_seed(spec.seed)
    differences = _differences(model, spec, targets)
    values, lows, highs = _bootstrap(differences, spec.samples, spec.level, spec.seed)
    effects = {}
    for i, target in enumerate(targets):
        value = float(values[i])
        effects[target] = {"value": value, "low": min(float(lows[i]), value), "high": max(float(highs[i]), value)}
    for target, effect in effects.items():
        if not all(np.isfinite(v) for v in effect.values()):
            raise ValueError("the effect on %r is not finite; the traced values may overflow" % target)
    used = min(spec.samples, model.spec.rows)
    return {"effects": effects, "level": spec.level, "samples": used, "bootstrap": BOOTSTRAP}


def _targets(model: FittedModel, spec: EffectSpec) -> Tuple[str, ...]:
    for node in spec.intervened:
        if node not in model.graph:
            raise ValueError("intervention names node %r, which is not in the model's graph" % node)
    downstream = set()
    for node in spec.intervened:
        downstream |= nx.descendants(model.graph, node)
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


def _check_intervention(model: FittedModel, spec: EffectSpec) -> None:
    for node in spec.shift:
        node_type = model.nodes[node].node.type
        if node_type != "continuous":
            raise ValueError("node %r is %s: it can only be set (from/to), not shifted" % (node, node_type))
    for node, values in spec.setting.items():
        if model.nodes[node].node.type == "boolean" and not all(v in (0.0, 1.0) for v in values):
            raise ValueError("node %r is boolean: set it from/to true or false (or 0/1)" % node)


def _differences(model: FittedModel, spec: EffectSpec, targets: Tuple[str, ...]) -> np.ndarray:
    relevant = set(targets)
    for target in targets:
        relevant |= nx.ancestors(model.graph, target)
    order = [n for n in model.order if n in relevant]
    rows = model.spec.rows
    noise = {n: model.nodes[n].mechanism.draw_noise_samples(rows) for n in order if not model.nodes[n].is_root}
    reference = {n: (lambda v, a=a: np.full_like(v, a)) for n, (a, _) in spec.setting.items()}
    alternative = {n: (lambda v, b=b: np.full_like(v, b)) for n, (_, b) in spec.setting.items()}
    alternative.update({n: (lambda v, d=d: v + d) for n, d in spec.shift.items()})
    affected = set(spec.intervened)
    for node in spec.intervened:
        affected |= nx.descendants(model.graph, node)
    before = _propagate(model, order, noise, reference, {})
    after = _propagate(model, [n for n in order if n in affected], noise, alternative, before)
    return np.column_stack([after[t] - before[t] for t in targets])


def _propagate(
    model: FittedModel, order, noise: Dict[str, np.ndarray], interventions: Dict[str, Any], given: Dict[str, np.ndarray]
) -> Dict[str, np.ndarray]:
    values = dict(given)
    for node in order:
        node_model = model.nodes[node]
        if node_model.is_root:
            value = model.spec.columns[node]
        else:
            parents = np.column_stack([values[p] for p in node_model.parents])
            value = node_model.mechanism.evaluate(parents, noise[node]).reshape(-1)
            if node_model.labels:
                value = np.array([node_model.labels[label] for label in value.tolist()], dtype=np.float64)
            else:
                value = value.astype(np.float64)
        if node in interventions:
            value = interventions[node](value)
        values[node] = value
    return values


def _bootstrap(differences: np.ndarray, samples: int, level: float, seed: int) -> Tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    rows = differences.shape[0]
    if samples < rows:
        differences = differences[np.sort(rng.choice(rows, size=samples, replace=False))]
    used = differences.shape[0]
    point = differences.mean(axis=0)
    replicates = np.empty((BOOTSTRAP, differences.shape[1]))
    chunk = max(1, _MAX_INDEX_DRAWS // used)
    offsets = (np.arange(chunk) * used)[:, None]
    for first in range(0, BOOTSTRAP, chunk):
        count = min(chunk, BOOTSTRAP - first)
        drawn = rng.integers(used, size=(count, used)) + offsets[:count]
        counts = np.bincount(drawn.ravel(), minlength=count * used).reshape(count, used)
        replicates[first : first + count] = counts @ differences / used
    low, high = np.quantile(replicates, [(1.0 - level) / 2.0, (1.0 + level) / 2.0], axis=0)
    return point, low, high
