"""The ``dask`` engine: partitions as tasks on a Dask cluster (``pip install 'factlint[dask]'``).

With ``--scheduler ADDRESS`` the tasks go to that cluster (its workers must see the article files,
or be given an archive whose records carry their text); without, to a local cluster of worker
processes started for the run. Each task is one partition; a worker builds the job's checker once
(``checker_of``), so the rules are loaded once per worker, not per task. A worker that dies has its
tasks run again elsewhere by the scheduler; each partition's result is taken once, so nothing is
lost or counted twice. A few partitions a worker are in flight: the plan is streamed, not built whole.
"""
from __future__ import annotations

import logging
import os
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..model import FactlintError
from . import Engine, Job, PartResult, check_part

if TYPE_CHECKING:
    from ..archive import Part

IN_FLIGHT = 4  # partitions in flight per worker


class DaskEngine(Engine):
    name = "dask"

    def run(self, job: Job, parts: Iterable["Part"]) -> Iterator[PartResult]:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError:
            raise FactlintError("--engine dask needs Dask: pip install 'factlint[dask]'") from None
        with ExitStack() as stack:
            if self.scheduler:
                try:
                    client = stack.enter_context(Client(self.scheduler, set_as_default=False, timeout="30s"))
                except (OSError, TimeoutError, ValueError) as e:
                    raise FactlintError(f"--scheduler: cannot reach a Dask scheduler at {self.scheduler}: {e}") from None
            else:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR))
                client = stack.enter_context(Client(cluster, set_as_default=False))
            with client.as_current():  # as_completed finds its client there
                yield from _map(client, as_completed, job, parts)


def _map(client: Any, as_completed: Any, job: Job, parts: Iterable["Part"]) -> Iterator[PartResult]:
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    todo = iter(parts)

    def submit(part: "Part") -> Any:
        return client.submit(check_part, job, part, pure=False, key=f"factlint-{job.token[:12]}-{part.number}")

    first = [submit(p) for _, p in zip(range(IN_FLIGHT * workers), todo)]
    done = as_completed(first, with_results=True)
    for _future, result in done:
        yield result
        following = next(todo, None)
        if following is not None:
            done.add(submit(following))
