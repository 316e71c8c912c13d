#!/usr/bin/env python3
"""Server CPU of a name change in a large organization, with the access check that follows it (docs/benchmarks.md, issue 13).

Against a server that bench/load/write-load.sh keeps running (BENCH_PAUSE=FILE): COUNT rounds, each renaming one seeded
member (PUT .../members/{id}/details, members START..) and then asking one access check of the organization, which an
organization the rename made this node forget must compile first. Prints the server's CPU (utime + stime of PID from
/proc) per round and the check's latency. With BENCH_NODES=2 the pause file also names a second node on the same
PostgreSQL: each round then also checks there, 0.2 s after the rename (its notification has arrived), and that node's
CPU per round and check latency are printed too.
Usage: bench/load/rename-cpu.py PAUSE-FILE START COUNT
"""
import os, statistics, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_cpu import cpu_ms  # noqa: E402
from seeded import connect, seed_id, timed_call  # noqa: E402

pause, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fields = open(pause).read().split()
pg_port, base, key, org, pid = fields[:5]
second = (fields[5], fields[6]) if len(fields) >= 7 else None
headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}


def seed(kind, i):
    return seed_id(org, kind, i)


def call(connection, method, path, body):
    status, took = timed_call(connection, method, path, body, headers)
    if status != 200:
        sys.exit(f"{method} {path}: {status}")
    return took


def check(connection, i):
    return call(connection, "POST", f"/api/v1/organizations/{org}/check", {"userId": seed("user", i), "permission": "members.view"})


here = connect(base)
there = connect(second[0]) if second else None
check(here, start)  # the organization compiled on both nodes before the first round
if there:
    check(there, start)
stamp = int(time.time())
cpu0, cpu0_there = cpu_ms([pid]), cpu_ms([second[1]]) if second else 0
renames, checks, checks_there = [], [], []
for i in range(start, start + count):
    renames.append(call(here, "PUT", f"/api/v1/organizations/{org}/members/{seed('member', i)}/details",
                        {"firstName": "Renamed", "lastName": f"Bench{stamp}x{i}", "phone": None}))
    checks.append(check(here, i))
    if there:
        time.sleep(0.2)
        checks_there.append(check(there, i))
cpu1, cpu1_there = cpu_ms([pid]), cpu_ms([second[1]]) if second else 0
print(f"{count} renames: server CPU {(cpu1 - cpu0) / count:.1f} ms per rename + check; rename p50 {statistics.median(renames):.1f} ms, "
      f"next check p50 {statistics.median(checks):.1f} ms max {max(checks):.1f} ms"
      + (f"; second node CPU {(cpu1_there - cpu0_there) / count:.1f} ms per round, its check p50 {statistics.median(checks_there):.1f} ms "
         f"max {max(checks_there):.1f} ms" if there else "")
      + f"; load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
