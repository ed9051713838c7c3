"""The liftsys DoWhy sidecar: one long-lived process that fits ``dowhy.gcm`` structural causal models of traced Java
methods and answers effect queries on the kept models, speaking JSON lines on stdin/stdout (see ``dowhy/README.md``).
"""

__version__ = "0.1.0"
PROTOCOL = 1
