#!/usr/bin/env python3
"""Signs one person in to a product built on Gatehouse.AspNetCore, over HTTP as a browser without script would:
the product's page sends to Gatehouse's authorization endpoint, then its sign-in page (form with antiforgery token),
the password, the authorization again, and Gatehouse's form_post answer is posted to the product's /signin-oidc.
Prints the Cookie header value of the product's session (its .AspNetCore.Gatehouse.Cookie chunks) and checks that
PAGE answers 200 with it.
Usage: product-sign-in.py PRODUCT_URL EMAIL PASSWORD PAGE"""
import html, http.cookiejar, re, sys, urllib.parse, urllib.request

product, email, password, page = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def fields(body):
    return {html.unescape(n): html.unescape(v) for n, v in re.findall(r'<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"', body)}

def post(url, data):
    return browser.open(urllib.request.Request(url, urllib.parse.urlencode(data).encode(), method="POST"))

# The product sends the browser to Gatehouse, which shows its sign-in page (urllib follows the redirects).
answer = browser.open(product + page)
sign_in = answer.read().decode()
if "/account/sign-in" not in answer.url:
    raise SystemExit(f"expected Gatehouse's sign-in page, got {answer.url}")
form = fields(sign_in)
answer = post(answer.url, {"_handler": "sign-in", "Input.Email": email, "Input.Password": password,
                           "__RequestVerificationToken": form["__RequestVerificationToken"]})
# Gatehouse's authorization answer: a form (response_mode=form_post) the browser posts to the product.
body = answer.read().decode()
action = re.search(r'<form[^>]*action="([^"]*)"', body)
if not action or "/signin-oidc" not in action.group(1):
    raise SystemExit(f"expected the form_post answer at {answer.url}, got: {body[:400]}")
# The correlation and nonce cookies are Secure; a browser sends them to http://127.0.0.1 (a trustworthy origin), urllib not.
for c in jar:
    c.secure = False
answer = post(html.unescape(action.group(1)), fields(body))
if answer.status != 200 or not answer.url.startswith(product + page):
    raise SystemExit(f"signing in ended at {answer.url} with {answer.status}")
cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name.startswith(".AspNetCore.Gatehouse.Cookie"))
if not cookie:
    raise SystemExit("no session cookie of the product")
print(cookie)
