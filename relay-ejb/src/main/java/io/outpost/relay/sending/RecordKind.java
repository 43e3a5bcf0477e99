package io.outpost.relay.sending;

/** What a DNS record of a sending domain is for. */
public enum RecordKind {
    /** {@code <selector>._domainkey.<domain>} TXT: a DKIM public key (RFC 6376 §3.6.2). */
    DKIM,
    /** {@code <domain>} TXT: the SPF mechanism that authorises Outpost's outbound addresses (RFC 7208). */
    SPF,
    /** {@code _dmarc.<domain>} TXT: a DMARC policy (RFC 7489 §6.1), suggested, own or inherited. */
    DMARC,
    /** {@code <return-path domain>} MX: where bounces to the VERP addresses arrive. */
    RETURN_PATH_MX,
    /** {@code <return-path domain>} TXT: SPF for the envelope sender domain Outpost uses. */
    RETURN_PATH_SPF,
    /** {@code <tracking host>} CNAME: the domain's own name for its tracked links, pointing at Outpost's. */
    TRACKING
}
