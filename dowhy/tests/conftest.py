"""Makes ``liftsys_dowhy`` importable from ``dowhy/src`` without installing it, whichever directory pytest runs from."""

import os
import sys

_SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)
