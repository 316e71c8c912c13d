#!/usr/bin/env python3
"""CPU per access-changing write, which other processes on a shared machine do not stretch (docs/benchmarks.md, issue 13).

Against a server that bench/load/write-load.sh keeps running (BENCH_PAUSE=FILE): replaces the grants of COUNT seeded
members (indices START.., their versions read from PostgreSQL) from THREADS connections, and prints the server's CPU
(utime + stime of PID from /proc) and PostgreSQL's (the postmaster and its children) per write.
Usage: bench/load/write-cpu.py PAUSE-FILE SERVER-PID START COUNT THREADS
"""
import hashlib, http.client, json, os, random, subprocess, sys, threading, time, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_cpu import cpu_ms  # noqa: E402
import proc_cpu  # noqa: E402

pause, pid, start, count, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
pg_port, base, key, org = open(pause).read().split()[:4]
host, port = base.replace("http://", "").split(":")


def psql(sql):
    return subprocess.run(["psql", "-At", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "postgres", "-c", sql],
                          capture_output=True, text=True, check=True).stdout


def seed(kind, i):  # the ids seed-members.sql gives: md5(org || kind || i)::uuid
    return str(uuid.UUID(hashlib.md5(f"{org}{kind}{i}".encode()).hexdigest()))


def postgres_pids():
    return proc_cpu.postgres_pids(psql("SELECT pg_backend_pid()"))


members = [seed("member", i) for i in range(start, start + count)]
scopes = [seed("scope", s) for s in range(20)]
versions = dict(line.split("|") for line in psql("SELECT id, version FROM members WHERE id IN (" + ",".join(f"'{m}'" for m in members) + ")").split())
done, failed, lock = [0], [0], threading.Lock()


def write(part):
    connection = http.client.HTTPConnection(host, int(port))
    choose = random.Random(part[0])
    for member in part:
        body = json.dumps({"version": int(versions[member]), "grants": [{"roleKey": "member", "scopeId": choose.choice(scopes)}], "fullAccess": False})
        connection.request("PUT", f"/api/v1/organizations/{org}/members/{member}/access", body,
                           {"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        with lock:
            (done if response.status == 200 else failed)[0] += 1


pg = postgres_pids()
server0, pg0, t0 = cpu_ms([pid]), cpu_ms(pg), time.time()
workers = [threading.Thread(target=write, args=(members[i::threads],)) for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
server1, pg1, t1 = cpu_ms([pid]), cpu_ms(pg), time.time()
n = max(done[0], 1)
print(f"{done[0]} writes ({failed[0]} failed) in {t1 - t0:.1f} s = {done[0] / (t1 - t0):.1f}/s; server CPU {(server1 - server0) / n:.2f} ms/write; "
      f"PostgreSQL CPU {(pg1 - pg0) / n:.2f} ms/write; load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
