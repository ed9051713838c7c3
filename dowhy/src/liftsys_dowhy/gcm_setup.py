"""Configures ``dowhy.gcm`` once, before any fitting: one job (deterministic, no worker processes on a 2-core
machine that also runs the editor and the language server) and no progress bars (stdout belongs to the protocol)."""

import warnings

from dowhy.gcm import config

config.set_default_n_jobs(1)
config.disable_progress_bars()

warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", message=".*ill-conditioned.*")
