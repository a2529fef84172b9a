"""A small SPARQL 1.1 server over an in-memory Oxigraph store, for the push
tests: the Graph Store HTTP Protocol at /store (PUT, POST, GET, with
?graph=IRI or ?default), SPARQL Update at /update, queries at /query (the
default graph is the union of all graphs), and /dump (sorted N-Quads).
/refuse answers 403 to everything; /flaky/store answers 503 to the first two
requests, then works as /store. Prints the port it listens on, then serves
until stdin closes or the process is killed."""

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from pyoxigraph import DefaultGraph, NamedNode, QueryResultsFormat, RdfFormat, Store

store = Store()
lock = threading.Lock()
flaky_left = [2]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", ctype="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n)

    def graph(self, q):
        if "graph" in q:
            return NamedNode(q["graph"][0])
        if "default" in q:
            return DefaultGraph()
        return None

    def handle_any(self, method):
        url = urlparse(self.path)
        q = parse_qs(url.query, keep_blank_values=True)
        path = url.path
        data = self.body() if method in ("PUT", "POST") else b""
        form = (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded")
        if form:
            q.update(parse_qs(data.decode("utf-8"), keep_blank_values=True))
        if path == "/refuse":
            return self.reply(403, b"writes are not allowed here")
        if path == "/flaky/store":
            with lock:
                if flaky_left[0] > 0:
                    flaky_left[0] -= 1
                    return self.reply(503, b"busy")
            path = "/store"
        try:
            with lock:
                if path == "/store":
                    g = self.graph(q)
                    if g is None:
                        return self.reply(400, b"name a graph with ?graph=IRI or ?default")
                    if method == "GET":
                        out = store.dump(format=RdfFormat.N_TRIPLES, from_graph=g)
                        return self.reply(200, out, "application/n-triples")
                    ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
                    if ctype != "application/n-triples":
                        return self.reply(415, b"send application/n-triples")
                    existed = isinstance(g, DefaultGraph) or store.contains_named_graph(g)
                    if method == "PUT":
                        if isinstance(g, DefaultGraph):
                            store.clear_graph(g)
                        elif existed:
                            store.remove_graph(g)
                    store.load(data, format=RdfFormat.N_TRIPLES, to_graph=g)
                    if not isinstance(g, DefaultGraph):
                        store.add_graph(g)
                    return self.reply(204 if existed else 201)
                if path == "/update" and method == "POST":
                    store.update(data.decode("utf-8"))
                    return self.reply(204)
                if path == "/query":
                    text = q["query"][0] if "query" in q else data.decode("utf-8")
                    res = store.query(text, use_default_graph_as_union=True)
                    out = res.serialize(format=QueryResultsFormat.TSV)
                    return self.reply(200, out, "text/tab-separated-values")
                if path == "/dump":
                    out = store.dump(format=RdfFormat.N_QUADS)
                    lines = sorted(l for l in out.decode("utf-8").split("\n") if l)
                    return self.reply(200, "\n".join(lines).encode("utf-8"))
        except (SyntaxError, ValueError, OSError) as e:
            return self.reply(400, str(e).encode("utf-8"))
        return self.reply(404, b"no such endpoint")

    def do_GET(self):
        self.handle_any("GET")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_POST(self):
        self.handle_any("POST")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
