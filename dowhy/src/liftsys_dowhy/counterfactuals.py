"""One recorded run, replayed with a change: "this call, with price = 12 instead of 9".

Pearl's three steps, by ``gcm.counterfactual_samples``: abduction (recover the run's noise: its inputs for roots,
its residual ``value - f(parents)`` for additive-noise mechanisms), action (apply the change), prediction (propagate
the run's own noise through the fitted mechanisms). The noise is recovered here rather than by
``compute_noise_from_data``, which needs every node invertible: a classifier that gives its run's class with
certainty (an exact tree) needs no noise to reproduce it, so it does not stop the counterfactual; a classifier that
is not certain cannot have its noise recovered from one run, and if the change reaches it the answer says so
(``available: false``) instead of guessing.

The interval of each change comes from the same model-error replicates as an effect's (``uncertainty.py``).
"""

from typing import Any, Dict, List, Optional

import networkx as nx
import numpy as np
import pandas as pd

from dowhy import gcm
from dowhy.gcm.util.general import set_random_seed

from liftsys_dowhy.effects import propagate
from liftsys_dowhy.fitting import FittedModel
from liftsys_dowhy.numeric_scm import numeric_scm
from liftsys_dowhy.protocol import DEFAULT_MIN_QUALITY, CounterfactualSpec
from liftsys_dowhy.reliability import path_reasons, subject_reasons
from liftsys_dowhy.uncertainty import MODEL_REPLICATES, error_models

LEVEL = 0.95


def counterfactual(model: FittedModel, spec: CounterfactualSpec) -> Dict[str, Any]:
    """Replays one recorded run with the requested change.

    :param model: The kept model the request names.
    :param spec: The checked request.
    :return: ``available``; the run's ``factual`` values; when available, the ``counterfactual`` values and, per
             target, the ``change`` with ``low``/``high`` at level 0.95; ``reasons`` not to trust it; ``notes``.
    :raises ValueError: When the row or run, the intervened nodes or the targets do not fit the model.
    """
    factual = _factual(model, spec)
    _check(model, spec)
    affected = set(spec.intervened)
    for node in spec.intervened:
        affected |= nx.descendants(model.graph, node)
    targets = _targets(model, spec, affected)
    result: Dict[str, Any] = {"row": spec.row, "factual": {n: factual[n] for n in model.order}, "targets": targets}
    blocker = _blocker(model, affected, factual)
    if blocker is not None:
        result.update({"available": False, "reason": blocker})
        return result
    set_random_seed(model.spec.seed)
    noise = _noise(model, factual)
    interventions = {n: (lambda v, x=x: np.full_like(v, x)) for n, x in spec.setting.items()}
    interventions.update({n: (lambda v, d=d: v + d) for n, d in spec.shift.items()})
    samples = gcm.counterfactual_samples(numeric_scm(model), interventions,
                                         noise_data=pd.DataFrame({n: [noise[n]] for n in model.order}))
    changed = {n: float(np.asarray(samples[n], dtype=np.float64)[0]) for n in model.order}
    low, high = _intervals(model, affected, factual, noise, interventions, targets, changed)
    path = [n for n in model.order if n in affected and n not in spec.intervened]
    setting = {n: (factual[n], x) for n, x in spec.setting.items()}
    reasons = subject_reasons(model, {}, setting) + _shift_reasons(model, spec, factual)
    reasons += path_reasons(model, path, spec.intervened, _column(factual), _column(changed), DEFAULT_MIN_QUALITY)
    result.update({
        "available": True,
        "counterfactual": changed,
        "change": {t: {"value": changed[t] - factual[t], "low": low[t], "high": high[t]} for t in targets},
        "level": LEVEL,
        "unreliable": bool(reasons),
        "reasons": [r.to_json() for r in reasons],
    })
    return result


def _factual(model: FittedModel, spec: CounterfactualSpec) -> Dict[str, float]:
    if spec.run is not None:
        missing = [n for n in model.order if n not in spec.run]
        if missing:
            raise ValueError("run has no value for node(s): %s" % ", ".join(missing))
        unknown = sorted(set(spec.run) - set(model.order))
        if unknown:
            raise ValueError("run has value(s) for no node of the model: %s" % ", ".join(unknown))
        return {n: float(spec.run[n]) for n in model.order}
    kept = model.spec.kept_rows
    if spec.row >= model.spec.received:
        raise ValueError("row %d does not exist: the fit had %d rows" % (spec.row, model.spec.received))
    position = int(np.searchsorted(kept, spec.row))
    if position >= len(kept) or kept[position] != spec.row:
        raise ValueError("row %d was left out of the fit: it recorded NaN or an infinity" % spec.row)
    return {n: float(model.spec.columns[n][position]) for n in model.order}


def _check(model: FittedModel, spec: CounterfactualSpec) -> None:
    for node in spec.intervened:
        if node not in model.graph:
            raise ValueError("intervention names node %r, which is not in the model's graph" % node)
    for node in spec.shift:
        if model.nodes[node].node.type != "continuous":
            raise ValueError("node %r is %s: it can only be set, not shifted" % (node, model.nodes[node].node.type))


def _targets(model: FittedModel, spec: CounterfactualSpec, affected: set) -> List[str]:
    downstream = [n for n in model.order if n in affected and n not in spec.intervened]
    if spec.targets is None:
        return downstream
    for target in spec.targets:
        if target not in downstream:
            raise ValueError("target %r is not downstream of the intervened node(s) %s" % (
                target, ", ".join(spec.intervened)))
    return list(spec.targets)


def _blocker(model: FittedModel, affected: set, factual: Dict[str, float]) -> Optional[str]:
    """Why the run's noise cannot be recovered where the change reaches, or None."""
    for node in model.order:
        node_model = model.nodes[node]
        if node not in affected or node_model.is_root or not node_model.labels:
            continue
        parents = np.array([[factual[p] for p in node_model.parents]])
        probabilities = node_model.mechanism.estimate_probabilities(parents)[0]
        classes = node_model.mechanism.classifier_model.classes
        best = int(np.argmax(probabilities))
        if probabilities[best] < 1.0 - 1e-12 or node_model.labels[classes[best]] != factual[node]:
            return ("`%s` is modelled by a classifier that is not certain of this run's value, so what made it take "
                    "that value cannot be recovered from one run." % node)
    return None


def _noise(model: FittedModel, factual: Dict[str, float]) -> Dict[str, float]:
    noise = {}
    for node in model.order:
        node_model = model.nodes[node]
        if node_model.is_root:
            noise[node] = factual[node]
        elif node_model.labels:
            noise[node] = 0.5  # a certain classifier gives its class for any noise
        else:
            parents = np.array([[factual[p] for p in node_model.parents]])
            noise[node] = float(node_model.mechanism.estimate_noise(np.array([factual[node]]), parents).reshape(-1)[0])
    return noise


def _intervals(model, affected, factual, noise, interventions, targets, changed):
    errors = error_models(model, [n for n in model.order if n in affected and n not in interventions])
    if not errors:
        return ({t: changed[t] - factual[t] for t in targets},) * 2
    replicate = np.arange(MODEL_REPLICATES)
    given = {}
    for node in model.order:
        if node not in affected or model.nodes[node].is_root:
            given[node] = np.full(MODEL_REPLICATES, factual[node])
            if node in interventions:
                given[node] = interventions[node](given[node])
    noise_rows = {n: np.full(MODEL_REPLICATES, noise[n]) for n in model.order if not model.nodes[n].is_root}
    perturb = {node: (lambda parents, sources=sources, s=i: sum(
        e.draw(parents, replicate, model.spec.seed + s * 31 + j, MODEL_REPLICATES) for j, e in enumerate(sources)))
        for i, (node, sources) in enumerate(errors.items())}
    order = [n for n in model.order if n not in given]
    replicated = propagate(model, order, np.zeros(MODEL_REPLICATES, dtype=int), noise_rows, interventions, given,
                           perturb)
    low, high = {}, {}
    for t in targets:
        changes = replicated[t] - factual[t]
        point = changed[t] - factual[t]
        bounds = np.quantile(changes, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
        low[t], high[t] = min(float(bounds[0]), point), max(float(bounds[1]), point)
    return low, high


def _shift_reasons(model: FittedModel, spec: CounterfactualSpec, factual: Dict[str, float]) -> list:
    return subject_reasons(model, {}, {n: (factual[n], factual[n] + d) for n, d in spec.shift.items()})


def _column(values: Dict[str, float]) -> Dict[str, np.ndarray]:
    return {n: np.array([v]) for n, v in values.items()}
