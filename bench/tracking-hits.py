#!/usr/bin/env python3
"""Load on Outpost's tracking endpoints for bench/run.sh --tracking: sends one tracked bulk message over the HTTP API,
reads the links and pixel Outpost put into it (GET /api/v1/messages/{id}/raw), then N parallel clients request them,
M requests in all, half opens and half clicks, as mail clients would (no redirects followed). Each hit is verified and
recorded as an event by the server (each request has a user agent of its own, as a repeat within seconds is recorded
once). Exits non-zero unless every answer was 200 (pixel) or 302 (click). Prints the
rate and the median and 95th percentile latency."""

import argparse
import http.client
import json
import quopri
import re
import sys
import threading
import time

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--requests", type=int, required=True)
    parser.add_argument("--sender", required=True)
    parser.add_argument("--recipient", required=True)
    args = parser.parse_args()
    auth = {"Authorization": "Bearer " + args.key, "Content-Type": "application/json"}

    connection = http.client.HTTPConnection(args.host, args.port, timeout=30)
    html = "".join('<p><a href="https://shop.example/item/%d">item %d</a></p>' % (i, i) for i in range(3))
    connection.request("POST", "/api/v1/messages", json.dumps({
        "from": args.sender, "to": [args.recipient], "subject": "tracked", "stream": "bulk",
        "text": "items", "html": html}), auth)
    response = connection.getresponse()
    answer = response.read()
    if response.status != 202:
        sys.exit("message not accepted: %d %s" % (response.status, answer[:300]))
    message_id = json.loads(answer)["id"]
    paths = []
    for _ in range(50):
        connection.request("GET", "/api/v1/messages/%s/raw" % message_id, headers=auth)
        response = connection.getresponse()
        raw = quopri.decodestring(response.read()).decode("utf-8", "replace")
        paths = sorted(set(re.findall(r"https?://[^/\s\"]+(/t/[A-Za-z0-9_-]+)", raw)))
        if response.status == 200 and paths:
            break
        time.sleep(0.1)
    connection.close()
    if len(paths) < 2:
        sys.exit("no tracking links in message %s" % message_id)

    counter = iter(range(args.requests))
    lock = threading.Lock()
    latencies = []
    failures = []

    def client():
        conn = http.client.HTTPConnection(args.host, args.port, timeout=30)
        mine = []
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            path = paths[n % len(paths)]
            started = time.perf_counter()
            try:
                # A user agent of its own per request: the relay records a repeat of the same request once only.
                conn.request("GET", path, headers={"User-Agent": "%s n/%d" % (BROWSER, n)})
                response = conn.getresponse()
                response.read()
                if response.status not in (200, 302):
                    failures.append("%d on %s" % (response.status, path))
            except (OSError, http.client.HTTPException) as e:
                failures.append(repr(e))
                conn.close()
                conn = http.client.HTTPConnection(args.host, args.port, timeout=30)
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    print("tracking_hits=%d links=%d hits_per_s=%.1f latency_ms_median=%.1f p95=%.1f" % (
        len(latencies), len(paths), len(latencies) / elapsed, latencies[len(latencies) // 2] * 1000,
        latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000))
    if failures:
        print("failed requests: %d, first: %s" % (len(failures), failures[0]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
