"""The JSON-lines loop: one request per stdin line, one response per stdout line, logs only on stderr.

Requests are served one at a time, in arrival order; a client may still send many without waiting, and correlates
the answers by ``id``. No request, however malformed, ends the process: bad input becomes an ``error`` response
(``bad-request``, ``unknown-method``, ``unknown-model``), an unexpected failure becomes ``internal``, and the loop
goes on. The process ends when stdin closes.
"""

import json
import logging
import os
import platform
import sys
import time
import traceback
from collections import OrderedDict
from typing import Any, Callable, Dict, Optional, TextIO

from liftsys_dowhy.wire import encode

logger = logging.getLogger("liftsys_dowhy")

MAX_MODELS = 64
# What this sidecar adds to protocol 1 (dowhy/README.md), so that a client can tell before relying on it.
FEATURES = ("non-finite-data", "intervened", "runs", "model-error", "reasons", "drivers", "counterfactual")


class UnknownModelError(LookupError):
    """The request names a model key this process does not keep (never fitted, dropped, or lost in a restart)."""


class ModelStore:
    """Fitted models by key, least recently used dropped first once ``capacity`` is reached."""

    def __init__(self, capacity: int = MAX_MODELS) -> None:
        """:param capacity: How many fitted models to keep at most."""
        self._capacity = capacity
        self._models: "OrderedDict[str, Any]" = OrderedDict()

    def get(self, key: str) -> Any:
        """:param key: A model key returned by ``fit``.
        :return: The kept model.
        :raises UnknownModelError: When no model is kept under that key."""
        if key not in self._models:
            raise UnknownModelError("no fitted model with key %r (never fitted, dropped, or the sidecar restarted)" % key)
        self._models.move_to_end(key)
        return self._models[key]

    def find(self, key: str) -> Optional[Any]:
        """:param key: A model key.
        :return: The kept model, or None."""
        return self.get(key) if key in self._models else None

    def put(self, key: str, model: Any) -> None:
        """:param key: The model key. :param model: The fitted model to keep."""
        self._models[key] = model
        self._models.move_to_end(key)
        while len(self._models) > self._capacity:
            self._models.popitem(last=False)

    def drop(self, key: str) -> bool:
        """:param key: A model key. :return: Whether a model was kept under it."""
        return self._models.pop(key, None) is not None


class Server:
    """Dispatches decoded requests to the hello, fit, effect, drivers, counterfactual and drop handlers."""

    def __init__(self, store: Optional[ModelStore] = None) -> None:
        """:param store: Where fitted models are kept; a fresh one by default."""
        self.store = store or ModelStore()
        self._methods: Dict[str, Callable[[Any], Dict[str, Any]]] = {
            "hello": self._hello,
            "fit": self._fit,
            "effect": self._effect,
            "drivers": self._drivers,
            "counterfactual": self._counterfactual,
            "drop": self._drop,
        }

    def handle_line(self, line: str) -> Dict[str, Any]:
        """Answers one request line; never raises.

        :param line: One line of the protocol, without its newline.
        :return: The response object (``result`` or ``error``), with the request's id when it had a usable one.
        """
        try:
            request = json.loads(line)
        except ValueError as error:
            return _error(None, "bad-request", "malformed JSON: %s" % error)
        request_id = request.get("id") if isinstance(request, dict) else None
        if isinstance(request_id, bool) or not isinstance(request_id, int):
            return _error(None, "bad-request", 'a request must be a JSON object with an integer "id"')
        method = request.get("method")
        if not isinstance(method, str):
            return _error(request_id, "bad-request", 'a request needs a string "method"')
        handler = self._methods.get(method)
        if handler is None:
            return _error(request_id, "unknown-method", "unknown method %r; known: %s" % (method, ", ".join(self._methods)))
        try:
            result = encode(handler(request.get("params", {})))
            json.dumps(result, allow_nan=False)
            return {"id": request_id, "result": result}
        except UnknownModelError as error:
            return _error(request_id, "unknown-model", str(error.args[0]))
        except ValueError as error:
            return _error(request_id, "bad-request", str(error))
        except Exception as error:  # noqa: BLE001: failure is data; the process keeps serving
            logger.error("internal error in %s: %s", method, traceback.format_exc())
            return _error(request_id, "internal", "%s: %s" % (type(error).__name__, error))

    def _hello(self, params: Any) -> Dict[str, Any]:
        return {"ready": True, "versions": versions(), "protocol": _protocol(), "pid": os.getpid(),
                "features": list(FEATURES)}

    def _fit(self, params: Any) -> Dict[str, Any]:
        from liftsys_dowhy.fitting import fit_model
        from liftsys_dowhy.protocol import parse_fit

        spec = parse_fit(params)
        kept = self.store.find(spec.key)
        if kept is not None:
            return kept.result(cached=True)
        model = fit_model(spec)
        self.store.put(spec.key, model)
        logger.info("fitted %s: %s in %d ms", spec.key, model.result(False)["mechanism"], model.fit_millis)
        return model.result(cached=False)

    def _effect(self, params: Any) -> Dict[str, Any]:
        from liftsys_dowhy.effects import estimate_effects
        from liftsys_dowhy.protocol import parse_effect

        spec = parse_effect(params)
        return estimate_effects(self.store.get(spec.model), spec)

    def _drivers(self, params: Any) -> Dict[str, Any]:
        from liftsys_dowhy.drivers import rank_drivers
        from liftsys_dowhy.protocol import parse_drivers

        spec = parse_drivers(params)
        return rank_drivers(self.store.get(spec.model), spec)

    def _counterfactual(self, params: Any) -> Dict[str, Any]:
        from liftsys_dowhy.counterfactuals import counterfactual
        from liftsys_dowhy.protocol import parse_counterfactual

        spec = parse_counterfactual(params)
        return counterfactual(self.store.get(spec.model), spec)

    def _drop(self, params: Any) -> Dict[str, Any]:
        key = params.get("model") if isinstance(params, dict) else None
        if not isinstance(key, str):
            raise ValueError("drop needs params.model, a model key")
        return {"dropped": self.store.drop(key)}


def versions() -> Dict[str, str]:
    """:return: The versions of Python and of the libraries that decide the numbers."""
    import dowhy
    import networkx
    import numpy
    import pandas
    import scipy
    import sklearn

    import liftsys_dowhy

    return {
        "python": platform.python_version(),
        "dowhy": dowhy.__version__,
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "scikit-learn": sklearn.__version__,
        "scipy": scipy.__version__,
        "networkx": networkx.__version__,
        "liftsys-dowhy": liftsys_dowhy.__version__,
    }


def serve(lines: TextIO, out: TextIO, server: Optional[Server] = None) -> None:
    """Answers every request line of ``lines`` on ``out`` until the input ends.

    :param lines: The request stream (stdin).
    :param out: The response stream (the real stdout).
    :param server: The dispatcher; a fresh one by default.
    """
    server = server or Server()
    for line in lines:
        line = line.strip()
        if not line:
            continue
        started = time.perf_counter()
        response = server.handle_line(line)
        out.write(json.dumps(response, allow_nan=False, separators=(",", ":")) + "\n")
        out.flush()
        logger.debug("answered %s in %.1f ms", response.get("id"), (time.perf_counter() - started) * 1000)


def main() -> None:
    """Runs the sidecar: imports DoWhy first (so ``hello`` means ready), then serves stdin until it closes."""
    protocol_out = sys.stdout
    sys.stdout = sys.stderr  # anything a library prints goes to the log, never into the protocol
    logging.basicConfig(
        stream=sys.stderr,
        level=os.environ.get("LIFTSYS_DOWHY_LOG", "INFO"),
        format="liftsys-dowhy %(levelname)s %(message)s",
    )
    started = time.perf_counter()
    try:
        import dowhy.gcm  # noqa: F401  (~2 s, paid before hello so that hello means ready)

        import liftsys_dowhy.counterfactuals  # noqa: F401
        import liftsys_dowhy.drivers  # noqa: F401
        import liftsys_dowhy.effects  # noqa: F401
        import liftsys_dowhy.fitting  # noqa: F401
    except ImportError as error:
        logger.error(
            "this interpreter cannot import DoWhy (%s): run ./liftsys setup, or set 'python' to an interpreter "
            "with the packages of dowhy/requirements.txt",
            error,
        )
        sys.exit(3)

    logger.info("ready in %.0f ms (pid %d)", (time.perf_counter() - started) * 1000, os.getpid())
    stdin = open(sys.stdin.fileno(), "r", encoding="utf-8", errors="replace", newline="\n", closefd=False)
    serve(stdin, protocol_out)


def _protocol() -> int:
    import liftsys_dowhy

    return liftsys_dowhy.PROTOCOL


def _error(request_id: Any, code: str, message: str) -> Dict[str, Any]:
    return {"id": request_id, "error": {"code": code, "message": message}}
