package io.outpost.relay.audience;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A row of {@code outpost_subscriber} (V26__audiences.sql): a subscriber and the proof of their consent. */
@Entity
@Table(name = "outpost_subscriber")
@SequenceGenerator(name = "outpost_subscriber_ids", sequenceName = "outpost_subscriber_seq", allocationSize = 10)
class StoredSubscriber {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outpost_subscriber_ids")
    private long id;

    @Column(name = "tenant_id", length = 63, nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "audience_id", nullable = false, updatable = false)
    private long audienceId;

    @Column(name = "address", length = 320, nullable = false, updatable = false)
    private String address;

    @Column(name = "attributes", length = SubscriberAttributes.MAX_CHARS)
    private String attributes;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 12, nullable = false)
    private SubscriberState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", length = 6, nullable = false)
    private ConsentSource source;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "request_ip", length = 45)
    private String requestIp;

    @Column(name = "request_agent", length = Origin.MAX_AGENT)
    private String requestAgent;

    @Column(name = "consent_version")
    private Integer consentVersion;

    @Column(name = "consent_text", length = ConsentText.MAX_LENGTH)
    private String consentText;

    @Column(name = "consent_origin", length = 300)
    private String consentOrigin;

    @Column(name = "confirmation_sent_at")
    private Instant confirmationSentAt;

    @Column(name = "confirmation_message_id")
    private Long confirmationMessageId;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "confirm_ip", length = 45)
    private String confirmIp;

    @Column(name = "confirm_agent", length = Origin.MAX_AGENT)
    private String confirmAgent;

    @Column(name = "unsubscribed_at")
    private Instant unsubscribedAt;

    protected StoredSubscriber() {}

    StoredSubscriber(TenantId tenant, long audienceId, String address) {
        this.tenantId = tenant.value();
        this.audienceId = audienceId;
        this.address = address;
    }

    /**
     * A new request for this subscription: what an earlier one proved is replaced, since the consent that counts is the
     * one the coming confirmation confirms.
     *
     * @param consent the audience's version shown, or the wording stated ({@link ConsentText#STATED})
     */
    void requested(SubscribeRequest request, ConsentText consent, Instant now) {
        asked(request.attributes(), request.source(), request.origin(), consent, now);
        this.state = SubscriberState.PENDING;
        this.consentOrigin = null;
        this.confirmationSentAt = null;
        this.confirmationMessageId = null;
        this.confirmedAt = null;
        this.confirmIp = null;
        this.confirmAgent = null;
        this.unsubscribedAt = null;
    }

    /** Confirmed on the proof the tenant imported: it consented at {@code consentedAt}, as the tenant states. */
    void imported(ImportedSubscriber row, ConsentText consent, Instant now) {
        asked(row.attributes(), ConsentSource.IMPORT, row.from(), consent, now);
        this.state = SubscriberState.CONFIRMED;
        this.consentOrigin = row.origin().orElse(null);
        this.confirmedAt = row.consentedAt();
    }

    void confirmed(Origin from, Instant now) {
        this.state = SubscriberState.CONFIRMED;
        this.confirmedAt = now;
        this.confirmIp = ip(from);
        this.confirmAgent = from.userAgent().orElse(null);
    }

    void unsubscribed(Instant now) {
        this.state = SubscriberState.UNSUBSCRIBED;
        this.unsubscribedAt = now;
    }

    /** Reserves the confirmation message at {@code now}, before it is queued, so that two requests send one. */
    void sending(Instant now) {
        this.confirmationSentAt = now;
    }

    void sent(long messageId) {
        this.confirmationMessageId = messageId;
    }

    void notSent() {
        this.confirmationSentAt = null;
    }

    long id() {
        return id;
    }

    long audienceId() {
        return audienceId;
    }

    SubscriberState state() {
        return state;
    }

    Optional<Instant> confirmationSentAt() {
        return Optional.ofNullable(confirmationSentAt);
    }

    /** The version of the audience's consent text the proof points at; empty for a stated wording. */
    OptionalInt consentVersion() {
        return consentVersion == null || consentVersion == ConsentText.STATED
                ? OptionalInt.empty()
                : OptionalInt.of(consentVersion);
    }

    /**
     * @param version the audience's consent text the proof points at, read by the store; empty when it keeps a stated
     *     wording of its own
     */
    Subscriber view(AudienceId audience, Optional<ConsentText> version) {
        Optional<ConsentText> consent = version.or(() -> Optional.ofNullable(consentText)
                .map(wording -> new ConsentText(ConsentText.STATED, wording, requestedAt)));
        ConsentProof proof = new ConsentProof(
                source,
                requestedAt,
                origin(requestIp, requestAgent),
                consent,
                Optional.ofNullable(consentOrigin),
                Optional.ofNullable(confirmedAt),
                origin(confirmIp, confirmAgent));
        return new Subscriber(
                id,
                audience,
                EmailAddress.parse(address),
                attributes == null ? SubscriberAttributes.NONE : SubscriberAttributes.parse(attributes),
                state,
                proof,
                confirmationMessageId == null ? OptionalLong.empty() : OptionalLong.of(confirmationMessageId),
                Optional.ofNullable(unsubscribedAt));
    }

    // How it was asked, and the consent that was asked for.
    private void asked(
            SubscriberAttributes attributes, ConsentSource source, Origin origin, ConsentText consent, Instant now) {
        this.attributes = attributes.text();
        this.source = source;
        this.requestedAt = now;
        this.requestIp = ip(origin);
        this.requestAgent = origin.userAgent().orElse(null);
        this.consentVersion = consent.version();
        this.consentText = consent.version() == ConsentText.STATED ? consent.wording() : null;
    }

    private static String ip(Origin origin) {
        return origin.address().map(InetAddress::getHostAddress).orElse(null);
    }

    private static Origin origin(String ip, String agent) {
        return new Origin(Optional.ofNullable(ip).map(IpLiteral::parse), Optional.ofNullable(agent));
    }
}
