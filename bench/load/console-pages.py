#!/usr/bin/env python3
"""Console page timings: signs each viewer in through the sign-in page, then requests every console page of the
organization BENCH_ROUNDS times after one warm-up, over one keep-alive connection, and prints p50/p95 of the
server time (Server-Timing: app;dur=) and of the time on the wire, as a Markdown table.
Usage: console-pages.py BASE_URL OPERATOR_API_KEY ORG_ID EMAIL:LABEL [EMAIL:LABEL ...]  (password: bench password 123)"""
import html, http.client, json, os, re, statistics, sys, time, urllib.parse

base, key, org, viewers = sys.argv[1], sys.argv[2], sys.argv[3], [a.split(":", 1) for a in sys.argv[4:]]
url = urllib.parse.urlparse(base)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "21"))
PASSWORD = "bench password 123"

def api(method, path, body=None):
    conn = http.client.HTTPConnection(url.hostname, url.port)
    conn.request(method, path, body=json.dumps(body) if body else None,
                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else None

class Session:
    """One browser-like session: a keep-alive connection and its cookies."""
    def __init__(self):
        self.conn = http.client.HTTPConnection(url.hostname, url.port)
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        wire = (time.perf_counter() - start) * 1000
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                k, _, v = cookie.partition("=")
                self.cookies[k] = v
        timing = re.search(r"app;dur=([\d.]+)", response.getheader("Server-Timing") or "")
        return response.status, data.decode("utf-8", "replace"), wire, float(timing.group(1)) if timing else None, response.getheader("Location")

    def sign_in(self, email):
        _, page, *_ = self.request("GET", "/account/sign-in")
        form = {html.unescape(n): html.unescape(v) for n, v in re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
        for field, value in (("email", email), ("password", PASSWORD)):
            name = re.search(rf'<input[^>]*id="{field}"[^>]*name="([^"]+)"|<input[^>]*name="([^"]+)"[^>]*id="{field}"', page)
            form[html.unescape(name.group(1) or name.group(2))] = value
        status, _, _, _, location = self.request("POST", "/account/sign-in", form)
        if status != 302:
            raise SystemExit(f"sign-in of {email} answered {status}")

def pages(session, email):
    scopes = api("GET", f"/api/v1/organizations/{org}/scopes")
    scope = scopes[len(scopes) // 2]["id"]
    # The project page of the viewer's own project (a project manager's), else the middle one (the owner sees them all).
    me = api("GET", f"/api/v1/organizations/{org}/members?q={urllib.parse.quote(email)}&limit=1")["items"][0]
    project = next((g["scopeId"] for g in me["grants"] if g["scopeId"]), scope)
    # A member this viewer can see: the third row of their own first page.
    _, first_page, *_ = session.request("GET", f"/orgs/{org}/members")
    member = re.findall(rf'href="/orgs/{org}/members/([0-9a-f-]{{36}})"', first_page)[2]
    later = api("GET", f"/api/v1/organizations/{org}/members?sort=name&limit=50")["nextCursor"]
    later_in_project = api("GET", f"/api/v1/organizations/{org}/members?sort=name&limit=50&scopeId={project}")["nextCursor"] or ""
    return [
        ("users, first page", f"/orgs/{org}/members"),
        ("users, a later page", f"/orgs/{org}/members?cursor={urllib.parse.quote(later)}"),
        ("users, search", f"/orgs/{org}/members?q=lena"),
        ("users, by latest login", f"/orgs/{org}/members?sort=-lastLogin"),
        ("users, one project", f"/orgs/{org}/members?scope={scope}"),
        ("users, deactivated", f"/orgs/{org}/members?status=deactivated"),
        ("member page", f"/orgs/{org}/members/{member}"),
        ("invite", f"/orgs/{org}/invite"),
        ("pending invitations", f"/orgs/{org}/invitations"),
        ("roles", f"/orgs/{org}/roles"),
        ("projects", f"/orgs/{org}/scopes"),
        ("a project's users tab", f"/orgs/{org}/scopes/{project}/users"),
        ("a project's users tab, a later page", f"/orgs/{org}/scopes/{project}/users?cursor={urllib.parse.quote(later_in_project)}"),
        ("audit log", f"/orgs/{org}/audit"),
    ]

# 100 pending invitations, by the operator.
for batch in range(2):
    api("POST", f"/api/v1/organizations/{org}/invitations",
        {"emails": [f"invitee{batch * 50 + i}@example.com" for i in range(50)], "grants": [{"roleKey": "member", "scopeId": None}]})

print("| viewer | page | status | server p50 ms | server p95 ms | wire p50 ms | wire p95 ms |")
print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
worst = 0.0
for email, label in viewers:
    session = Session()
    session.sign_in(email)
    for name, path in pages(session, email):
        server, wire, status = [], [], None
        for round in range(ROUNDS + 1):
            status, _, w, s, _ = session.request("GET", path)
            if round == 0:
                continue
            wire.append(w)
            if s is not None:
                server.append(s)
        q = lambda xs, p: statistics.quantiles(xs, n=100, method="inclusive")[p - 1] if len(xs) > 1 else (xs[0] if xs else float("nan"))
        worst = max(worst, q(server, 95))
        print(f"| {label} | {name} | {status} | {q(server, 50):.1f} | {q(server, 95):.1f} | {q(wire, 50):.1f} | {q(wire, 95):.1f} |")
print(f"\nSlowest page p95 server time: {worst:.1f} ms (target < 300 ms)")
