"""The writes a learner makes, for bench/run.py: each request on fresh state, sent once by wrk
(bench/requests.lua) from the lists bench/people.py prepared, and the changes they made counted
in the database afterwards."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import run as bench

WARM_WRITES = int(os.environ.get("BENCH_WRITE_WARM_REQUESTS", "300"))


def measure_writes(
    wrk: str, base: str, env: dict[str, str], prepared: dict[str, Any], prepared_file: Path
) -> list[bench.Measurement]:
    """Each write a learner makes, sent by wrk from its list of requests on fresh state (a
    warm-up of the first BENCH_WRITE_WARM_REQUESTS, then the rest for SECONDS at most), with
    the number of requests that changed what they were meant to."""
    script = str(bench.ROOT / "bench" / "requests.lua")
    measurements = []
    for write in prepared["writes"]:
        if not bench.chosen(write["page"]):
            continue
        rows = ["\t".join(row) for row in write["requests"]]
        if len(rows) <= WARM_WRITES + bench.CONNECTIONS:
            bench.say(
                f"== {write['page']}: only {len(rows)} fresh requests could be prepared; left out"
            )
            continue
        warm = prepared_file.with_name("warm.txt")
        measured = prepared_file.with_name("measured.txt")
        warm.write_text("\n".join(rows[:WARM_WRITES]) + "\n")
        measured.write_text("\n".join(rows[WARM_WRITES:]) + "\n")
        path = write["requests"][0][1]
        bench.say(f"== {write['page']} ({len(rows) - WARM_WRITES} fresh requests at most)")
        warm_output = bench.run_wrk(wrk, base, bench.WARM_SECONDS, script, requests=str(warm))
        bench.wait_until_served(base)
        output = bench.run_wrk(wrk, base, bench.SECONDS, script, requests=str(measured))
        bench.wait_until_served(base)
        measurement = bench.parse_wrk(write["page"], path, output)
        if measurement.mean_ms and measurement.requests >= len(rows) - WARM_WRITES - 2 * (
            bench.CONNECTIONS
        ):
            # The requests ran out before the time did, and wrk divides by the whole time.
            # Its connections were all busy until then: the rate is their number over the
            # mean latency (Little's law).
            measurement.requests_per_second = bench.CONNECTIONS / (measurement.mean_ms / 1000)
        measurement.warm_requests = bench.parse_wrk("", "", warm_output).requests
        measurements.append(measurement)
    done = subprocess.run(
        [bench.PYTHON, str(bench.ROOT / "bench" / "people.py"), "check", str(prepared_file)],
        cwd=bench.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    for measurement in measurements:
        measurement.done = counts.get(measurement.page, 0)
    return measurements


def say_writes(writes: list[bench.Measurement]) -> None:
    """The writes' table: requests answered beside the changes made."""
    if not writes:
        return
    bench.say()
    bench.say(
        "Writes, each request on fresh state: the changes found in the database afterwards "
        "(a refusal answered with a redirect changes nothing). Up to "
        f"{2 * bench.CONNECTIONS} more changes than requests answered are requests still in "
        "flight when wrk stopped."
    )
    rows = [["write", "requests answered (warm-up + measured)", "changes made"]]
    for m in writes:
        rows.append([m.page, f"{m.warm_requests:,} + {m.requests:,}", f"{m.done:,}"])
    bench.say(bench.table(rows, right={1, 2}))
