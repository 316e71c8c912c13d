#!/usr/bin/env python3
"""Access-changing writes into one large organization spread over two nodes, as behind a load balancer (docs/benchmarks.md, issue 13).

Against two nodes on one PostgreSQL that bench/load/write-load.sh keeps running (BENCH_NODES=2 BENCH_PAUSE=FILE): replaces the
grants of COUNT seeded members (indices START.., their versions read from PostgreSQL), each write sent to the node the other
one did not take last, from THREADS connections per node, then asks one access check on each node. Each write finds the
organization changed by the other node; prints writes/s, the write latency (p50, p99), the CPU of both servers (utime +
stime from /proc) per write, and the check that follows on each node.
Usage: bench/load/two-node-writes.py PAUSE-FILE START COUNT THREADS
"""
import os, random, statistics, subprocess, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_cpu import cpu_ms  # noqa: E402
from seeded import connect, seed_id, timed_call  # noqa: E402

pause, start, count, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
fields = open(pause).read().split()
if len(fields) < 7:
    sys.exit("the pause file names one node: start write-load.sh with BENCH_NODES=2")
pg_port, base, key, org, pid, base2, pid2 = fields[:7]
headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}


def psql(sql):
    return subprocess.run(["psql", "-At", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "postgres", "-c", sql],
                          capture_output=True, text=True, check=True).stdout


def seed(kind, i):
    return seed_id(org, kind, i)


def call(connection, method, path, body):
    return timed_call(connection, method, path, body, headers)


def check(url):
    status, took = call(connect(url), "POST", f"/api/v1/organizations/{org}/check", {"userId": seed("user", start), "permission": "members.view"})
    if status != 200:
        sys.exit(f"check on {url}: {status}")
    return took


members = [seed("member", i) for i in range(start, start + count)]
scopes = [seed("scope", s) for s in range(20)]
versions = dict(line.split("|") for line in psql("SELECT id, version FROM members WHERE id IN (" + ",".join(f"'{m}'" for m in members) + ")").split())
latencies, failed, lock = [], [0], threading.Lock()


def write(part, first):
    nodes = [connect(base), connect(base2)]
    choose = random.Random(part[0])
    for n, member in enumerate(part):
        body = {"version": int(versions[member]), "grants": [{"roleKey": "member", "scopeId": choose.choice(scopes)}], "fullAccess": False}
        status, took = call(nodes[(n + first) % 2], "PUT", f"/api/v1/organizations/{org}/members/{member}/access", body)
        with lock:
            latencies.append(took) if status == 200 else None
            failed[0] += status != 200


check(base), check(base2)  # both nodes hold the organization before the first write
cpu0, t0 = (cpu_ms([pid]), cpu_ms([pid2])), time.time()
workers = [threading.Thread(target=write, args=(members[i::2 * threads], i % 2)) for i in range(2 * threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
t1 = time.time()
after = check(base), check(base2)
cpu1 = cpu_ms([pid]), cpu_ms([pid2])
n = max(len(latencies), 1)
q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
print(f"{len(latencies)} writes ({failed[0]} failed) over two nodes in {t1 - t0:.1f} s = {len(latencies) / (t1 - t0):.1f}/s; "
      f"write p50 {q[49]:.1f} ms p99 {q[98]:.1f} ms; server CPU per write {(cpu1[0] - cpu0[0]) / n:.1f} + {(cpu1[1] - cpu0[1]) / n:.1f} ms "
      f"(first + second node, the checks after included); check after {after[0]:.1f} / {after[1]:.1f} ms; "
      f"load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
