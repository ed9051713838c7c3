"""The approach the sidecar replaces, for comparison: one fresh interpreter per query that imports dowhy.gcm,
auto-assigns every node (quality GOOD), fits, and asks ``gcm.average_causal_effect`` for each downstream node.

Usage: python per_query.py REQUEST.json ROOT SHIFT  (REQUEST.json holds ``fit`` params); prints one JSON line.
No intervals are computed here (which only favours this approach).
"""

import json
import sys
import time

started = time.perf_counter()

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from dowhy import gcm  # noqa: E402

imported = time.perf_counter()


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        params = json.load(f)
    root, shift = sys.argv[2], float(sys.argv[3])
    gcm.config.disable_progress_bars()
    gcm.config.set_default_n_jobs(1)
    gcm.util.general.set_random_seed(params["seed"])
    graph = nx.DiGraph([(e["from"], e["to"]) for e in params["graph"]["edges"]])
    frame = pd.DataFrame({n: np.asarray(v, dtype=float) for n, v in params["data"].items()})
    for node in params["graph"]["nodes"]:
        if node["type"] == "boolean":
            frame[node["id"]] = frame[node["id"]].astype(bool)
    scm = gcm.StructuralCausalModel(graph)
    gcm.auto.assign_causal_mechanisms(scm, frame, quality=gcm.auto.AssignmentQuality.GOOD)
    gcm.fit(scm, frame)
    fitted = time.perf_counter()
    effects = {}
    for target in nx.topological_sort(graph):
        if target in nx.descendants(graph, root):
            if frame[target].dtype == bool:
                # gcm.average_causal_effect fails on categorical targets with pandas 3 (read-only array), so
                # boolean targets compare the means of interventional samples, which is what it would do.
                alternative = gcm.interventional_samples(scm, {root: lambda x: x + shift}, num_samples_to_draw=500)
                reference = gcm.interventional_samples(scm, {root: lambda x: x}, num_samples_to_draw=500)
                effects[target] = float(alternative[target].astype(float).mean() - reference[target].astype(float).mean())
                continue
            effects[target] = float(
                gcm.average_causal_effect(
                    scm,
                    target,
                    interventions_alternative={root: lambda x: x + shift},
                    interventions_reference={root: lambda x: x},
                    num_samples_to_draw=500,
                )
            )
    done = time.perf_counter()
    print(json.dumps({
        "effects": effects,
        "importMillis": (imported - started) * 1000,
        "fitMillis": (fitted - imported) * 1000,
        "queryMillis": (done - fitted) * 1000,
    }))


main()
