"""Verifies DKIM signatures with dkimpy, an independent implementation, for DkimSignerTest.

stdin, one item per line:  KEY <dns name> <base64 TXT record>   or   MSG <base64 message>
stdout, one line per MSG:  the result of every DKIM-Signature, top first, e.g. "pass pass" or "fail"
No real DNS: keys come only from the KEY lines. Exit 2 if dkimpy is missing.
"""
import base64
import logging
import sys

try:
    import dkim
except ImportError:
    sys.stderr.write("python3-dkim (dkimpy) is not installed: apt-get install -y python3-dkim\n")
    sys.exit(2)

logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
records = {}
for line in sys.stdin:
    kind, *rest = line.split()
    if kind == "KEY":
        records[rest[0].rstrip(".").lower()] = base64.b64decode(rest[1])
        continue
    message = base64.b64decode(rest[0])

    def dnsfunc(name, timeout=5):
        return records.get(name.decode("ascii").rstrip(".").lower())

    d = dkim.DKIM(message, logger=logging.getLogger("dkim"))
    count = sum(1 for name, _ in d.headers if name.lower() == b"dkim-signature")
    results = []
    for idx in range(count):
        try:
            results.append("pass" if d.verify(idx=idx, dnsfunc=dnsfunc) else "fail")
        except dkim.DKIMException as e:
            sys.stderr.write("signature %d: %s\n" % (idx, e))
            results.append("fail")
    print(" ".join(results) if results else "none", flush=True)
