#!/usr/bin/env python3
"""Lookup page latency over one keep-alive connection, one request at a time (as member-list.py): per run, a warm-up
of WARM requests, then COUNT timed ones; prints a Markdown row per run with p50/p95/p99/mean in ms, and checks that every
answer is 200 with at least one item. Runs come on stdin as lines "label|api key|path-and-query".
Usage: lookups.py BASE_URL [COUNT] [WARM] < runs"""
import http.client, json, statistics, sys, time, urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
warm = int(sys.argv[3]) if len(sys.argv) > 3 else 300
conn = http.client.HTTPConnection(base.hostname, base.port)

def get(path, key):
    start = time.perf_counter()
    conn.request("GET", path, headers={"Authorization": "Bearer " + key})
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200 or not json.loads(body)["items"]:
        raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
    return elapsed

print(f"| lookup (page of 50, one request at a time, {count} requests) | p50 | p95 | p99 | mean |")
print("| --- | --- | --- | --- | --- |")
for line in sys.stdin:
    label, key, url = line.rstrip("\n").split("|", 2)
    path = urllib.parse.urlparse(url)
    path = path.path + "?" + path.query
    for _ in range(warm):
        get(path, key)
    times = sorted(get(path, key) for _ in range(count))
    q = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
    print(f"| {label} | {q(50):.2f} ms | {q(95):.2f} ms | {q(99):.2f} ms | {statistics.fmean(times):.2f} ms |", flush=True)
