"""Runs the accuracy suite's cases through the sidecar the way the Java side does, and scores the answers.

For each case and configuration (seed, rows): sample the inputs, compute every definition as the tracer records it,
``fit``, ask ``effect`` on the case's target. When the answer says the effect is not identifiable from observation
and names nodes to randomise (``experiment``), run the experiment the Java side would: as many rows again with those
nodes drawn uniformly over the range they took, independently of their inputs, marked ``intervened``; fit on both
and ask again.

An answer is *good* when its value is within 10% of the truth and its interval covers the truth; *flagged* when it is
marked unreliable or gives no number; *confidently wrong* when its interval excludes the truth and nothing is
flagged. Answers of a sidecar that predates per-effect flags are judged as the Java side judged them then: flagged
when the target's own held-out R^2 is below 0.7.

Run it alone for a table: ``python dowhy/tests/accuracy.py [--full] [--case NAME]``.
"""

import argparse
import os
import sys
import time
import zlib
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

if __name__ == "__main__":  # run alone: find the package as conftest.py does under pytest
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from accuracy_cases import CASES, HELD_OUT, NAMESPACE, Case
from synthetic import call

RELATIVE = 0.10
MIN_QUALITY = 0.7
QUICK = ((0, 200),)
FULL = ((0, 200), (1, 200), (0, 500), (1, 500))


@dataclass
class Outcome:
    """One case answered in one configuration."""

    case: str
    kind: str
    seed: int
    rows: int
    truth: float
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    flagged: bool
    reasons: List[str]
    mechanisms: Dict[str, str]
    experimented: bool
    millis: float

    @property
    def within(self) -> bool:
        return self.value is not None and abs(self.value - self.truth) <= _tolerance(self)

    @property
    def covered(self) -> bool:
        if self.low is None or self.high is None:
            return False
        slack = 1e-6 * max(1.0, abs(self.truth))
        return self.low - slack <= self.truth <= self.high + slack

    @property
    def good(self) -> bool:
        return self.within and self.covered

    @property
    def confidently_wrong(self) -> bool:
        return self.value is not None and not self.covered and not self.flagged


def _tolerance(outcome: "Outcome") -> float:
    case = next(c for c in CASES + HELD_OUT if c.name == outcome.case)
    return RELATIVE * (abs(outcome.truth) if outcome.truth != 0.0 else case.scale)


def columns(case: Case, rows: int, seed: int, overrides: Optional[Dict[str, np.ndarray]] = None):
    """The traced columns of ``rows`` runs: inputs drawn by the case's samplers, every definition computed.

    :param overrides: Values that replace a definition's own (an experiment setting a node independently).
    :return: (columns by node in definition order, node types).
    """
    rng = np.random.default_rng([seed, zlib.crc32(case.name.encode())])
    values: Dict[str, np.ndarray] = {}
    types: Dict[str, str] = {}
    for name, spec in case.inputs.items():
        if spec.boolean:
            values[name] = rng.integers(0, 2, rows).astype(bool)
        elif spec.integer:
            values[name] = rng.integers(int(spec.low), int(spec.high) + 1, rows).astype(float)
        else:
            values[name] = rng.uniform(spec.low, spec.high, rows)
    for node, expression in case.nodes:
        value = np.asarray(eval(expression, dict(NAMESPACE), dict(values)))  # noqa: S307 (the suite's own table)
        if value.shape != (rows,):
            value = np.broadcast_to(value, (rows,)).copy()
        if overrides and node in overrides:
            value = overrides[node].astype(value.dtype)
        values[node] = value
    for name, value in values.items():
        if name in case.categorical:
            types[name] = "categorical"
        elif value.dtype == bool:
            types[name] = "boolean"
        else:
            types[name] = "continuous"
    return {n: v.astype(float) for n, v in values.items()}, types


def fit_params(case: Case, data: Dict[str, np.ndarray], types: Dict[str, str], seed: int,
               intervened: Optional[List[List[str]]] = None) -> Dict[str, Any]:
    nodes = [{"id": n, "kind": "parameter", "type": types[n]} for n in case.inputs]
    nodes += [{"id": n, "kind": "return" if n == "return" else "local", "type": types[n]} for n, _ in case.nodes]
    edges = [{"from": p, "to": n, "kind": "data"} for n, ps in case.parents.items() for p in ps]
    params = {
        "graph": {"nodes": nodes, "edges": edges},
        "data": {n: c.tolist() for n, c in data.items()},
        "quality": "GOOD",
        "seed": seed,
    }
    if intervened is not None:
        params["intervened"] = intervened
    return params


def run_case(server, case: Case, seed: int, rows: int) -> Outcome:
    """Fits the case's traces, asks its question, runs an experiment where the answer asks for one."""
    started = time.perf_counter()
    data, types = columns(case, rows, seed)
    fit, effect = _ask(server, case, fit_params(case, data, types, seed), rows, seed)
    experimented = False
    nodes = effect.get("experiment") if effect is not None else None
    if nodes and effect.get("identifiable") is False:
        rng = np.random.default_rng([seed, 7])
        overrides = {n: rng.uniform(data[n].min(), data[n].max(), rows) for n in nodes}
        extra, _ = columns(case, rows, seed + 1000, overrides)
        both = {n: np.concatenate([data[n], extra[n]]) for n in data}
        intervened = [[] for _ in range(rows)] + [sorted(nodes) for _ in range(rows)]
        fit, effect = _ask(server, case, fit_params(case, both, types, seed, intervened), rows, seed)
        experimented = True
    millis = (time.perf_counter() - started) * 1000.0
    if effect is None:
        return Outcome(case.name, case.kind, seed, rows, case.truth, None, None, None, True, ["error"],
                       fit.get("mechanism", {}), experimented, millis)
    if "unreliable" in effect:
        flagged = bool(effect["unreliable"]) or effect.get("value") is None
        reasons = [r["code"] for r in effect.get("reasons", [])]
    else:  # a sidecar without per-effect flags: the Java side's rule of the time
        weak = fit["r2"].get(case.target, 1.0) < MIN_QUALITY
        flagged, reasons = weak, (["weak-fit"] if weak else [])
    return Outcome(case.name, case.kind, seed, rows, case.truth, effect.get("value"), effect.get("low"),
                   effect.get("high"), flagged, reasons, fit["mechanism"], experimented, millis)


def _ask(server, case: Case, params: Dict[str, Any], rows: int, seed: int) -> Tuple[Dict[str, Any], Optional[Dict]]:
    fitted = call(server, "fit", params)
    if "error" in fitted:
        return {"error": fitted["error"]}, None
    fit = fitted["result"]
    query = {"model": fit["model"], "intervention": case.query, "targets": [case.target], "samples": rows,
             "level": 0.95, "seed": seed, "minQuality": MIN_QUALITY}
    answered = call(server, "effect", query)
    if "error" in answered:
        return fit, None
    return fit, answered["result"]["effects"][case.target]


def run(server, configurations: Sequence[Tuple[int, int]] = QUICK, names: Optional[Sequence[str]] = None,
        cases: Sequence[Case] = CASES) -> List[Outcome]:
    cases = [c for c in cases if names is None or c.name in names]
    return [run_case(server, case, seed, rows) for seed, rows in configurations for case in cases]


def summary(outcomes: Sequence[Outcome]) -> Dict[str, Any]:
    return {
        "answers": len(outcomes),
        "good": sum(o.good for o in outcomes),
        "share_good": sum(o.good for o in outcomes) / max(1, len(outcomes)),
        "within": sum(o.within for o in outcomes),
        "covered": sum(o.covered for o in outcomes),
        "flagged": sum(o.flagged for o in outcomes),
        "confidently_wrong": [o.case + "@%d/%d" % (o.seed, o.rows) for o in outcomes if o.confidently_wrong],
        "experiments": sum(o.experimented for o in outcomes),
    }


def _fmt(v: Optional[float]) -> str:
    return "None" if v is None else "%.6g" % v


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="seeds 0 and 1 at 200 and 500 rows (default: 0 at 200)")
    parser.add_argument("--case", action="append", help="only these cases")
    parser.add_argument("--held-out", action="store_true", help="the held-out cases instead of the main ones")
    args = parser.parse_args(argv)
    from liftsys_dowhy.server import Server

    started = time.perf_counter()
    outcomes = run(Server(), FULL if args.full else QUICK, args.case, HELD_OUT if args.held_out else CASES)
    for o in outcomes:
        mark = "ok " if o.good else ("WRONG" if o.confidently_wrong else "miss")
        print("%-5s %-22s s%d n%-4d truth %-10s value %-12s [%s, %s] %s%s %s" % (
            mark, o.case, o.seed, o.rows, _fmt(o.truth), _fmt(o.value), _fmt(o.low), _fmt(o.high),
            "flagged:" + ",".join(o.reasons) if o.flagged else "", " (experiment)" if o.experimented else "",
            {k: v for k, v in o.mechanisms.items() if not v.startswith("root")}))
    print(summary(outcomes))
    print("%.1f s" % (time.perf_counter() - started))


if __name__ == "__main__":
    main()
