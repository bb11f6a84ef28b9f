"""Where a screen runs: this process, a local Dask cluster, or a running Dask scheduler.

``None`` runs in this process; ``"local"`` / ``"local:N"`` starts a ``LocalCluster`` of N single-threaded worker
processes for the screen and stops it after; ``"tcp://HOST:PORT"`` (or ``tls://``) connects to a scheduler that
is already running (``dask scheduler`` and ``dask worker`` started as separate processes, by hand or by
dask-jobqueue on a batch system) and leaves it running.  Results are gathered in task order, so a screen gives
the same answer wherever it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import SsbkitError

#: seconds to wait for a scheduler before giving up
CONNECT_TIMEOUT_S = 10


def check_spec(spec: str) -> None:
    """Refuse a cluster address that is neither ``local[:N]`` nor a scheduler URL, before any work."""
    if spec.startswith(("tcp://", "tls://", "inproc://")):
        return
    if spec == "local" or spec.startswith("local:"):
        tail = spec.split(":", 1)[1] if ":" in spec else "2"
        if tail.isdigit() and int(tail) >= 1:
            return
        raise SsbkitError(f"Dask cluster {spec!r}: a local cluster needs N >= 1 workers (local:N)", param="dask")
    raise SsbkitError(f"Dask cluster {spec!r}: use local, local:N or a scheduler address tcp://host:port",
                      param="dask")


@contextmanager
def dask_client(spec: str) -> Iterator[Any]:
    """A ``dask.distributed.Client`` for ``spec`` (module doc); a local cluster it started is closed after."""
    check_spec(spec)
    from dask.distributed import Client, LocalCluster

    cluster = None
    if spec.startswith("local"):
        n = int(spec.split(":", 1)[1]) if ":" in spec else 2
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=50)  # CRITICAL only: no shutdown heartbeat noise
        client = Client(cluster)
    else:
        try:
            client = Client(spec, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise SsbkitError(f"cannot reach the Dask scheduler at {spec}: {exc}", param="dask") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_ordered(fn: Callable[[Any], Any], items: Sequence[Any], client: Any = None,
                on_done: Callable[[int], None] | None = None) -> list[Any]:
    """``[fn(x) for x in items]`` here (``client`` None) or on a Dask ``client`` (:func:`dask_client`), in the
    items' order; ``on_done(k)`` after each item (progress)."""
    if client is None:
        out = []
        for k, x in enumerate(items):
            out.append(fn(x))
            if on_done is not None:
                on_done(k + 1)
        return out
    from dask.distributed import as_completed

    futures = client.map(fn, list(items), pure=False)
    index = {f.key: k for k, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for n, fut in enumerate(as_completed(futures), 1):
        results[index[fut.key]] = fut.result()
        if on_done is not None:
            on_done(n)
    return results
