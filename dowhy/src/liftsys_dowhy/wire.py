"""Numbers on the wire: full double precision both ways, non-finite values named instead of lost.

JSON has no NaN or infinities. In requests, data columns accept every encoding a client may use: the literals
``NaN``, ``Infinity`` and ``-Infinity`` (what Python's ``json`` reads by default), the strings ``"NaN"``,
``"Infinity"`` and ``"-Infinity"``, and ``null`` (a value the client could not encode). Integers of any size are read
as the nearest double (too large for one: infinite).

Responses are strict JSON (RFC 8259): a non-finite number in a result is written as the string ``"NaN"``,
``"Infinity"`` or ``"-Infinity"`` in place of the number, so no value is lost or silently turned into null. The Java
side (``SidecarCodec``) reads exactly these three strings where a number is expected. Finite numbers are written with
Python's shortest round-trip repr, so a double read back is the same double, at any magnitude (``1e+50``,
``-1e-300``).

This module is pure Python (no NumPy import), so it stays cheap to import and to test.
"""

import math
from typing import Any, Optional

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


def encode(value: Any) -> Any:
    """Replaces every non-finite float in a JSON-ready value by its protocol string.

    :param value: Dicts, lists, tuples, strings, numbers (NumPy scalars included), booleans and None.
    :return: The same structure with NaN and the infinities as ``"NaN"``, ``"Infinity"``, ``"-Infinity"``.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else name_of(value)
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # NumPy scalars
        return encode(value.item())
    return value
