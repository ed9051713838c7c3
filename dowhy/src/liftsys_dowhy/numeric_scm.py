"""The kept model as a ``gcm.StructuralCausalModel`` whose every node yields numbers, for DoWhy's own algorithms.

Classifier mechanisms yield labels (booleans, or strings for categorical codes), but the mechanisms downstream were
fitted on the traced numbers: a DoWhy algorithm that propagates samples through the graph (``draw_samples``,
``intrinsic_causal_influence``, ``counterfactual_samples``) would hand them labels. Here each classifier is wrapped
so that it yields the number its label stands for; everything else is the kept mechanism itself.
"""

from typing import Any, Dict

import networkx as nx
import numpy as np

from dowhy import gcm
from dowhy.gcm.causal_models import PARENTS_DURING_FIT
from dowhy.graph import get_ordered_predecessors


class NumericClassifierFCM(gcm.ClassifierFCM):
    """A fitted classifier FCM that yields the numbers its classes stand for."""

    def __init__(self, fitted: gcm.ClassifierFCM, labels: Dict[Any, float]) -> None:
        """:param fitted: The kept classifier FCM. :param labels: Its label -> number map."""
        super().__init__(fitted.classifier_model)
        self._labels = labels

    def evaluate(self, parent_samples: np.ndarray, noise_samples: np.ndarray) -> np.ndarray:
        return to_numbers(self._labels, super().evaluate(parent_samples, noise_samples)).reshape(-1, 1)

    def clone(self):
        return NumericClassifierFCM(gcm.ClassifierFCM(self.classifier_model.clone()), dict(self._labels))


def to_numbers(labels: Dict[Any, float], classes: np.ndarray) -> np.ndarray:
    """:param labels: A classifier's label -> number map. :param classes: Labels it yielded.
    :return: The numbers they stand for (looked up once per distinct label)."""
    classes = np.asarray(classes).reshape(-1)
    if classes.dtype == bool:
        return classes.astype(np.float64)
    distinct, inverse = np.unique(classes.astype(str) if classes.dtype == object else classes, return_inverse=True)
    by_text = {str(k): v for k, v in labels.items()}
    return np.array([by_text[str(d)] for d in distinct.tolist()], dtype=np.float64)[inverse.reshape(-1)]


def numeric_scm(model: Any) -> gcm.StructuralCausalModel:
    """:param model: The kept model. :return: Its SCM with numeric classifiers (built once, kept with the model)."""
    key = ("numeric-scm",)
    if key not in model.memo:
        mechanisms = {}
        for node_id in model.order:
            node_model = model.nodes[node_id]
            mechanism = node_model.mechanism
            if node_model.labels:
                mechanism = NumericClassifierFCM(mechanism, node_model.labels)
            mechanisms[node_id] = mechanism
        model.memo[key] = assemble(model.graph, mechanisms)
    return model.memo[key]


def assemble(graph: nx.DiGraph, mechanisms: Dict[str, Any]) -> gcm.StructuralCausalModel:
    """An SCM of already fitted mechanisms, marked as fitted on the graph's parents (in gcm's order, which is the
    sorted order ``fit`` used), as ``gcm.fit`` would mark it."""
    scm = gcm.StructuralCausalModel(nx.DiGraph(graph))
    for node_id, mechanism in mechanisms.items():
        scm.set_causal_mechanism(node_id, mechanism)
        scm.graph.nodes[node_id][PARENTS_DURING_FIT] = get_ordered_predecessors(scm.graph, node_id)
    return scm
