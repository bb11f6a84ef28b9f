"""Screening many pairs at once, in this process or on a Dask cluster, resumable."""

from .pairs import PairTask, execute, plan, read_done, run_pair, summarize

__all__ = ["PairTask", "execute", "plan", "read_done", "run_pair", "summarize"]
