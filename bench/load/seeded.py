"""What the load scripts share about the organization write-load.sh seeds, and their HTTP calls to it."""
import hashlib, http.client, json, time, uuid


def seed_id(org, kind, i):
    """The id seed-members.sql gives the i-th seeded row of a kind: md5(org || kind || i)::uuid."""
    return str(uuid.UUID(hashlib.md5(f"{org}{kind}{i}".encode()).hexdigest()))


def connect(url):
    """A keep-alive connection to a server's base URL (http://host:port)."""
    host, port = url.replace("http://", "").split(":")
    return http.client.HTTPConnection(host, int(port))


def timed_call(connection, method, path, body, headers):
    """Sends one JSON request and reads the answer: its status, and the milliseconds it took."""
    began = time.perf_counter()
    connection.request(method, path, json.dumps(body), headers)
    response = connection.getresponse()
    response.read()
    return response.status, (time.perf_counter() - began) * 1000
