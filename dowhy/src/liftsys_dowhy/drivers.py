"""What drives a value: a kept model's target explained by its direct inputs and by everything upstream.

- ``parents``: ``gcm.arrow_strength``: how much the target's variance changes when the edge from one parent is cut
  (the parent replaced by independent draws of its own values), one parent at a time, on the observed parent values.
  For a boolean or categorical target, the change in the variance of its expected value.
- ``ancestors``: ``gcm.intrinsic_causal_influence`` with the fitted mechanisms themselves (``prediction_model=
  "exact"``): the share of the target's variance each upstream node's own noise contributes (Shapley values). In
  traced code only inputs are random: an exact mechanism adds nothing of its own (its Shapley value is 0), so the
  ranking is over the method's inputs, plus whatever a non-exact mechanism cannot explain from its inputs. Since a
  player that adds nothing leaves the others' Shapley values as they are, the Shapley game is played on a collapsed
  model whose nodes are only those (``Collapsed``: each keeps its own mechanism and noise, and computes the exact
  nodes between it and its collapsed parents on the way): 6 players instead of 12 on the bench graph, 64 subsets
  instead of thousands of permutations. Exact nodes are reported with influence 0.

Intervals are DoWhy's bootstrap (``gcm.confidence_intervals``) at exactly the requested level, over ``bootstrap``
resamples of the observed rows: the arrow strength on resampled parent values, the intrinsic influence with the roots'
distributions refitted on the resampled rows (the mechanisms are kept: refitting them is what ``fit`` did once). The
value reported is the median over the resamples. Cost: each resample runs both estimates once; ``bootstrap`` 10 takes
about a second on the 12-node bench graph.
"""

from typing import Any, Dict, List

import networkx as nx
import numpy as np
import pandas as pd

from dowhy import gcm
from dowhy.gcm.causal_mechanisms import FunctionalCausalModel
from dowhy.gcm.shapley import ShapleyApproximationMethods, ShapleyConfig
from dowhy.gcm.util.general import set_random_seed

from liftsys_dowhy.fitting import FittedModel
from liftsys_dowhy.numeric_scm import assemble, numeric_scm, to_numbers
from liftsys_dowhy.protocol import DriversSpec

CONDITIONAL_SAMPLES = 300
MAX_RUNS = 20
ICI_RANDOMIZATION = 30
ICI_BASELINE = 60
MAX_EXACT_PLAYERS = 8


def rank_drivers(model: FittedModel, spec: DriversSpec) -> Dict[str, Any]:
    """Ranks the target's parents by arrow strength and its ancestors by intrinsic causal influence.

    :param model: The kept model the request names.
    :param spec: The checked request.
    :return: ``parents`` and ``ancestors``, each a list of ``{node, value, low, high, share}`` from the strongest
             down, the ``measure`` both are in, the ``level`` and ``bootstrap`` used, and ``notes``.
    :raises ValueError: When the target is unknown or has no inputs.
    """
    if spec.target not in model.graph:
        raise ValueError("target %r is not in the model's graph" % spec.target)
    if model.nodes[spec.target].is_root:
        raise ValueError("target %r is an input of the method: nothing upstream drives it" % spec.target)
    set_random_seed(spec.seed)
    rng = np.random.default_rng(spec.seed)
    scm = numeric_scm(model)
    frame = pd.DataFrame({n: model.spec.columns[n][model.population] for n in model.order})
    target_model = model.nodes[spec.target]
    difference = _variance_difference(target_model)
    confidence = (1.0 + spec.level) / 2.0  # DoWhy's bounds are its level's two tails: 0.975 gives a 95% interval
    summary = lambda results: np.median(results, axis=0)  # noqa: E731

    def strengths() -> Dict[Any, float]:
        rows = rng.integers(0, len(frame), size=min(len(frame), spec.samples))
        found = gcm.arrow_strength(scm, spec.target, parent_samples=frame.iloc[rows],
                                   num_samples_conditional=CONDITIONAL_SAMPLES, max_num_runs=MAX_RUNS, n_jobs=1,
                                   difference_estimation_func=difference)
        return {edge[0]: float(value) for edge, value in found.items()}

    upstream = sorted(nx.ancestors(model.graph, spec.target))
    players = [n for n in upstream if model.nodes[n].is_root or not model.nodes[n].exact] + [spec.target]
    method = (ShapleyApproximationMethods.EXACT if len(players) <= MAX_EXACT_PLAYERS
              else ShapleyApproximationMethods.EARLY_STOPPING)

    def influences() -> Dict[Any, float]:
        rows = rng.integers(0, len(frame), size=len(frame))
        collapsed = _collapsed(model, players, frame.iloc[rows])
        found = gcm.intrinsic_causal_influence(collapsed, spec.target, prediction_model="exact",
                                               num_samples_randomization=ICI_RANDOMIZATION,
                                               num_samples_baseline=ICI_BASELINE,
                                               shapley_config=ShapleyConfig(approximation_method=method, n_jobs=1))
        influence = {node: 0.0 for node in upstream + [spec.target]}
        influence.update({node: float(value) for node, value in found.items()})
        return influence

    parents, parent_bounds = gcm.confidence_intervals(strengths, confidence_level=confidence,
                                                      num_bootstrap_resamples=spec.bootstrap,
                                                      bootstrap_results_summary_func=summary)
    ancestors, ancestor_bounds = gcm.confidence_intervals(influences, confidence_level=confidence,
                                                          num_bootstrap_resamples=spec.bootstrap,
                                                          bootstrap_results_summary_func=summary)
    return {
        "target": spec.target,
        "parents": _ranked(parents, parent_bounds),
        "ancestors": _ranked(ancestors, ancestor_bounds),
        "measure": "variance",
        "level": spec.level,
        "bootstrap": spec.bootstrap,
        "notes": _notes(model, spec.target),
    }


def _variance_difference(target_model: Any):
    """Arrow strength's measure: the change in variance of the target (of its expected value for classifiers, whose
    default measure, a KL divergence, is infinite for the deterministic classifiers traced code gets)."""
    if not target_model.labels:
        return lambda old, new: float(np.var(new) - np.var(old))
    classes = target_model.mechanism.classifier_model.classes
    values = np.array([target_model.labels[c] for c in classes], dtype=np.float64)
    return lambda old, new: float(np.var(np.asarray(new) @ values) - np.var(np.asarray(old) @ values))


class Collapsed(FunctionalCausalModel):
    """A node of the collapsed model: from the values of its collapsed parents, computes the exact nodes between
    them and it (exact mechanisms: no noise; exact classifiers: certain), then its own mechanism with its own noise."""

    def __init__(self, model: FittedModel, node: str, parents: List[str]) -> None:
        self._model = model
        self._node = node
        self._parents = parents
        between = nx.ancestors(model.graph, node) - set(parents)
        self._between = [n for n in model.order if n in between]

    def evaluate(self, parent_samples: np.ndarray, noise_samples: np.ndarray) -> np.ndarray:
        parent_samples = np.asarray(parent_samples, dtype=np.float64).reshape(len(noise_samples), -1)
        values = {p: parent_samples[:, i] for i, p in enumerate(self._parents)}
        for node in self._between:
            values[node] = self._value(node, values, np.full(len(noise_samples), 0.5 if self._is_classifier(node)
                                                               else 0.0))
        return self._value(self._node, values, np.asarray(noise_samples).reshape(-1)).reshape(-1, 1)

    def draw_noise_samples(self, num_samples: int) -> np.ndarray:
        return self._model.nodes[self._node].mechanism.draw_noise_samples(num_samples)

    def fit(self, X: np.ndarray, Y: np.ndarray) -> None:  # noqa: N803 (gcm's names)
        """Already fitted: the kept mechanisms are used as they are."""

    def clone(self):
        return Collapsed(self._model, self._node, self._parents)

    def _is_classifier(self, node: str) -> bool:
        return bool(self._model.nodes[node].labels)

    def _value(self, node: str, values: Dict[str, np.ndarray], noise: np.ndarray) -> np.ndarray:
        node_model = self._model.nodes[node]
        parents = np.column_stack([values[p] for p in node_model.parents])
        out = node_model.mechanism.evaluate(parents, noise).reshape(-1)
        return to_numbers(node_model.labels, out) if node_model.labels else out.astype(np.float64)


def _collapsed(model: FittedModel, players: List[str], rows: pd.DataFrame) -> Any:
    """The model on the players only, an edge from each player to every player downstream of it; roots take the
    given rows' values."""
    graph = nx.DiGraph()
    graph.add_nodes_from(players)
    graph.add_edges_from((a, b) for a in players for b in players if a != b and nx.has_path(model.graph, a, b))
    mechanisms = {}
    for node in players:
        if model.nodes[node].is_root:
            mechanisms[node] = gcm.EmpiricalDistribution()
            mechanisms[node].fit(rows[node].to_numpy())
        else:
            mechanisms[node] = Collapsed(model, node, sorted(graph.predecessors(node)))
    return assemble(graph, mechanisms)


def _ranked(values: Dict[Any, float], bounds: Dict[Any, np.ndarray]) -> List[Dict[str, Any]]:
    total = sum(max(v, 0.0) for v in values.values())
    entries = []
    for node, value in values.items():
        low, high = (float(b) for b in bounds[node])
        value = float(value)
        entries.append({"node": node, "value": value, "low": min(low, value), "high": max(high, value),
                        "share": max(value, 0.0) / total if total > 0 else 0.0})
    return sorted(entries, key=lambda e: (-e["value"], e["node"]))


def _notes(model: FittedModel, target: str) -> List[str]:
    notes = []
    upstream = nx.ancestors(model.graph, target) | {target}
    inexact = sorted(n for n in upstream if not model.nodes[n].is_root and not model.nodes[n].exact)
    if inexact:
        notes.append("Not exact: %s; what their mechanisms do not explain from their inputs counts as their own "
                     "influence." % ", ".join("`%s`" % n for n in inexact))
    return notes
