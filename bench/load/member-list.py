#!/usr/bin/env python3
"""Member-list page latency: for each organization and filter, fetches pages over one keep-alive
connection (first pages and pages deeper in via nextCursor, up to 10 per walk, BENCH_ROUNDS walks of which the
first warms up) and prints p50/p95 per filter as a Markdown table, and the p95 ratio of the second organization
to the first. Usage: member-list.py BASE_URL API_KEY ORG_ID:LABEL [ORG_ID:LABEL ...]"""
import http.client, json, os, statistics, sys, time, urllib.parse

base, key, orgs = sys.argv[1], sys.argv[2], [a.split(":", 1) for a in sys.argv[3:]]
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": "Bearer " + key}

def get(path):
    start = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
    return elapsed, json.loads(body)

def scope_of(org):
    _, scopes = get(f"/api/v1/organizations/{org}/scopes")
    return scopes[len(scopes) // 2]["id"]

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))  # the first round warms up and is not counted
PAGES = 10

def filters_of(org):
    scope = scope_of(org)
    return {
        "no filter, by name": "sort=name",
        "by email": "sort=email",
        "by latest login": "sort=-lastLogin",
        "scope": f"scopeId={scope}&sort=name",
        "role": "role=viewer&sort=name",
        "organization-wide": "type=organization&sort=name",
        "status deactivated": "status=deactivated&sort=name",
        "full access": "fullAccess=true&sort=name",
        "text 'lena' (1 in 16 match)": "q=lena&sort=name",
        "text 'name00' (spread out)": "q=name00&sort=name",
        "text, one person": "q=lastname000777&sort=name",
    }

queries = {org: filters_of(org) for org, _ in orgs}
for org, _ in orgs:
    get(f"/api/v1/organizations/{org}/members?limit=50")  # compiles the organization once
times = {(org, name): [] for org, _ in orgs for name in queries[org]}
# Rounds interleave the organizations and filters, so load from other work on the machine falls on all of them alike.
for round_ in range(ROUNDS):
    for name in queries[orgs[0][0]]:
        for org, _ in orgs:
            cursor, pages = None, 0
            while pages < PAGES:
                path = f"/api/v1/organizations/{org}/members?{queries[org][name]}&limit=50" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
                elapsed, page = get(path)
                if round_ > 0:
                    times[(org, name)].append(elapsed)
                cursor, pages = page.get("nextCursor"), pages + 1
                if not cursor:
                    break
rows = []
for org, label in orgs:
    for name in queries[org]:
        t = sorted(times[(org, name)])
        p95 = t[min(len(t) - 1, int(round(0.95 * len(t))) - 1)]
        rows.append((label, name, len(t), statistics.median(t), p95))

print("| organization | filter | pages | p50 ms | p95 ms |")
print("| --- | --- | --- | --- | --- |")
for label, name, n, p50, p95 in rows:
    print(f"| {label} | {name} | {n} | {p50:.1f} | {p95:.1f} |")
by = {}
for label, name, _, _, p95 in rows:
    by.setdefault(name, {})[label] = p95
labels = [label for _, label in orgs]
if len(labels) == 2:
    print()
    print(f"| filter | p95 ratio {labels[1]} / {labels[0]} |")
    print("| --- | --- |")
    for name, values in by.items():
        print(f"| {name} | {values[labels[1]] / values[labels[0]]:.2f} |")
