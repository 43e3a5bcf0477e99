package io.outpost.web.domains;

import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.sending.DomainEventView;
import io.outpost.relay.sending.PublishedRecord;
import io.outpost.relay.sending.RecordCheck;
import io.outpost.relay.sending.SelectorView;
import io.outpost.relay.sending.SendingDomainView;
import io.outpost.relay.sending.SendingDomainView.CheckView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of sending domains, written out field by field so that no key material can slip in. */
public final class DomainJson {

    private DomainJson() {}

    /** A domain with every record to publish and, beside each, what the last check found. */
    public static JsonObject domain(SendingDomainView domain) {
        JsonArrayBuilder selectors = CachedJson.createArrayBuilder();
        domain.selectors().forEach(s -> selectors.add(selector(s)));
        JsonArrayBuilder records = CachedJson.createArrayBuilder();
        for (PublishedRecord record : domain.records()) {
            records.add(record(record, checkOf(domain, record)));
        }
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("domain", domain.domain().name())
                .add("tenant", domain.tenant().value())
                .add("returnPathDomain", domain.returnPathDomain().name())
                .add("readyToSend", domain.readyToSend())
                .add("createdAt", domain.createdAt().toString());
        domain.trackingHost().ifPresent(host -> json.add("trackingHost", host.name()));
        time(json, "checkedAt", domain.checkedAt());
        return json.add("selectors", selectors).add("records", records).build();
    }

    /** A short form for lists. */
    public static JsonObject summary(SendingDomainView domain) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("domain", domain.domain().name())
                .add("returnPathDomain", domain.returnPathDomain().name())
                .add("readyToSend", domain.readyToSend());
        time(json, "checkedAt", domain.checkedAt());
        return json.build();
    }

    public static String list(List<SendingDomainView> domains) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        domains.forEach(d -> array.add(summary(d)));
        return array.build().toString();
    }

    public static String events(List<DomainEventView> events) {
        JsonArrayBuilder array = CachedJson.createArrayBuilder();
        for (DomainEventView event : events) {
            JsonObjectBuilder json = CachedJson.createObjectBuilder()
                    .add("at", event.at().toString())
                    .add("kind", event.kind().name())
                    .add("subject", event.subject());
            event.previousStatus().ifPresent(s -> json.add("previousStatus", s.name()));
            event.status().ifPresent(s -> json.add("status", s.name()));
            array.add(json.add("detail", event.detail()));
        }
        return array.build().toString();
    }

    private static JsonObject selector(SelectorView selector) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("selector", selector.selector())
                .add("algorithm", selector.algorithm().tag())
                .add("state", selector.state().name())
                .add("createdAt", selector.createdAt().toString());
        time(json, "activatedAt", selector.activatedAt());
        time(json, "retireAt", selector.retireAt());
        return json.build();
    }

    private static JsonObject record(PublishedRecord record, Optional<CheckView> check) {
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("kind", record.kind().name())
                .add("name", record.name())
                .add("type", record.type())
                .add("value", record.value())
                .add("purpose", record.purpose());
        if (record.type().equals("TXT")) {
            // RFC 7208 §3.3 / RFC 6376 §3.6.2.2: a TXT string holds 255 octets; longer values are split, then joined.
            JsonArrayBuilder strings = CachedJson.createArrayBuilder();
            DkimKeys.txtStrings(record.value()).forEach(strings::add);
            json.add("txtStrings", strings);
        }
        check.ifPresentOrElse(c -> json.add("check", check(c)), () -> json.addNull("check"));
        return json.build();
    }

    private static JsonObject check(CheckView view) {
        RecordCheck check = view.check();
        JsonObjectBuilder json = CachedJson.createObjectBuilder()
                .add("status", check.status().name())
                .add("expected", check.expected());
        check.found().ifPresentOrElse(f -> json.add("found", f), () -> json.addNull("found"));
        return json.add("detail", check.detail())
                .add("checkedAt", view.checkedAt().toString())
                .add("statusSince", view.statusSince().toString())
                .build();
    }

    private static Optional<CheckView> checkOf(SendingDomainView domain, PublishedRecord record) {
        return domain.checks().stream()
                .filter(c ->
                        c.check().kind() == record.kind() && c.check().name().equals(record.name()))
                .findFirst();
    }

    private static void time(JsonObjectBuilder json, String name, Optional<Instant> value) {
        value.ifPresentOrElse(v -> json.add(name, v.toString()), () -> json.addNull(name));
    }
}
