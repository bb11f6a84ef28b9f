"""Screening many pairs at once, in this process or on a Dask cluster, resumable."""

from .pairs import (
    PairScreen,
    PairTask,
    RankedPair,
    execute,
    plan,
    read_done,
    run_pair,
    summarize,
)

__all__ = ["PairScreen", "PairTask", "RankedPair", "execute", "plan", "read_done", "run_pair", "summarize"]
