#!/usr/bin/env python3
"""HTTP load for bench/run.sh --http: N parallel clients POST M messages in all to Outpost's /api/v1/messages,
each request one new message (a 2 KB text by default), over keep-alive connections, as an application's HTTP client
would send them; with --batch B, to /api/v1/messages/batch, B personalised messages per request. Exits non-zero
unless every request was answered with every message accepted. Prints the median and 95th percentile latency."""

import argparse
import http.client
import json
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True, help="the tenant's API key")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--messages", type=int, required=True)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--sender", required=True)
    parser.add_argument("--recipient", required=True)
    parser.add_argument("--batch", type=int, default=0, help="messages per batch request; 0: one per request")
    args = parser.parse_args()

    text = ("x" * 76 + "\n") * max(1, args.size // 77)
    per_request = max(1, args.batch)
    counter = iter(range(0, args.messages, per_request))
    lock = threading.Lock()
    latencies = []
    failures = []

    def client():
        connection = http.client.HTTPConnection(args.host, args.port, timeout=60)
        mine = []
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            count = min(per_request, args.messages - n)
            if args.batch:
                path, expected = "/api/v1/messages/batch", 200
                body = json.dumps({"from": args.sender, "subject": "bench {{n}}", "text": text, "recipients": [
                    {"to": args.recipient, "data": {"n": n + k}} for k in range(count)]})
            else:
                path, expected = "/api/v1/messages", 202
                body = json.dumps({"from": args.sender, "to": [args.recipient], "subject": "bench %d" % n,
                                   "text": text})
            started = time.perf_counter()
            try:
                connection.request("POST", path, body, {
                    "Authorization": "Bearer " + args.key, "Content-Type": "application/json"})
                response = connection.getresponse()
                answer = response.read()
                if response.status != expected:
                    failures.append("%d %s" % (response.status, answer[:200]))
                elif args.batch and json.loads(answer)["accepted"] != count:
                    failures.append("batch of %d: %s" % (count, answer[:300]))
            except (OSError, http.client.HTTPException) as e:
                failures.append(repr(e))
                connection.close()
                connection = http.client.HTTPConnection(args.host, args.port, timeout=60)
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(args.sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    if latencies:
        median = latencies[len(latencies) // 2] * 1000
        p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000
        print("latency_ms median=%.1f p95=%.1f" % (median, p95))
    if failures:
        print("failed requests: %d, first: %s" % (len(failures), failures[0]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
