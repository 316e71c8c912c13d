#!/usr/bin/env python3
"""Walks every page of a lookup URL and prints how many items it lists and on how many pages (checking that no id
comes twice). Usage: lookup-count.py URL API_KEY"""
import json, sys, urllib.parse, urllib.request

url, key = sys.argv[1], sys.argv[2]
ids, pages, cursor = [], 0, None
while True:
    request = urllib.request.Request(url + ("&cursor=" + urllib.parse.quote(cursor) if cursor else ""), headers={"Authorization": "Bearer " + key})
    page = json.load(urllib.request.urlopen(request))
    pages += 1
    ids += [item.get("memberId") or item.get("id") for item in page["items"]]
    cursor = page["nextCursor"]
    if not cursor:
        break
if len(set(ids)) != len(ids):
    raise SystemExit(f"{url}: an id came twice")
print(f"{len(ids)} on {pages} pages")
