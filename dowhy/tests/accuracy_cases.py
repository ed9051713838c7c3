"""The accuracy suite's cases: small methods whose true effect is known by hand and does not depend on the sampled
distribution, written as data (inputs, definitions as expressions, the question, the truth).

Each case reads like a traced Java method: ``inputs`` are its parameters (sampled uniformly, as the tracer's samplers
do), ``nodes`` its later definitions in order, each an expression over earlier names (``return`` is the value
returned). The graph's edges are the names an expression uses, as the dependence graph would draw them. A node whose
expression is a comparison is boolean (0/1); ``categorical`` names the nodes recorded as category codes. ``query`` is
the effect request's intervention; ``truth`` the effect on ``target`` worked out by hand.

Expressions use numpy and three helpers that behave like Java: ``idiv`` (integer division, truncating towards zero),
``jmod`` (remainder with the dividend's sign) and ``choose`` (a ``switch`` over small integer codes).
"""

import ast
from dataclasses import dataclass, field
from typing import Any, Dict, List, Tuple

import numpy as np

E = float(np.e)


@dataclass(frozen=True)
class Input:
    """A parameter's sampler: uniform on [low, high]; integers when ``integer``; booleans when ``boolean``."""

    low: float = 0.0
    high: float = 1.0
    integer: bool = False
    boolean: bool = False


def U(low: float, high: float) -> Input:  # noqa: N802 (reads like the distribution)
    return Input(low, high)


def I(low: int, high: int) -> Input:  # noqa: N802,E743
    return Input(low, high, integer=True)


B = Input(boolean=True)


@dataclass(frozen=True)
class Case:
    """One method, one question and its analytic answer."""

    name: str
    inputs: Dict[str, Input]
    nodes: Tuple[Tuple[str, str], ...]
    query: Dict[str, Any]
    target: str
    truth: float
    categorical: Tuple[str, ...] = ()
    scale: float = 1.0  # what "10%" means when the truth is 0: within 0.1 * scale
    kind: str = ""
    note: str = ""
    parents: Dict[str, Tuple[str, ...]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        known = set(self.inputs)
        parents = {}
        for node, expression in self.nodes:
            used = {n.id for n in ast.walk(ast.parse(expression, mode="eval")) if isinstance(n, ast.Name)}
            parents[node] = tuple(sorted(used & known))
            known.add(node)
        object.__setattr__(self, "parents", parents)


def idiv(a: np.ndarray, b: float) -> np.ndarray:
    """Java's integer division: truncates towards zero."""
    return np.trunc(np.asarray(a, dtype=float) / b)


def jmod(a: np.ndarray, b: float) -> np.ndarray:
    """Java's remainder: the sign of the dividend."""
    return np.fmod(np.asarray(a, dtype=float), b)


def choose(k: np.ndarray, values: List[float]) -> np.ndarray:
    """A switch over integer codes 0..len(values)-1."""
    return np.asarray(values, dtype=float)[np.asarray(k, dtype=int)]


NAMESPACE = {
    "where": np.where, "maximum": np.maximum, "minimum": np.minimum, "abs": np.abs, "clip": np.clip,
    "floor": np.floor, "sqrt": np.sqrt, "log": np.log, "log2": np.log2, "exp": np.exp, "sin": np.sin,
    "idiv": idiv, "jmod": jmod, "choose": choose,
}


def shift(**amounts: float) -> Dict[str, Any]:
    return {"shift": dict(amounts)}


def setting(**pairs: Tuple[float, float]) -> Dict[str, Any]:
    return {"set": {node: {"from": a, "to": b} for node, (a, b) in pairs.items()}}


def _c(name, inputs, nodes, query, target, truth, kind, **extra) -> Case:
    return Case(name, inputs, tuple(nodes), query, target, truth, kind=kind, **extra)


CASES: List[Case] = [
    # Linear: every node linear-exact; the effect is the product of coefficients along the paths.
    _c("lin_chain2", {"x": U(-10, 10)}, [("return", "3 * x + 1")], shift(x=1.0), "return", 3.0, "linear"),
    _c("lin_chain4", {"price": U(1, 100)},
       [("subtotal", "3 * price"), ("taxed", "1.2 * subtotal"), ("return", "taxed + 5")],
       shift(price=1.0), "return", 3.6, "linear"),
    _c("lin_set_middle", {"x": U(0, 10)}, [("y", "2 * x + 1"), ("z", "-3 * y + 4")],
       setting(y=(3.0, 13.0)), "z", -30.0, "linear"),
    _c("lin_two_inputs_a", {"a": U(0, 10), "b": U(-5, 5)}, [("return", "2 * a - 5 * b")],
       shift(a=1.0), "return", 2.0, "linear"),
    _c("lin_two_inputs_b", {"a": U(0, 10), "b": U(-5, 5)}, [("return", "2 * a - 5 * b")],
       setting(b=(1.0, 3.0)), "return", -10.0, "linear"),
    _c("lin_fork_join", {"x": U(-5, 5)}, [("y", "2 * x"), ("z", "x + 4"), ("return", "y + z")],
       shift(x=1.0), "return", 3.0, "linear"),
    _c("lin_long_chain", {"x": U(-5, 5)},
       [("a", "x + 1"), ("b", "2 * a"), ("c", "b - 3"), ("d", "0.5 * c"), ("e", "4 * d + 1"), ("return", "e - x")],
       shift(x=1.0), "return", 3.0, "linear", note="return's parents e and x move together: not a collinearity"),
    _c("lin_integer", {"n": I(0, 50)}, [("return", "3 * n - 2")], setting(n=(5.0, 9.0)), "return", 12.0, "linear"),
    _c("lin_huge", {"x": U(0, 1)}, [("return", "1e6 * x")], shift(x=0.1), "return", 1e5, "linear"),
    _c("lin_tiny", {"x": U(0, 1000)}, [("return", "1e-6 * x + 2")], setting(x=(100.0, 300.0)), "return", 2e-4,
       "linear"),
    # Polynomials, products and branches on booleans.
    _c("poly_square", {"x": U(-5, 5)}, [("return", "x * x")], setting(x=(1.0, 3.0)), "return", 8.0, "polynomial"),
    _c("poly_cubic", {"x": U(-3, 3)}, [("return", "x ** 3 - 2 * x")], setting(x=(-1.0, 2.0)), "return", 3.0,
       "polynomial"),
    _c("poly_quartic", {"x": U(-10, 10)}, [("return", "x ** 4")], setting(x=(1.0, 2.0)), "return", 15.0,
       "polynomial"),
    _c("poly_quartic_wide", {"x": U(-10, 10)}, [("return", "x ** 4")], setting(x=(-2.0, 3.0)), "return", 65.0,
       "polynomial"),
    _c("poly_product_set", {"a": U(0, 10), "b": U(0, 10)}, [("return", "a * b + a")],
       setting(a=(1.0, 2.0), b=(3.0, 3.0)), "return", 4.0, "polynomial"),
    _c("poly_chain", {"a": U(0, 10)}, [("b", "a * a"), ("return", "b + 3 * a")], setting(a=(2.0, 4.0)), "return",
       18.0, "polynomial"),
    _c("poly_two_inputs", {"a": U(-5, 5), "b": U(-5, 5)}, [("return", "a * a + a * b - b")],
       setting(a=(1.0, 2.0), b=(2.0, 2.0)), "return", 5.0, "polynomial"),
    # Steps and integer arithmetic.
    _c("step_fee", {"x": U(0, 6)}, [("fee", "where(x > 3, 5.0, 2.0)")], setting(x=(0.5, 5.5)), "fee", 3.0, "step"),
    _c("step_brackets", {"x": U(0, 100)}, [("rate", "where(x < 20, 0.1, where(x < 50, 0.2, 0.3))")],
       setting(x=(10.0, 60.0)), "rate", 0.2, "step"),
    _c("int_div", {"n": I(0, 100)}, [("q", "idiv(n, 3)")], setting(n=(10.0, 31.0)), "q", 7.0, "step"),
    _c("int_mod", {"n": I(0, 100)}, [("m", "jmod(n, 5)")], setting(n=(12.0, 14.0)), "m", 2.0, "step"),
    _c("step_plus_linear", {"x": U(0, 6)}, [("fee", "where(x > 3, 5.0, 2.0)"), ("return", "fee + 2 * x")],
       setting(x=(1.0, 5.0)), "return", 11.0, "step"),
    _c("step_at_untraced_value", {"n": I(0, 100)}, [("r", "where(n >= 50, 1.0, 0.0)")], setting(n=(45.0, 50.0)),
       "r", 1.0, "step", note="50 itself may not be traced: the step lies somewhere between the traced neighbours"),
    _c("int_div_chain", {"n": I(0, 100)}, [("q", "idiv(n, 10)"), ("return", "10 * q + 1")],
       setting(n=(25.0, 47.0)), "return", 20.0, "step"),
    # Smooth functions no polynomial holds: the fit is approximate, the interval must say how much.
    _c("reciprocal", {"x": U(1, 10)}, [("r", "100 / x")], setting(x=(2.0, 4.0)), "r", -25.0, "nonpolynomial"),
    _c("reciprocal_upstream", {"x": U(1, 10)}, [("r", "100 / x"), ("return", "r + 1")], setting(x=(2.0, 4.0)),
       "return", -25.0, "nonpolynomial"),
    _c("reciprocal_near_zero", {"x": U(0.05, 10)}, [("r", "100 / x"), ("return", "2 * r + 3")],
       setting(x=(1.0, 2.0)), "return", -100.0, "upstream-misfit",
       note="r = 100 / x explodes near 0: an upstream misfit the target's own R^2 does not show"),
    _c("sqrt", {"x": U(0, 100)}, [("r", "sqrt(x)")], setting(x=(4.0, 9.0)), "r", 1.0, "nonpolynomial"),
    _c("log", {"x": U(0.5, 20)}, [("r", "log(x)")], setting(x=(1.0, E)), "r", 1.0, "nonpolynomial"),
    _c("exp", {"x": U(0, 30)}, [("r", "exp(x / 10)")], setting(x=(5.0, 15.0)), "r", 2.8329677996, "nonpolynomial"),
    _c("sin_upstream", {"x": U(0, 6.283)}, [("r", "sin(x)"), ("return", "10 * r")], setting(x=(0.5, 2.0)),
       "return", 4.298718882, "nonpolynomial"),
    # max, min, abs, clamp: piecewise linear.
    _c("max0", {"x": U(-10, 10)}, [("r", "maximum(x, 0)")], setting(x=(-2.0, 3.0)), "r", 3.0, "piecewise"),
    _c("min10", {"x": U(0, 20)}, [("r", "minimum(x, 10)")], setting(x=(5.0, 8.0)), "r", 3.0, "piecewise"),
    _c("abs", {"x": U(-10, 10)}, [("r", "abs(x)")], setting(x=(-3.0, 2.0)), "r", -1.0, "piecewise"),
    _c("clamp_inside", {"x": U(-50, 150)}, [("r", "clip(x, 0, 100)")], setting(x=(20.0, 60.0)), "r", 40.0,
       "piecewise"),
    _c("clamp_flat", {"x": U(-50, 150)}, [("r", "clip(x, 0, 100)")], setting(x=(120.0, 140.0)), "r", 0.0,
       "piecewise", scale=20.0),
    _c("max_two", {"a": U(0, 10), "b": U(0, 10)}, [("r", "maximum(a, b)")], setting(a=(1.0, 5.0), b=(3.0, 3.0)),
       "r", 2.0, "piecewise"),
    _c("abs_diff", {"a": U(0, 10), "b": U(0, 10)}, [("r", "abs(a - b)")], setting(a=(2.0, 7.0), b=(4.0, 4.0)),
       "r", 1.0, "piecewise"),
    _c("clamp_chain", {"x": U(-50, 150)}, [("c", "clip(x, 0, 100)"), ("return", "2 * c + 1")],
       setting(x=(20.0, 60.0)), "return", 80.0, "piecewise"),
    # switch statements over small codes.
    _c("switch_int", {"k": I(0, 3)}, [("v", "choose(k, [10, 20, 5, 0])")], setting(k=(1.0, 2.0)), "v", -15.0,
       "switch"),
    _c("switch_categorical", {"k": I(0, 4)}, [("v", "choose(k, [10, 20, 5, 0, 7])")], setting(k=(0.0, 3.0)), "v",
       -10.0, "switch", categorical=("k",)),
    _c("switch_ranges", {"k": I(0, 9)}, [("v", "where(k < 2, 2 * k, 7)")], setting(k=(1.0, 5.0)), "v", 5.0,
       "switch"),
    _c("switch_then_linear", {"k": I(0, 3)}, [("v", "choose(k, [1, 2, 3, 4])"), ("return", "10 * v + 1")],
       setting(k=(0.0, 3.0)), "return", 30.0, "switch"),
    # Booleans: comparisons, flags, branches.
    _c("bool_threshold", {"x": U(0, 10)}, [("flag", "x > 5"), ("y", "where(flag, 10.0, 0.0) + x")],
       setting(x=(2.0, 8.0)), "y", 16.0, "boolean"),
    _c("bool_param_discount", {"member": B, "price": U(1, 100)},
       [("disc", "where(member, 0.1 * price, 0.0)"), ("net", "price - disc")],
       setting(member=(0.0, 1.0), price=(50.0, 50.0)), "net", -5.0, "boolean"),
    _c("bool_and", {"a": U(-5, 5), "b": U(-5, 5)}, [("ok", "(a > 0) & (b > 0)")],
       setting(a=(-1.0, 1.0), b=(1.0, 1.0)), "ok", 1.0, "boolean"),
    _c("bool_set_local", {"x": U(0, 10)}, [("flag", "x > 5"), ("y", "10 * flag + x")], setting(flag=(0.0, 1.0)),
       "y", 10.0, "boolean"),
    _c("bool_sign", {"x": U(-5, 5)}, [("neg", "x < 0"), ("r", "2 * where(neg, -1.0, 1.0)")],
       setting(x=(-2.0, 3.0)), "r", 4.0, "boolean"),
    # Loops, summarised by their values after the loop.
    _c("loop_sum", {"n": I(0, 50)}, [("s", "n * (n + 1) / 2")], setting(n=(3.0, 5.0)), "s", 9.0, "loop"),
    _c("loop_repeat_add", {"n": I(0, 20), "x": U(0, 10)}, [("acc", "n * x")], setting(n=(2.0, 4.0), x=(3.0, 3.0)),
       "acc", 6.0, "loop"),
    _c("loop_halvings", {"n": I(1, 1000)}, [("c", "floor(log2(n))")], setting(n=(40.0, 300.0)), "c", 3.0, "loop"),
    _c("loop_powers", {"n": I(0, 20)}, [("p", "2.0 ** n")], setting(n=(3.0, 5.0)), "p", 24.0, "loop"),
    # Early returns: the returned value is a branch over the guard.
    _c("early_zero", {"x": U(-10, 10)}, [("return", "where(x < 0, 0.0, 2 * x)")], setting(x=(1.0, 4.0)), "return",
       6.0, "early-return"),
    _c("early_flag", {"flag": B, "x": U(0, 10)}, [("return", "where(flag, x + 1, -1.0)")],
       setting(flag=(1.0, 1.0), x=(2.0, 5.0)), "return", 3.0, "early-return"),
    _c("early_keeps_earlier", {"x": U(0, 10)}, [("y", "3 * x"), ("return", "where(x > 8, 0.0, y)")],
       setting(x=(1.0, 2.0)), "return", 3.0, "early-return", note="a branch that keeps an earlier value"),
    _c("early_guard_cap", {"x": U(-20, 20)}, [("g", "where(x > 10, 10.0, x)"), ("return", "g + 5")],
       setting(x=(2.0, 6.0)), "return", 4.0, "early-return"),
    # Zero effects.
    _c("zero_cancel", {"x": U(0, 10)}, [("r", "x - x")], setting(x=(1.0, 5.0)), "r", 0.0, "zero"),
    _c("zero_unreached_branch", {"x": U(0, 50)}, [("y", "where(x > 100, 1.0, 0.0)"), ("return", "y + 2")],
       setting(x=(10.0, 20.0)), "return", 0.0, "zero"),
    _c("zero_max_floor", {"x": U(0, 50)}, [("r", "maximum(x, 100)")], setting(x=(10.0, 20.0)), "r", 0.0, "zero"),
    _c("zero_times_zero", {"x": U(0, 10)}, [("k", "0 * x"), ("return", "k + 3")], setting(x=(1.0, 9.0)), "return",
       0.0, "zero"),
    # A local subject computed from an input that also reaches the target: observation cannot tell them apart.
    _c("collinear_local", {"x": U(-10, 10)},
       [("base", "2 * x + 1"), ("out", "3 * base - 4"), ("return", "out + x")], shift(base=1.0), "return", 3.0,
       "collinear"),
    _c("collinear_local_set", {"x": U(0, 10)}, [("y", "x + 1"), ("z", "2 * y + x")], setting(y=(2.0, 5.0)), "z",
       6.0, "collinear"),
    # Strings and chars recorded as category codes: no fit may fail on how many there are.
    _c("char_codes", {"c": I(32, 126)}, [("digit", "c - 48")], setting(c=(50.0, 55.0)), "digit", 5.0, "categorical",
       categorical=("c",)),
    _c("many_categories", {"x": U(0, 80)}, [("s", "floor(x)"), ("y", "2 * s")], setting(x=(10.5, 20.5)), "y", 20.0,
       "categorical", categorical=("s",)),
]


# Written after the mechanisms and intervals were tuned on CASES, and run once to check them: not tuned on.
HELD_OUT: List[Case] = [
    _c("h_fifth_power", {"x": U(-3, 3)}, [("return", "x ** 5")], setting(x=(1.0, 2.0)), "return", 31.0, "polynomial"),
    _c("h_three_way_product", {"a": U(0, 5), "b": U(0, 5), "c": U(0, 5)}, [("return", "a * b * c")],
       setting(a=(1.0, 2.0), b=(2.0, 2.0), c=(3.0, 3.0)), "return", 6.0, "polynomial"),
    _c("h_ratio", {"a": U(1, 10), "b": U(1, 10)}, [("return", "a / b")], setting(a=(2.0, 6.0), b=(4.0, 4.0)),
       "return", 1.0, "nonpolynomial"),
    _c("h_cbrt", {"x": U(0, 125)}, [("r", "x ** (1.0 / 3.0)")], setting(x=(8.0, 27.0)), "r", 1.0, "nonpolynomial"),
    _c("h_pow_1_5", {"x": U(0, 50)}, [("r", "x ** 1.5"), ("return", "r - 1")], setting(x=(4.0, 9.0)), "return",
       19.0, "nonpolynomial"),
    _c("h_log10", {"x": U(1, 1000)}, [("r", "log(x) / log(10.0)")], setting(x=(10.0, 100.0)), "r", 1.0,
       "nonpolynomial"),
    _c("h_round", {"x": U(0, 20)}, [("r", "floor(x + 0.5)")], setting(x=(2.2, 7.8)), "r", 6.0, "step"),
    _c("h_floor_mod", {"n": I(-50, 50)}, [("m", "n - 7 * floor(n / 7)")], setting(n=(-3.0, 10.0)), "m", -1.0,
       "step"),
    _c("h_shift_left", {"n": I(0, 1000)}, [("r", "n * 4")], setting(n=(10.0, 20.0)), "r", 40.0, "linear"),
    _c("h_nested_min_max", {"x": U(-20, 20)}, [("r", "maximum(minimum(x, 5), -5)"), ("return", "3 * r")],
       setting(x=(-2.0, 1.0)), "return", 9.0, "piecewise"),
    _c("h_signum", {"x": U(-10, 10)}, [("r", "where(x > 0, 1.0, where(x < 0, -1.0, 0.0))")], setting(x=(-4.0, 6.0)),
       "r", 2.0, "step"),
    _c("h_ternary_chain", {"x": U(0, 30)}, [("fee", "where(x < 10, 1.0, where(x < 20, 2.0, 4.0))"),
                                             ("return", "fee * 10 + x")], setting(x=(5.0, 25.0)), "return", 50.0,
       "step"),
    _c("h_bool_or", {"a": U(-5, 5), "b": U(-5, 5)}, [("any", "(a > 2) | (b > 2)")],
       setting(a=(0.0, 3.0), b=(0.0, 0.0)), "any", 1.0, "boolean"),
    _c("h_branch_product", {"member": B, "price": U(1, 100), "qty": I(1, 10)},
       [("subtotal", "price * qty"), ("disc", "where(member, 0.2 * subtotal, 0.0)"), ("return", "subtotal - disc")],
       setting(member=(0.0, 1.0), price=(10.0, 10.0), qty=(3.0, 3.0)), "return", -6.0, "boolean"),
    _c("h_loop_squares", {"n": I(0, 30)}, [("s", "n * (n + 1) * (2 * n + 1) / 6")], setting(n=(2.0, 4.0)), "s", 25.0,
       "loop"),
    _c("h_early_negative", {"x": U(-10, 10)}, [("return", "where(x < 0, -x, x * x)")], setting(x=(-3.0, 2.0)),
       "return", 1.0, "early-return"),
    _c("h_zero_dead_parameter", {"x": U(0, 10), "y": U(0, 10)}, [("return", "y + 0 * x")], setting(x=(2.0, 8.0)),
       "return", 0.0, "zero"),
    _c("h_collinear_chain", {"x": U(0, 10)}, [("a", "3 * x"), ("b", "a + 2"), ("return", "b - x")],
       shift(a=1.0), "return", 1.0, "collinear"),
    _c("h_hypot", {"a": U(0, 10), "b": U(0, 10)}, [("r", "sqrt(a * a + b * b)")], setting(a=(3.0, 0.0), b=(4.0, 4.0)),
       "r", -1.0, "nonpolynomial"),
    _c("h_char_shift", {"c": I(65, 90)}, [("lower", "c + 32")], setting(c=(70.0, 75.0)), "lower", 5.0, "categorical",
       categorical=("c",)),
]
