"""Synthetic structural causal models with analytic answers, as ``fit`` parameters, and a tiny request helper."""

import json
from typing import Any, Dict, Iterable, List, Tuple

import numpy as np

from liftsys_dowhy.server import Server


def request(columns: Dict[str, Iterable[float]], edges: List[Tuple[str, str]], types: Dict[str, str] = None,
            seed: int = 0, quality: str = "GOOD") -> Dict[str, Any]:
    """Builds ``fit`` params from columns (insertion order is node order) and edges."""
    types = types or {}
    return {
        "graph": {
            "nodes": [{"id": n, "kind": "local", "type": types.get(n, "continuous")} for n in columns],
            "edges": [{"from": a, "to": b, "kind": "data"} for a, b in edges],
        },
        "data": {n: [v.item() if hasattr(v, "item") else v for v in c] for n, c in columns.items()},
        "quality": quality,
        "seed": seed,
    }


def call(server: Server, method: str, params: Any, request_id: int = 1) -> Dict[str, Any]:
    """Sends one request through the server's line handler, as the wire would, and returns the decoded response."""
    line = json.dumps({"id": request_id, "method": method, "params": params})
    return json.loads(json.dumps(server.handle_line(line)))


def uniform(low: float, high: float, rows: int = 500, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).uniform(low, high, rows)


def linear_chain(rows: int = 500) -> Dict[str, Any]:
    """x -> y = 2x + 1 -> z = -3y + 4: a unit shift of x moves y by 2 and z by -6."""
    x = uniform(0.0, 10.0, rows)
    y = 2.0 * x + 1.0
    z = -3.0 * y + 4.0
    return request({"x": x, "y": y, "z": z}, [("x", "y"), ("y", "z")])


def fork(rows: int = 500) -> Dict[str, Any]:
    """y <- x -> z with y = 2x and z = x + 4 (and w = y * z): a unit shift of x moves y by 2, z by 1."""
    x = uniform(-5.0, 5.0, rows)
    y = 2.0 * x
    z = x + 4.0
    w = y * z
    return request({"x": x, "y": y, "z": z, "w": w}, [("x", "y"), ("x", "z"), ("y", "w"), ("z", "w")])


def collider(rows: int = 500) -> Dict[str, Any]:
    """a -> c <- b with c = a - 2b: shifting a moves c by 1; b is not downstream of a."""
    a = uniform(0.0, 1.0, rows, seed=2)
    b = uniform(0.0, 1.0, rows, seed=3)
    c = a - 2.0 * b
    return request({"a": a, "b": b, "c": c}, [("a", "c"), ("b", "c")])


def hinge(rows: int = 500) -> Dict[str, Any]:
    """x -> y = max(x - 5, 0): nonlinear, so auto-assigned; do(x=2) vs do(x=8) moves y by exactly 3."""
    x = uniform(0.0, 10.0, rows)
    return request({"x": x, "y": np.maximum(x - 5.0, 0.0)}, [("x", "y")])


def threshold(rows: int = 500) -> Dict[str, Any]:
    """x -> flag = x > 5 (boolean) -> y = 10 * flag + x, with x -> y too.

    Shifting x by 1 moves flag by P(4 < x <= 5) = 0.1 and y by 1 + 10 * 0.1 = 2 (x uniform on [0, 10]).
    """
    x = uniform(0.0, 10.0, rows)
    flag = x > 5.0
    y = 10.0 * flag + x
    return request({"x": x, "flag": flag, "y": y}, [("x", "flag"), ("flag", "y"), ("x", "y")], {"flag": "boolean"})


def shifted_share(x: np.ndarray, low: float, high: float) -> float:
    """The share of the traced x in (low, high], the sample's own version of an analytic probability."""
    return float(np.mean((x > low) & (x <= high)))


def step(rows: int = 500) -> Dict[str, Any]:
    """x -> fee = 5 if x > 3 else 2: a step function, which a regression tree holds exactly.
    Setting x from 0 to 10 moves fee by exactly 3."""
    x = uniform(0.0, 6.0, rows, seed=5)
    fee = np.where(x > 3.0, 5.0, 2.0)
    return request({"x": x, "fee": fee}, [("x", "fee")])
