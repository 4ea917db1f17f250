"""The ``local`` engine: this machine's processes, without a cluster (the baseline of the benchmark)."""
from __future__ import annotations

import os
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..model import FactlintError
from . import Engine, Job, PartResult, check_part

if TYPE_CHECKING:
    from ..archive import Part


class LocalEngine(Engine):
    name = "local"

    def run(self, job: Job, parts: Iterable["Part"]) -> Iterator[PartResult]:
        workers = self.workers or os.cpu_count() or 1
        pool = _pool(workers) if workers > 1 else None
        if pool is None:
            for part in parts:
                yield check_part(job, part)
            return
        from concurrent.futures.process import BrokenProcessPool

        running: deque[Any] = deque()
        try:
            try:
                for part in parts:  # a few partitions a worker in flight: an archive is never all planned at once
                    running.append(pool.submit(check_part, job, part))
                    while len(running) > 4 * workers:
                        yield running.popleft().result()
                while running:
                    yield running.popleft().result()
            except BrokenProcessPool:
                raise FactlintError("a worker process of the local engine died (killed, or out of memory); the "
                                    "audit is incomplete. --engine dask runs a dead worker's partitions again") from None
        finally:
            from ..run import _end_workers

            if running:
                _end_workers(pool)
            pool.shutdown(cancel_futures=True)


def _pool(workers: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ..run import _worker_start

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    import checker.run as run

    run._PARENT = os.getpid()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start)
