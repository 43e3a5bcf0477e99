package io.outpost.relay.dnsauth;

import java.util.Set;

/**
 * A small built-in stand-in for the public suffix list: every single label, plus common second-level registries.
 *
 * <p>Known limitation: private-registry suffixes of the real list (such as {@code github.io}) and most country
 * second-level registries are missing, so a domain under one of them gets too short an organizational domain and may
 * inherit a DMARC record it should not. An operator who needs the full list supplies another {@link PublicSuffixes}.
 */
public final class MinimalPublicSuffixes implements PublicSuffixes {

    private static final Set<String> MULTI_LABEL = Set.of(
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "nhs.uk", "com.au", "net.au",
            "org.au", "edu.au", "gov.au", "asn.au", "id.au", "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz", "co.jp",
            "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "co.in", "net.in", "org.in", "co.za", "org.za",
            "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn", "com.mx", "com.ar", "com.tr", "com.sg",
            "com.hk", "com.tw", "co.il", "co.id", "com.my", "com.ph");

    @Override
    public boolean isPublicSuffix(String name) {
        return name.indexOf('.') < 0 || MULTI_LABEL.contains(name);
    }
}
