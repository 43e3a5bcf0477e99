"""Verifies the DKIM signatures of relayed messages with dkimpy, an independent implementation, looking the keys up
in the test DNS server exactly as a receiving server would (argv: its port on 127.0.0.1).

stdin, one message per line, base64.  stdout, one line per message: every DKIM-Signature's result, top first, as
"<selector>=pass" or "<selector>=fail", or "none". Exit 2 if dkimpy or dnspython is missing.
"""
import base64
import logging
import sys

try:
    import dkim
    import dns.resolver
except ImportError as missing:
    sys.stderr.write("python3-dkim (dkimpy) with dnspython is needed: apt-get install -y python3-dkim (%s)\n" % missing)
    sys.exit(2)

logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = int(sys.argv[1])


def dnsfunc(name, timeout=5):
    try:
        answer = resolver.resolve(name.decode("ascii").rstrip("."), "TXT", lifetime=timeout)
    except Exception as e:  # NXDOMAIN, no answer, timeout: dkimpy treats None as "no key"
        sys.stderr.write("lookup %s: %s\n" % (name, e))
        return None
    for record in answer:
        return b"".join(record.strings)
    return None


for line in sys.stdin:
    message = base64.b64decode(line.strip())
    d = dkim.DKIM(message, logger=logging.getLogger("dkim"))
    signatures = [value for name, value in d.headers if name.lower() == b"dkim-signature"]
    results = []
    for idx, value in enumerate(signatures):
        tags = dict(
            part.strip().split(b"=", 1) for part in value.replace(b"\r\n", b"").split(b";") if b"=" in part)
        selector = tags.get(b"s", b"?").strip().decode("ascii")
        try:
            ok = d.verify(idx=idx, dnsfunc=dnsfunc)
        except dkim.DKIMException as e:
            sys.stderr.write("signature %d: %s\n" % (idx, e))
            ok = False
        results.append("%s=%s" % (selector, "pass" if ok else "fail"))
    print(" ".join(results) if results else "none", flush=True)
