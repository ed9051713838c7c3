"""Synthetic traces shaped like the ones the Java tracer sends: a 4-node pricing chain and a 12-node pricing method
with branches (a discount only for members, a capped tax, free shipping above a threshold)."""

from typing import Any, Dict, List, Tuple

import numpy as np


def chain4(rows: int = 500, seed: int = 0) -> Dict[str, Any]:
    """price -> subtotal = 3 * price -> taxed = 1.2 * subtotal -> return = taxed + 5."""
    rng = np.random.default_rng(seed)
    price = rng.uniform(1.0, 100.0, rows)
    subtotal = 3.0 * price
    taxed = 1.2 * subtotal
    total = taxed + 5.0
    columns = {"price": price, "subtotal": subtotal, "taxed": taxed, "return": total}
    edges = [("price", "subtotal"), ("subtotal", "taxed"), ("taxed", "return")]
    kinds = {"price": "parameter", "return": "return"}
    return _request(columns, edges, kinds, {}, seed)


def pricing12(rows: int = 500, seed: int = 0) -> Dict[str, Any]:
    """Twelve variables of a pricing method; ``discount`` and ``capped`` are nonlinear, ``big`` is boolean."""
    rng = np.random.default_rng(seed)
    price = rng.uniform(1.0, 100.0, rows)
    qty = rng.integers(1, 21, rows).astype(float)
    rate = rng.uniform(0.0, 0.3, rows)
    member = rng.integers(0, 2, rows).astype(float)
    subtotal = price * qty
    discount = np.where(member == 1.0, subtotal * rate, 0.0)
    net = subtotal - discount
    big = (net > 500.0).astype(float)
    shipping = np.where(big == 1.0, 0.0, 9.99)
    tax = net * 0.2
    capped = np.minimum(tax, 60.0)
    total = net + capped + shipping
    columns = {
        "price": price, "qty": qty, "rate": rate, "member": member, "subtotal": subtotal, "discount": discount,
        "net": net, "big": big, "shipping": shipping, "tax": tax, "capped": capped, "return": total,
    }
    edges = [
        ("price", "subtotal"), ("qty", "subtotal"), ("member", "discount"), ("subtotal", "discount"),
        ("rate", "discount"), ("subtotal", "net"), ("discount", "net"), ("net", "big"), ("big", "shipping"),
        ("net", "tax"), ("tax", "capped"), ("net", "return"), ("capped", "return"), ("shipping", "return"),
    ]
    kinds = {"price": "parameter", "qty": "parameter", "rate": "parameter", "member": "parameter", "return": "return"}
    return _request(columns, edges, kinds, {"member": "boolean", "big": "boolean"}, seed)


def _request(
    columns: Dict[str, np.ndarray], edges: List[Tuple[str, str]], kinds: Dict[str, str], types: Dict[str, str], seed: int
) -> Dict[str, Any]:
    nodes = [{"id": n, "kind": kinds.get(n, "local"), "type": types.get(n, "continuous")} for n in columns]
    return {
        "graph": {"nodes": nodes, "edges": [{"from": a, "to": b, "kind": "data"} for a, b in edges]},
        "data": {n: c.tolist() for n, c in columns.items()},
        "quality": "GOOD",
        "seed": seed,
    }
