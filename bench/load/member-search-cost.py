#!/usr/bin/env python3
"""What a member-list page costs PostgreSQL, whatever the load on the machine: for each organization and search, walks
up to 10 pages (first page, then nextCursor) and prints the buffers the server's queries touched per page in the tables
and indexes of members, users and grants (pg_statio_user_tables, hits and reads), and the rows fetched from them
(pg_stat_user_tables). A backend reports its statistics when it goes idle, at most every second and at the latest 10 s
later, so each walk waits 11 s before and after. Usage: member-search-cost.py BASE_URL API_KEY PSQL_PORT ORG_ID:LABEL ..."""
import http.client, json, subprocess, sys, time, urllib.parse

base, key, port, orgs = sys.argv[1], sys.argv[2], sys.argv[3], [a.split(":", 1) for a in sys.argv[4:]]
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": "Bearer " + key}
SEARCHES = {
    "text 'lena' (1 in 16, together in name order)": "q=lena&sort=name",
    "text 'name00' (every member of the small one, 1 in 10 of the large, spread out)": "q=name00&sort=name",
    "text, one person": "q=lastname000777&sort=name",
    "no filter, by name": "sort=name",
}
TABLES = "('members', 'users', 'grants')"

def stats():
    out = subprocess.run(["psql", "-At", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-c",
        f"""SELECT (SELECT sum(coalesce(heap_blks_hit,0) + coalesce(heap_blks_read,0) + coalesce(idx_blks_hit,0) + coalesce(idx_blks_read,0))
                    FROM pg_statio_user_tables WHERE relname IN {TABLES}),
                   (SELECT sum(coalesce(seq_tup_read,0) + coalesce(idx_tup_fetch,0)) FROM pg_stat_user_tables WHERE relname IN {TABLES})"""],
        check=True, capture_output=True, text=True).stdout.strip().split("|")
    return int(out[0]), int(out[1])

def walk(org, query):
    cursor, pages = None, 0
    while pages < 10:
        path = f"/api/v1/organizations/{org}/members?{query}&limit=50" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        page = json.loads(response.read())
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status} {page}")
        cursor, pages = page.get("nextCursor"), pages + 1
        if not cursor:
            break
    return pages

for org, _ in orgs:
    walk(org, "sort=name")  # compiles the organization, warms the caches
print("| organization | search | pages | buffers a page | rows fetched a page |")
print("| --- | --- | --- | --- | --- |")
for name, query in SEARCHES.items():
    for org, label in orgs:
        time.sleep(11)
        before = stats()
        pages = walk(org, query)
        time.sleep(11)
        after = stats()
        print(f"| {label} | {name} | {pages} | {(after[0] - before[0]) / pages:,.0f} | {(after[1] - before[1]) / pages:,.0f} |", flush=True)
