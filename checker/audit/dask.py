"""The ``dask`` engine: partitions as tasks on a Dask cluster (``pip install 'factlint[dask]'``).

With ``--scheduler ADDRESS`` the tasks go to that cluster (its workers must see the article files,
or be given an archive whose records carry their text); without, to a local cluster of worker
processes started for the run. Each task is one partition; a worker builds the job's checker once
(``checker_of``), so the rules are loaded once per worker, not per task. A worker that dies has its
tasks run again elsewhere by the scheduler; each partition's result is taken once, so nothing is
lost or counted twice; a partition whose workers keep dying (Dask's ``allowed-failures``) is
reported as articles that could not be checked, and the others go on. Task keys are unique to the
run: two audits sharing a cluster never share a task. A few partitions a worker are in flight: the
plan is streamed, not built whole.
"""
from __future__ import annotations

import logging
import os
import threading
import uuid
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..model import FactlintError, RuleErrors
from . import Engine, Job, PartResult, check_part, lost

if TYPE_CHECKING:
    from ..archive import Part

IN_FLIGHT = 4  # partitions in flight per worker
CONNECT_SECONDS = 30  # to reach the scheduler and hear from it, whatever listens at the address
SCHEMES = ("tcp", "tls", "ucx", "ws", "wss")


class DaskEngine(Engine):
    name = "dask"

    def run(self, job: Job, parts: Iterable["Part"]) -> Iterator[PartResult]:
        try:
            from distributed import LocalCluster, as_completed
        except ImportError:
            raise FactlintError("--engine dask needs Dask: pip install 'factlint[dask]'") from None
        with ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(_connect(self.scheduler))
            else:
                from distributed import Client

                cluster = stack.enter_context(LocalCluster(
                    n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=None, scheduler_kwargs={"dashboard": False}, silence_logs=logging.CRITICAL))
                client = stack.enter_context(Client(cluster, set_as_default=False))
            with client.as_current():  # as_completed finds its client there
                yield from _map(client, as_completed, job, parts)


def _connect(address: str) -> Any:
    """A client of the scheduler at ``address``, or a clear error within CONNECT_SECONDS: an address
    that is no Dask scheduler (nothing listening, a web server, a socket that never answers) must
    not hang the audit or end in a library's internal error."""
    from distributed import Client

    scheme = address.split("://", 1)[0] if "://" in address else "tcp"
    host_port = address.split("://", 1)[-1]
    if scheme not in SCHEMES or ":" not in host_port or not host_port.rsplit(":", 1)[1].isdigit():
        raise FactlintError(f"--scheduler: '{address}' is not a scheduler address such as tcp://10.0.0.5:8786")
    made: list[Any] = []
    failed: list[BaseException] = []

    def connect() -> None:
        try:
            made.append(Client(address, set_as_default=False, timeout=f"{CONNECT_SECONDS}s"))
        except BaseException as e:  # noqa: BLE001 - whatever it is, it is said below
            failed.append(e)

    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # its retries are ours to report, once
    thread = threading.Thread(target=connect, daemon=True, name="factlint-dask-connect")
    thread.start()
    thread.join(CONNECT_SECONDS + 5)
    if made:
        return made[0]
    why = f"{type(failed[0]).__name__}: {failed[0]}" if failed else f"no answer within {CONNECT_SECONDS} s"
    raise FactlintError(f"--scheduler: cannot reach a Dask scheduler at {address} ({why[:200]})")


def _map(client: Any, as_completed: Any, job: Job, parts: Iterable["Part"]) -> Iterator[PartResult]:
    from distributed import KilledWorker

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    todo = iter(parts)
    run = uuid.uuid4().hex[:16]  # this run's own task keys
    given: dict[str, "Part"] = {}

    def submit(part: "Part") -> Any:
        future = client.submit(check_part, job, part, pure=False, key=f"factlint-{run}-{part.number}")
        given[future.key] = part
        return future

    first = [submit(p) for _, p in zip(range(IN_FLIGHT * workers), todo)]
    done = as_completed(first, raise_errors=False)
    for future in done:
        part = given.pop(future.key)
        if future.status == "finished":
            yield future.result()
        elif future.status == "cancelled":
            raise FactlintError("the Dask scheduler lost the audit's tasks (was it stopped?); the audit is incomplete")
        else:
            error = future.exception()
            if isinstance(error, KilledWorker):
                yield lost(part, f"its workers died {_tries(error)}(Dask's KilledWorker); a worker may be running out "
                                 "of memory on these articles")
            elif isinstance(error, (RuleErrors, FactlintError)):
                raise error
            else:
                raise FactlintError(f"a worker failed on {part.describe()[1]} of {part.describe()[0]}: "
                                    f"{type(error).__name__}: {error}")
        following = next(todo, None)
        if following is not None:
            done.add(submit(following))


def _tries(error: Any) -> str:
    try:
        import dask

        n = dask.config.get("distributed.scheduler.allowed-failures") + 1
        return "once " if n == 1 else f"{n} times "
    except Exception:  # noqa: BLE001
        return ""
