"""Configures ``dowhy.gcm`` once, before any fitting: one job (deterministic, no worker processes on a 2-core
machine that also runs the editor and the language server), no progress bars (stdout belongs to the protocol), and
one BLAS/OpenMP thread (on a few hundred rows thread start-up costs more than it saves: 550 ms instead of 760 ms for
the 12-node bench graph)."""

import warnings

from dowhy.gcm import config
from threadpoolctl import threadpool_limits

config.set_default_n_jobs(1)
config.disable_progress_bars()
threadpool_limits(limits=1)

warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", message=".*ill-conditioned.*")
