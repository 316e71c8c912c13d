#!/usr/bin/env python3
"""Member-list page latency: for each organization and filter, fetches pages over one keep-alive
connection (first pages and pages deeper in via nextCursor) and prints p50/p95 per filter as a
Markdown table. Usage: member-list.py BASE_URL API_KEY ORG_ID:LABEL [ORG_ID:LABEL ...]"""
import http.client, json, statistics, sys, time, urllib.parse

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

rows = []
for org, label in orgs:
    scope = scope_of(org)
    filters = {
        "no filter, by name": "sort=name",
        "by email": "sort=email",
        "by latest login": "sort=-lastLogin",
        "scope": f"scopeId={scope}&sort=name",
        "role": "role=viewer&sort=name",
        "organization-wide": "type=organization&sort=name",
        "status deactivated": "status=deactivated&sort=name",
        "full access": "fullAccess=true&sort=name",
        "text 'lena'": "q=lena&sort=name",
    }
    get(f"/api/v1/organizations/{org}/members?limit=50")  # compiles the organization once
    for name, query in filters.items():
        times = []
        for round_ in range(6):
            cursor, pages = None, 0
            while pages < 10:
                path = f"/api/v1/organizations/{org}/members?{query}&limit=50" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
                elapsed, page = get(path)
                if round_ > 0:  # the first round warms up
                    times.append(elapsed)
                cursor, pages = page.get("nextCursor"), pages + 1
                if not cursor:
                    break
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        rows.append((label, name, len(times), statistics.median(times), p95))

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
