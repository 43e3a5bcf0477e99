/**
 * DKIM signing of outgoing messages (RFC 6376, RFC 8463): the signer, its key value and key generation with the DNS
 * TXT record to publish. Plain Java but for the RSA signature itself: depends on the JDK, the values of relay-api, the
 * message bytes of {@code content} (a large message is signed from its spool file: the body is hashed as a stream, only
 * the header section is held) and, for rsa-sha256, the Amazon Corretto Crypto Provider ({@link
 * io.outpost.relay.dkim.RsaSigning}: AWS-LC signs three times faster than the JDK, which still signs where its native
 * library does not load).
 *
 * <p><b>Canonicalization is implemented here, not taken from a library.</b> Relaxed/relaxed (RFC 6376 §3.4.2,
 * §3.4.4) is some hundred lines over bytes, each step one pass (linear in the message, the body hashed in pieces so it
 * can come from a stream), and owning it means one code path for both algorithms, 8-bit and UTF-8 headers hashed
 * exactly as they go on the wire, and a header list we choose. The libraries checked could not do the
 * job: Apache jDKIM 0.5 signs RSA correctly but has no Ed25519 and drags in mime4j and an older dnsjava that clashes
 * with ours; simplejavamail's Ed25519 signs the data instead of its SHA-256 digest and so fails RFC 8463 verifiers.
 * Correctness is checked against an independent verifier (dkimpy) in the tests. A message the signer cannot read
 * exactly (a header line that is no field, a bare CR or LF, no From, an oversized header section) is a
 * {@link io.outpost.relay.dkim.MalformedMessageException}, a permanent refusal for the caller, never a guess.
 *
 * <p><b>Ed25519</b> (RFC 8463 §3) uses the JDK's own {@code Ed25519} signature (PureEdDSA) over the SHA-256 digest of
 * the header hash input, i.e. over the very hash whose DigestInfo RSA would sign; its DNS key is the raw 32-byte
 * public key (RFC 8463 §4.2), not the X.509 encoding.
 *
 * <p><b>Dual signing</b>: {@link io.outpost.relay.dkim.DkimSigner#sign(byte[], java.util.List)} signs once per key
 * and puts the first key's signature on top. Pass the RSA key first: verifiers that only look at the topmost
 * signature, or that do not know ed25519-sha256, then still find an RSA signature they can check; every signature
 * covers the unsigned message only ({@code DKIM-Signature} is never in {@code h=}), so the order does not affect
 * validity.
 */
package io.outpost.relay.dkim;
