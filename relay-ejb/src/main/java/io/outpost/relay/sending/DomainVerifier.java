package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.dnsauth.DmarcLookup;
import io.outpost.relay.dnsauth.DmarcLookupException;
import io.outpost.relay.dnsauth.DmarcPolicy;
import io.outpost.relay.dnsauth.DmarcRecord;
import io.outpost.relay.dnsauth.DnsAnswer;
import io.outpost.relay.dnsauth.DnsLookups;
import io.outpost.relay.dnsauth.SpfEvaluator;
import io.outpost.relay.dnsauth.SpfResult;
import io.outpost.relay.sending.DomainExpectations.ExpectedDkimKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks in DNS the records {@link RecordsToPublish} asks a domain owner to publish. The records are checked at the
 * same time, so a record whose look-up times out delays the report by one DNS timeout, not one per record. A check
 * never throws: what it cannot tell is {@link CheckStatus#UNKNOWN}. Safe for concurrent use.
 */
public final class DomainVerifier {

    private static final String SEPARATOR = " | ";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // RFC 7208 §4.5: an SPF record starts with "v=spf1" followed by a space or its end.
    private static final Pattern SPF_RECORD = Pattern.compile("(?i)v=spf1(?: .*)?", Pattern.DOTALL);

    private final DnsLookups dns;
    private final SpfEvaluator spf;
    private final DmarcLookup dmarc;
    private final Executor executor;

    /** Checks each record on a thread of its own, started for the check and ended with it. */
    public DomainVerifier(DnsLookups dns, SpfEvaluator spf, DmarcLookup dmarc) {
        this(dns, spf, dmarc, null);
    }

    /** Checks the records on {@code executor}, e.g. a container's {@code ManagedExecutorService}. */
    public DomainVerifier(DnsLookups dns, SpfEvaluator spf, DmarcLookup dmarc, Executor executor) {
        this.dns = dns;
        this.spf = spf;
        this.dmarc = dmarc;
        this.executor = executor;
    }

    /** Looks up every record of {@link RecordsToPublish#of(DomainExpectations)} and says what DNS holds. */
    public VerificationReport check(DomainExpectations e) {
        List<PublishedRecord> records = RecordsToPublish.of(e);
        ExecutorService own =
                executor == null ? Executors.newFixedThreadPool(records.size(), DomainVerifier::daemon) : null;
        Executor pool = own != null ? own : executor;
        try {
            List<CompletableFuture<Outcome>> running = new ArrayList<>();
            for (PublishedRecord record : records) {
                running.add(start(pool, guarded(record, () -> check(record, e))));
            }
            List<RecordCheck> checks = new ArrayList<>();
            Optional<DmarcPolicy> policy = Optional.empty();
            for (int i = 0; i < records.size(); i++) {
                Outcome outcome = join(records.get(i), running.get(i));
                checks.add(outcome.check());
                policy = outcome.dmarc().isPresent() ? outcome.dmarc() : policy;
            }
            return new VerificationReport(checks, policy);
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    private Outcome check(PublishedRecord record, DomainExpectations e) {
        return switch (record.kind()) {
            case DKIM -> new Outcome(checkDkim(record, e), Optional.empty());
            case SPF, RETURN_PATH_SPF -> new Outcome(checkSpf(record, e), Optional.empty());
            case DMARC -> checkDmarc(record, e);
            case RETURN_PATH_MX -> new Outcome(checkMx(record, e), Optional.empty());
            case TRACKING -> new Outcome(checkTracking(record, e), Optional.empty());
        };
    }

    // ---- DKIM (RFC 6376 §3.6)

    private RecordCheck checkDkim(PublishedRecord record, DomainExpectations e) {
        ExpectedDkimKey key = e.dkim().stream()
                .filter(k -> RecordsToPublish.dkimName(k.selector(), e.domain()).equals(record.name()))
                .findFirst()
                .orElseThrow();
        DnsAnswer<String> answer = dns.txt(record.name());
        if (answer instanceof DnsAnswer.Failure<String> failure) {
            return dnsFailed(record, failure.reason());
        }
        // DnsLookups joins each record's strings without a separator (RFC 6376 §3.6.2.2).
        List<String> keyRecords =
                answer.values().stream().filter(DomainVerifier::isDkimKeyRecord).toList();
        Optional<String> found = joined(keyRecords.isEmpty() ? answer.values() : keyRecords);
        if (keyRecords.isEmpty()) {
            return missing(record, found, "DKIM key");
        }
        String expectedKey = stripped(tags(key.txtValue()).getOrDefault("p", ""));
        String expectedType = key.algorithm().keyType();
        String problem = null;
        for (String text : keyRecords) {
            Map<String, String> tags = tags(text);
            String publishedKey = stripped(tags.getOrDefault("p", ""));
            // RFC 6376 §3.6.1: k= defaults to rsa.
            String publishedType = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
            if (publishedKey.equals(expectedKey) && publishedType.equals(expectedType)) {
                String several = keyRecords.size() > 1
                        ? "; remove the other key records at this name, receivers may pick any of them"
                        : "";
                return result(
                        record, CheckStatus.FOUND, found, "the published key is the one Outpost signs with" + several);
            }
            if (problem == null) {
                problem = publishedKey.isEmpty()
                        ? "the published key is revoked (empty p=, RFC 6376 §3.6.1): publish the value above"
                        : !publishedType.equals(expectedType)
                                ? "the published key type is k=" + publishedType + " but Outpost signs with "
                                        + expectedType + ": publish the value above"
                                : "the published key is not the one Outpost signs with: publish the value above";
            }
        }
        return result(record, CheckStatus.WRONG, found, problem);
    }

    /** A DKIM key record: a tag list with {@code p=}, or one that starts with {@code v=DKIM1} (RFC 6376 §3.6.1). */
    private static boolean isDkimKeyRecord(String text) {
        Map<String, String> tags = tags(text);
        return tags.containsKey("p") || "DKIM1".equals(tags.get("v"));
    }

    /** RFC 6376 §3.2 tag-list: {@code tag=value} separated by {@code ;}, whitespace around both ignored. */
    static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";")) {
            int equals = spec.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(
                        spec.substring(0, equals).strip(),
                        spec.substring(equals + 1).strip());
            }
        }
        return tags;
    }

    private static String stripped(String value) {
        return WHITESPACE.matcher(value).replaceAll("");
    }

    // ---- SPF (RFC 7208)

    private RecordCheck checkSpf(PublishedRecord record, DomainExpectations e) {
        DnsAnswer<String> answer = dns.txt(record.name());
        if (answer instanceof DnsAnswer.Failure<String> failure) {
            return dnsFailed(record, failure.reason());
        }
        List<String> spfRecords = answer.values().stream()
                .filter(text -> SPF_RECORD.matcher(text.strip()).matches())
                .toList();
        Optional<String> found = joined(spfRecords);
        if (spfRecords.isEmpty()) {
            return missing(record, found, "SPF record");
        }
        List<InetAddress> addresses = e.outbound().addresses();
        Domain domain = record.kind() == RecordKind.SPF ? e.domain() : e.returnPathDomain();
        if (addresses.isEmpty()) {
            return includeOnly(record, e, spfRecords, found);
        }
        List<String> failures = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        boolean none = false;
        for (InetAddress address : addresses) {
            if (!temporary.isEmpty()) {
                // The next address would most likely wait for the same unanswered look-up.
                break;
            }
            SpfResult result = spf.check(address, domain);
            String ip = RecordsToPublish.text(address);
            switch (result.verdict()) {
                case PASS -> {}
                case NONE -> none = true;
                case TEMPERROR -> temporary.add(ip + ": " + result.explanation());
                case PERMERROR -> failures.add(ip + ": permerror, " + result.explanation() + lookupHint(result));
                default -> failures.add(ip + ": " + result.verdict().name().toLowerCase(Locale.ROOT)
                        + result.mechanism().map(m -> " by '" + m + "'").orElse(""));
            }
        }
        if (!failures.isEmpty()) {
            return result(
                    record,
                    CheckStatus.WRONG,
                    found,
                    "the SPF record does not authorise Outpost ("
                            + String.join("; ", failures) + "): add " + RecordsToPublish.spfMechanisms(e.outbound())
                            + " before its 'all'");
        }
        if (!temporary.isEmpty()) {
            return result(
                    record,
                    CheckStatus.UNKNOWN,
                    found,
                    "SPF temperror (" + String.join("; ", temporary) + "); checked again later");
        }
        if (none) {
            return missing(record, found, "SPF record");
        }
        return result(record, CheckStatus.FOUND, found, "the SPF record authorises every Outpost address");
    }

    /** RFC 7208 §4.6.4 limits, which records that grew by includes often exceed, said in words. */
    private static String lookupHint(SpfResult result) {
        return result.explanation().contains("§4.6.4")
                ? " (SPF allows at most 10 DNS lookups per check: replace an include: with ip4:/ip6: terms or drop"
                        + " one you no longer need)"
                : "";
    }

    /** Without addresses the include cannot be evaluated; the record must name it, as a term or redirect. */
    private static RecordCheck includeOnly(
            PublishedRecord record, DomainExpectations e, List<String> spfRecords, Optional<String> found) {
        String include = e.outbound().spfInclude().orElseThrow().ascii();
        for (String text : spfRecords) {
            for (String term : text.strip().split("\\s+")) {
                String lower = term.toLowerCase(Locale.ROOT);
                if (lower.equals("include:" + include)
                        || lower.equals("+include:" + include)
                        || lower.equals("redirect=" + include)) {
                    return result(record, CheckStatus.FOUND, found, "the SPF record includes " + include);
                }
            }
        }
        return result(
                record,
                CheckStatus.WRONG,
                found,
                "the SPF record does not include " + include + ": add include:" + include + " before its 'all'");
    }

    // ---- DMARC (RFC 7489 §6.6.3)

    private Outcome checkDmarc(PublishedRecord record, DomainExpectations e) {
        Optional<DmarcPolicy> policy;
        try {
            policy = dmarc.find(e.domain());
        } catch (DmarcLookupException ex) {
            // Only a published record can be broken; after a DNS failure another look-up would wait out the timeout
            // again.
            RecordCheck check = ex.temporary()
                    ? result(record, CheckStatus.UNKNOWN, Optional.empty(), ex.getMessage() + "; checked again later")
                    : result(record, CheckStatus.WRONG, dmarcText(record.name()), ex.getMessage() + ": fix the record");
            return new Outcome(check, Optional.empty());
        }
        if (policy.isEmpty()) {
            return new Outcome(
                    result(
                            record,
                            CheckStatus.MISSING,
                            Optional.empty(),
                            "no DMARC record for " + e.domain().ascii()
                                    + " or its organisational domain: publish the value above"),
                    Optional.empty());
        }
        DmarcPolicy found = policy.get();
        String at = "_dmarc." + found.foundAt().ascii();
        String effective = found.effectivePolicy().name().toLowerCase(Locale.ROOT);
        String detail = found.inherited()
                ? "inherited from the organisational domain " + found.foundAt().ascii() + " (" + at
                        + "): its subdomain policy sp=" + effective + " applies"
                : "DMARC policy p=" + effective + " published at " + at;
        return new Outcome(result(record, CheckStatus.FOUND, dmarcText(at), detail), policy);
    }

    /** The DMARC record text at {@code name} for the report, or empty if DNS does not give it now. */
    private Optional<String> dmarcText(String name) {
        return joined(
                dns.txt(name).values().stream().filter(DmarcRecord::isDmarc).toList());
    }

    // ---- return-path MX

    private RecordCheck checkMx(PublishedRecord record, DomainExpectations e) {
        DnsAnswer<String> answer = dns.mx(record.name());
        if (answer instanceof DnsAnswer.Failure<String> failure) {
            return dnsFailed(record, failure.reason());
        }
        List<String> hosts = answer.values();
        Optional<String> found = joined(hosts);
        if (hosts.isEmpty()) {
            return missing(record, found, "MX record");
        }
        String expected = e.outbound().bounceMxHost().ascii();
        boolean ours = hosts.stream().anyMatch(host -> withoutDot(host).equalsIgnoreCase(expected));
        return ours
                ? result(record, CheckStatus.FOUND, found, "bounces reach Outpost at " + expected)
                : result(
                        record,
                        CheckStatus.WRONG,
                        found,
                        "the MX points elsewhere, so bounces do not reach Outpost:"
                                + " publish the value above instead");
    }

    // RFC 1034 §3.6.2: an alias has exactly one CNAME, naming the host that answers for it.
    private RecordCheck checkTracking(PublishedRecord record, DomainExpectations e) {
        DnsAnswer<String> answer = dns.cname(record.name());
        if (answer instanceof DnsAnswer.Failure<String> failure) {
            return dnsFailed(record, failure.reason());
        }
        List<String> targets = answer.values();
        Optional<String> found = joined(targets);
        if (targets.isEmpty()) {
            return missing(record, found, "CNAME record");
        }
        String expected = e.outbound().trackingTarget().orElseThrow().ascii();
        return targets.stream().anyMatch(target -> withoutDot(target).equalsIgnoreCase(expected))
                ? result(record, CheckStatus.FOUND, found, "tracked links under " + record.name() + " reach Outpost")
                : result(
                        record,
                        CheckStatus.WRONG,
                        found,
                        "the name points elsewhere, so its tracked links would not reach Outpost:"
                                + " publish the value above instead");
    }

    private static String withoutDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    // ---- plumbing

    private record Outcome(RecordCheck check, Optional<DmarcPolicy> dmarc) {}

    private static RecordCheck result(
            PublishedRecord record, CheckStatus status, Optional<String> found, String detail) {
        return new RecordCheck(record.kind(), record.name(), status, record.value(), found, detail);
    }

    private static RecordCheck dnsFailed(PublishedRecord record, String reason) {
        return result(record, CheckStatus.UNKNOWN, Optional.empty(), reason + "; checked again later");
    }

    private static RecordCheck missing(PublishedRecord record, Optional<String> found, String what) {
        return result(
                record,
                CheckStatus.MISSING,
                found,
                "no " + what + " at " + record.name() + ": publish the value above");
    }

    private static Optional<String> joined(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(SEPARATOR, values));
    }

    /** A check that fails unexpectedly reports UNKNOWN rather than ending the whole report. */
    private static Supplier<Outcome> guarded(PublishedRecord record, Supplier<Outcome> check) {
        return () -> {
            try {
                return check.get();
            } catch (RuntimeException ex) {
                return unknown(record, ex);
            }
        };
    }

    private static CompletableFuture<Outcome> start(Executor pool, Supplier<Outcome> check) {
        try {
            return CompletableFuture.supplyAsync(check, pool);
        } catch (RejectedExecutionException ex) {
            // The executor is shutting down or full: check on this thread rather than not at all.
            return CompletableFuture.completedFuture(check.get());
        }
    }

    private static Outcome join(PublishedRecord record, CompletableFuture<Outcome> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException ex) {
            return unknown(record, ex.getCause() != null ? ex.getCause() : ex);
        }
    }

    private static Outcome unknown(PublishedRecord record, Throwable problem) {
        return new Outcome(
                result(
                        record,
                        CheckStatus.UNKNOWN,
                        Optional.empty(),
                        "the check failed (" + problem + "); checked again later"),
                Optional.empty());
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "outpost-domain-verifier");
        thread.setDaemon(true);
        return thread;
    }
}
