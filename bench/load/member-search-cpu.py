#!/usr/bin/env python3
"""CPU per member-list page, which other processes on a shared machine do not stretch (docs/benchmarks.md, issue 13).

Against a server that bench/load/member-list.sh keeps running (BENCH_MEASURE=0 BENCH_PAUSE=FILE): asks each search's
first page ROUNDS times in each organization (1,000 and 100,000 members), one request at a time, and prints the
server's CPU (utime + stime of PID from /proc) and PostgreSQL's (the postmaster and its children) per page, and the
ratio of the large organization's to the small one's (each search in the small organization, then in the large one).
Then, in the large organization, CHANGES times: a member's grants replaced (PUT …/access, which patches a new
compiled organization) followed by one search page, against the same change followed by a page without text: the
difference is what a search costs the server right after a change (where a search made in memory sorts it in).
Usage: bench/load/member-search-cpu.py PAUSE-FILE SERVER-PID [ROUNDS=100] [CHANGES=40]
"""
import hashlib, http.client, json, os, subprocess, sys, urllib.parse, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_cpu import cpu_ms  # noqa: E402
import proc_cpu  # noqa: E402

pause, pid = sys.argv[1], int(sys.argv[2])
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 100
changes = int(sys.argv[4]) if len(sys.argv) > 4 else 40
pg_port, base, key = open(pause).read().split()[:3]
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port)
orgs = [("11111111-0000-4000-8000-000000001000", "1,000"), ("22222222-0000-4000-8000-000000100000", "100,000")]
searches = {"q=lena": "q=lena&sort=name", "q=name00": "q=name00&sort=name", "one person": "q=lastname000777&sort=name",
            "no filter": "sort=name"}


def postgres_pids():
    backend = subprocess.run(["psql", "-At", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "postgres", "-c", "SELECT pg_backend_pid()"],
                             capture_output=True, text=True, check=True).stdout
    return proc_cpu.postgres_pids(backend)


def get(path, method="GET", body=None):
    connection.request(method, path, body, headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
    return json.loads(body)


def page(org, search):
    get(f"/api/v1/organizations/{org}/members?{searches[search]}&limit=50")


for org, _ in orgs:  # compile each organization and warm every search up
    for search in searches:
        for _ in range(20):
            page(org, search)
pg = postgres_pids()
used = {}
for search in searches:
    for org, label in orgs:
        server0, pg0 = cpu_ms([pid]), cpu_ms(pg)
        for _ in range(rounds):
            page(org, search)
        used[(search, label)] = ((cpu_ms([pid]) - server0) / rounds, (cpu_ms(pg) - pg0) / rounds)
print("| search (first page) | 1,000: server / PostgreSQL CPU ms a page | 100,000: server / PostgreSQL | ratio of the sums |")
print("| --- | --- | --- | --- |")
for search in searches:
    (s1, p1), (s2, p2) = used[(search, "1,000")], used[(search, "100,000")]
    print(f"| {search} | {s1:.2f} / {p1:.2f} | {s2:.2f} / {p2:.2f} | {(s2 + p2) / max(s1 + p1, 0.01):.2f} |")
print(f"load average {' '.join(open('/proc/loadavg').read().split()[:3])}")

large = orgs[1][0]
member = str(uuid.UUID(hashlib.md5(f"{large}member{777}".encode()).hexdigest()))  # as seed-members.sql makes ids
scopes = [str(uuid.UUID(hashlib.md5(f"{large}scope{s}".encode()).hexdigest())) for s in range(2)]
version = get(f"/api/v1/organizations/{large}/members/{member}")["version"]
after_change = {}
for search in ("q=lena", "no filter"):
    server0 = cpu_ms([pid])
    for i in range(changes):
        version = get(f"/api/v1/organizations/{large}/members/{member}/access", "PUT", json.dumps(
            {"version": version, "grants": [{"roleKey": "member", "scopeId": scopes[i % 2]}], "fullAccess": False}))["version"]
        page(large, search)
    after_change[search] = (cpu_ms([pid]) - server0) / changes
print(f"server CPU of a grant replacement and then a first page, 100,000 members: q=lena {after_change['q=lena']:.2f} ms, "
      f"no filter {after_change['no filter']:.2f} ms ({changes} each)")
