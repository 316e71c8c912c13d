# Sourced by the load scripts: the operator, one organization and people who accepted their invitations with a
# password, on a freshly started server whose log is $work/server.log and database $work/gatehouse.db; and the
# hash-bound rate of their passwords.
# bench_people BASE USERS NAME: sets $key (the operator's API key), $auth (its header) and $org; person i signs in
# as "$(email i)" with "$(password i)" (the password rules refuse passwords containing a person's name).
email() { printf 'signin%04d@example.com' "$1"; }
password() { printf 'sign-in bench password %04d' "$1"; }
bench_people() {
  local base=$1 users=$2 name=$3 token emails link invitation start end i
  token=$(grep -o 'ghs_[A-Za-z0-9_-]*' "$work/server.log" | head -n 1)
  key=$(curl -sf -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$token\",\"email\":\"bench@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Operator\",\"password\":\"bench operator password\"}" | jq -r .apiKey)
  auth="Authorization: Bearer $key"
  org=$(curl -sf -X POST "$base/api/v1/organizations" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"seatLimit\":$((users + 10))}" | jq -r .id)
  for start in $(seq 1 50 "$users"); do
    end=$((start + 49 < users ? start + 49 : users))
    emails=$(for i in $(seq "$start" "$end"); do email "$i"; echo; done | jq -R . | jq -sc .)
    curl -sf -X POST "$base/api/v1/organizations/$org/invitations" -H "$auth" -H 'Content-Type: application/json' \
      -d "{\"emails\":$emails,\"grants\":[{\"roleKey\":\"member\",\"scopeId\":null}]}" >/dev/null
  done
  for i in $(seq 1 "$users"); do
    link=$(curl -sf "$base/api/v1/platform/outbox?to=$(email "$i")&limit=1" -H "$auth" | jq -r '.[0].textBody' | grep -o 'token=[^[:space:]]*' | head -n 1)
    invitation=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1][len("token="):]))' "$link")
    curl -sf -X POST "$base/api/v1/invitations/accept" -H 'Content-Type: application/json' \
      -d "{\"token\":\"$invitation\",\"firstName\":\"Load\",\"lastName\":\"Person $i\",\"password\":\"$(password "$i")\"}" >/dev/null
  done
  echo "$users people accepted their invitations in organization $org"
}

# One hash-bound measurement of person 1's stored password hash (read from $work/gatehouse.db, so the format and
# iteration count are the server's) with $tools --hash-rate for $hash_seconds: "<verifications/s> <CPU ms per verification>".
hash_round() {
  local out hash
  hash=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select password_hash from users where email = ?", (sys.argv[2],)).fetchone()[0])' \
    "$work/gatehouse.db" "$(email 1)")
  out=$($tools --hash-rate "$hash_seconds" "$(password 1)" "$hash")
  echo "$out" >&2
  echo "$out" | sed -n 's/^hash-bound: \([0-9.]*\) verifications.*CPU \([0-9.]*\) ms per verification.*/\1 \2/p'
}
