"""Numbers on the wire: full double precision both ways, non-finite values named instead of lost.

JSON has no NaN or infinities. Both encodings a Java client may use are accepted in data columns: the literals
``NaN``, ``Infinity`` and ``-Infinity`` (what Gson writes with ``serializeSpecialFloatingPointValues``, and what
Python's ``json`` reads by default), the strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"``, and ``null`` (a value
the client could not encode). Integers of any size are read as the nearest double (too large for one: infinite).

Responses never carry those literals (``json.dumps(allow_nan=False)``): a non-finite number in a result becomes
``null``, and the object holding it gets a ``nonFinite`` entry naming the field and what it was, e.g.
``{"value": null, "nonFinite": {"value": "Infinity"}}``. Finite numbers are written with Python's shortest
round-trip repr, so a double read back is the same double, at any magnitude (``1e+50``, ``-1e-300``).
"""

import math
from typing import Any, Dict, Optional

NON_FINITE_STRINGS = {"NaN": math.nan, "Infinity": math.inf, "+Infinity": math.inf, "-Infinity": -math.inf}


def column_number(value: Any) -> Optional[float]:
    """Reads one data value: a finite double, ``nan``/``inf`` for the non-finite encodings, or None if not a number.

    :param value: A decoded JSON value from a data column.
    :return: The double (possibly non-finite), or None when the value is not a number in any accepted encoding.
    """
    if value is None:
        return math.nan
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    if isinstance(value, float):
        return value
    if isinstance(value, str) and value in NON_FINITE_STRINGS:
        return NON_FINITE_STRINGS[value]
    return None


def name_of(value: float) -> str:
    """:param value: A non-finite double. :return: ``NaN``, ``Infinity`` or ``-Infinity``."""
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def encode(result: Any) -> Any:
    """Replaces every non-finite float in a JSON-ready result by null and notes it in the enclosing object.

    :param result: Dicts, lists, strings, numbers, booleans and None, as a handler returns them.
    :return: The same structure with only finite numbers; objects that held non-finite ones have ``nonFinite``
             mapping the field (``key`` or ``key[i]`` for list items) to ``NaN``, ``Infinity`` or ``-Infinity``.
    """
    if isinstance(result, dict):
        out: Dict[str, Any] = {}
        notes: Dict[str, str] = dict(result.get("nonFinite") or {})
        for key, value in result.items():
            if key == "nonFinite":
                continue
            if _non_finite(value):
                out[key] = None
                notes[key] = name_of(value)
            elif isinstance(value, list):
                items = []
                for i, item in enumerate(value):
                    if _non_finite(item):
                        items.append(None)
                        notes["%s[%d]" % (key, i)] = name_of(item)
                    else:
                        items.append(encode(item))
                out[key] = items
            else:
                out[key] = encode(value)
        if notes:
            out["nonFinite"] = notes
        return out
    if isinstance(result, list):
        return [None if _non_finite(item) else encode(item) for item in result]
    if hasattr(result, "item") and not isinstance(result, (str, bytes)):  # numpy scalars
        return encode(result.item())
    return result


def _non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)
