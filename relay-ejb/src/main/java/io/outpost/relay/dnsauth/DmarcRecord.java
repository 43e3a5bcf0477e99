package io.outpost.relay.dnsauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DMARC policy record as published in {@code _dmarc.<domain>} (RFC 7489 §6.3), with the defaults of §6.3 filled in.
 *
 * <p>Parsing is strict where RFC 7489 §6.6.3 is lenient: a record without a valid {@code p} is refused with a reason
 * rather than read as {@code p=none}, because this parser serves an operator checking their own domain.
 *
 * @param policy {@code p}: what the domain owner asks receivers to do with failing mail
 * @param subdomainPolicy {@code sp}: the same for subdomains, {@code p} when absent
 * @param dkimAlignment {@code adkim}, relaxed when absent
 * @param spfAlignment {@code aspf}, relaxed when absent
 * @param percent {@code pct}: the share of failing mail the policy applies to, 0 to 100, 100 when absent
 * @param aggregateReports {@code rua}: where aggregate reports go; a {@code !size} limit is not kept
 * @param failureReports {@code ruf}: where failure reports go; a {@code !size} limit is not kept
 * @param failureOptions {@code fo}: when failure reports are wanted, {@code 0} when absent
 * @param reportInterval {@code ri}: how often aggregate reports are wanted, a day when absent
 */
public record DmarcRecord(
        Policy policy,
        Policy subdomainPolicy,
        Alignment dkimAlignment,
        Alignment spfAlignment,
        int percent,
        List<URI> aggregateReports,
        List<URI> failureReports,
        Set<FailureOption> failureOptions,
        Duration reportInterval) {

    private static final Pattern TAG = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(.*)", Pattern.DOTALL);
    // RFC 7489 §6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
    private static final Pattern SIZE_LIMIT = Pattern.compile("!\\d+[kmgtKMGT]?$");
    private static final long MAX_INTERVAL = 0xFFFF_FFFFL;

    /** {@code p} and {@code sp} (RFC 7489 §6.3). */
    public enum Policy {
        NONE,
        QUARANTINE,
        REJECT
    }

    /** {@code adkim} and {@code aspf}: {@code r} or {@code s} (RFC 7489 §3.1). */
    public enum Alignment {
        RELAXED,
        STRICT
    }

    /** The characters of {@code fo} (RFC 7489 §6.3). */
    public enum FailureOption {
        /** {@code 0}: report when every mechanism fails to produce an aligned pass. */
        ALL_FAIL,
        /** {@code 1}: report when any mechanism fails to produce an aligned pass. */
        ANY_FAIL,
        /** {@code d}: report when DKIM fails, aligned or not. */
        DKIM,
        /** {@code s}: report when SPF fails, aligned or not. */
        SPF
    }

    public DmarcRecord {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(subdomainPolicy, "subdomainPolicy");
        Objects.requireNonNull(dkimAlignment, "dkimAlignment");
        Objects.requireNonNull(spfAlignment, "spfAlignment");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("pct must be 0 to 100: " + percent);
        }
        aggregateReports = List.copyOf(aggregateReports);
        failureReports = List.copyOf(failureReports);
        failureOptions = Set.copyOf(failureOptions);
        Objects.requireNonNull(reportInterval, "reportInterval");
    }

    /** True if {@code txt} claims to be a DMARC record: its first tag is {@code v=DMARC1} (RFC 7489 §6.6.3 step 2). */
    public static boolean isDmarc(String txt) {
        return txt.strip().matches("v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /** Parses one TXT record, or reports every problem found in it. */
    public static DmarcRecord parse(String txt) throws DmarcSyntaxException {
        List<String> reasons = new ArrayList<>();
        Map<String, String> tags = tags(txt, reasons);
        if (tags.isEmpty()) {
            reasons.add("the record is empty; it must start with v=DMARC1 (RFC 7489 §6.3)");
        } else if (tags.containsKey("v") && !"DMARC1".equals(tags.get("v"))) {
            reasons.add("v=" + tags.get("v") + " is not DMARC1");
        }
        TagReader read = new TagReader(tags, reasons);
        Policy policy = read.policy("p", null);
        Policy subdomainPolicy = read.policy("sp", policy);
        Alignment dkim = read.alignment("adkim");
        Alignment spf = read.alignment("aspf");
        long percent = read.number("pct", 100, 100);
        List<URI> rua = read.uris("rua");
        List<URI> ruf = read.uris("ruf");
        Set<FailureOption> fo = read.failureOptions();
        long interval = read.number("ri", 86400, MAX_INTERVAL);
        if (!reasons.isEmpty()) {
            throw new DmarcSyntaxException(reasons);
        }
        return new DmarcRecord(
                policy, subdomainPolicy, dkim, spf, (int) percent, rua, ruf, fo, Duration.ofSeconds(interval));
    }

    /** RFC 7489 §6.4: tag-value pairs separated by ";", v first; names are case-insensitive. */
    private static Map<String, String> tags(String txt, List<String> reasons) {
        Map<String, String> tags = new HashMap<>();
        for (String part : txt.split(";")) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                continue;
            }
            Matcher tag = TAG.matcher(spec);
            if (!tag.matches()) {
                reasons.add("'" + spec + "' is not a tag=value pair");
                continue;
            }
            String name = tag.group(1).toLowerCase(Locale.ROOT);
            if (tags.isEmpty() && !name.equals("v")) {
                reasons.add("the record must start with v=DMARC1, not '" + spec + "' (RFC 7489 §6.3)");
            }
            if (tags.putIfAbsent(name, tag.group(2).strip()) != null) {
                reasons.add("tag '" + name + "' appears more than once");
            }
        }
        return tags;
    }

    /** Reads the known tags, adding a reason for each invalid value; unknown tags are ignored (RFC 7489 §6.3). */
    private record TagReader(Map<String, String> tags, List<String> reasons) {

        Policy policy(String tag, Policy absent) {
            String value = tags.get(tag);
            if (value == null) {
                if (absent == null) {
                    reasons.add("tag '" + tag + "' is required (RFC 7489 §6.3)");
                    return Policy.NONE;
                }
                return absent;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "none" -> Policy.NONE;
                case "quarantine" -> Policy.QUARANTINE;
                case "reject" -> Policy.REJECT;
                default -> {
                    reasons.add(tag + "=" + value + " is not none, quarantine or reject");
                    yield Policy.NONE;
                }
            };
        }

        Alignment alignment(String tag) {
            String value = tags.getOrDefault(tag, "r").toLowerCase(Locale.ROOT);
            return switch (value) {
                case "r" -> Alignment.RELAXED;
                case "s" -> Alignment.STRICT;
                default -> {
                    reasons.add(tag + "=" + value + " is not r or s");
                    yield Alignment.RELAXED;
                }
            };
        }

        long number(String tag, long absent, long max) {
            String value = tags.get(tag);
            if (value == null) {
                return absent;
            }
            if (!value.matches("\\d{1,10}") || Long.parseLong(value) > max) {
                reasons.add(tag + "=" + value + " is not a whole number from 0 to " + max);
                return absent;
            }
            return Long.parseLong(value);
        }

        /** RFC 7489 §6.4: a comma-separated list of absolute URIs, each with an optional size limit. */
        List<URI> uris(String tag) {
            String value = tags.get(tag);
            List<URI> uris = new ArrayList<>();
            if (value == null) {
                return uris;
            }
            for (String item : value.split(",")) {
                String text = SIZE_LIMIT.matcher(item.strip()).replaceFirst("");
                try {
                    URI uri = new URI(text);
                    if (!uri.isAbsolute()) {
                        reasons.add(tag + " entry '" + item.strip() + "' is not an absolute URI such as mailto:");
                    } else {
                        uris.add(uri);
                    }
                } catch (URISyntaxException e) {
                    reasons.add(tag + " entry '" + item.strip() + "' is not a URI: " + e.getReason());
                }
            }
            return uris;
        }

        Set<FailureOption> failureOptions() {
            Set<FailureOption> options = EnumSet.noneOf(FailureOption.class);
            for (String option : tags.getOrDefault("fo", "0").split(":")) {
                switch (option.strip().toLowerCase(Locale.ROOT)) {
                    case "0" -> options.add(FailureOption.ALL_FAIL);
                    case "1" -> options.add(FailureOption.ANY_FAIL);
                    case "d" -> options.add(FailureOption.DKIM);
                    case "s" -> options.add(FailureOption.SPF);
                    default -> reasons.add("fo option '" + option.strip() + "' is not 0, 1, d or s");
                }
            }
            return options;
        }
    }
}
