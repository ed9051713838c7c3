"""How the numbers JSON has no literal for travel in the protocol.

NaN and the infinities are written as the strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` in place of the number,
so every line stays strict JSON (RFC 8259) that any reader accepts, and no value is lost or silently turned into null.
The Java side (``SidecarCodec``) reads and writes exactly these three strings where a number is expected. Finite
numbers need nothing: Python's ``json`` writes the shortest text that reads back to the same double, as Java does.

This module is pure Python (no NumPy), so it stays cheap to import and to test.
"""

import math
from typing import Any

NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def encode(value: Any) -> Any:
    """Replaces every non-finite float in a JSON-ready value by its protocol string.

    :param value: A value made of dicts, lists, tuples, strings, numbers, booleans and None.
    :return: The same value, with NaN and the infinities (NumPy's float64 included) as ``"NaN"``, ``"Infinity"``,
             ``"-Infinity"``.
    """
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    return value


def number(value: Any) -> Any:
    """Reads a value where the protocol expects a number.

    :param value: A decoded JSON value.
    :return: The float a protocol string for a non-finite number stands for; any other value unchanged, so the
             caller's own checks (finite, numeric) see the number or report the value as sent.
    """
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    return value
