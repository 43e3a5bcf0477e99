package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.tenant.TenantId;
import io.outpost.relay.content.HeaderFrom;
import io.outpost.relay.content.MessageContent;
import io.outpost.relay.dkim.DkimSigner;
import io.outpost.relay.dkim.MalformedMessageException;
import io.outpost.relay.dnsauth.DmarcRecord.Alignment;
import io.outpost.relay.dnsauth.PublicSuffixes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Readies a submitted message for the queue: finds the sending domain of its From: address, signs it with the domain's
 * active keys over the final bytes (a message that cannot be signed as it is gets a permanent 550 5.6.0), picks the
 * return-path domain, and notes DMARC alignment (RFC 7489 §3.1) of From: with the DKIM {@code d=} and with the return
 * path. The outcome's note is stored with the message so an operator can see why it was signed and routed as it was.
 *
 * <p>Whether a domain may send at all is the rules' to decide, before this runs: {@link #unreadyDkim} is what the
 * {@code dkim-readiness} rule refuses and {@link #misalignment} what {@code dmarc-alignment} refuses. Thread-safe.
 */
public final class OutboundAuthentication {

    private final Function<Domain, Optional<SigningProfile>> profiles;
    private final DkimSigner signer;
    private final PublicSuffixes suffixes;

    /** @param profiles the sending domain of exactly this name, if it is one */
    public OutboundAuthentication(
            Function<Domain, Optional<SigningProfile>> profiles, DkimSigner signer, PublicSuffixes suffixes) {
        this.profiles = profiles;
        this.signer = signer;
        this.suffixes = suffixes;
    }

    /** What to queue, or the refusal. */
    public sealed interface Outcome {}

    /**
     * The message to queue.
     *
     * @param content the bytes to queue and send, with the signatures in front when a key applied
     * @param returnPath the domain of the per-recipient VERP envelope sender, or empty to keep the client's
     * @param note how it was authenticated, for the message's record
     */
    public record Ready(MessageContent content, Optional<Domain> returnPath, String note) implements Outcome {}

    /** Not to be queued: the reply says why in terms the sender's admin can act on. */
    public record Refused(SmtpReply reply, String note) implements Outcome {}

    /**
     * The refusal of a message whose From: domain ({@code from}, as {@link HeaderFrom} reads it) is a sending domain
     * whose DKIM records have not all verified; empty for any other message.
     */
    public Optional<Refused> unreadyDkim(Optional<TenantId> tenant, List<Domain> from) {
        Optional<SigningProfile> found = ownSendingDomain(tenant, from);
        if (found.isEmpty() || found.get().dkimVerified()) {
            return Optional.empty();
        }
        SigningProfile profile = found.get();
        String missing =
                profile.unverifiedDkim().isEmpty() ? "no active DKIM key" : String.join(", ", profile.unverifiedDkim());
        // RFC 7372 §3.3: X.7.26 — the message would fail authentication at its receivers. Temporary while the record
        // has not been checked yet or DNS did not answer, so the client retries instead of bouncing the message.
        boolean temporary =
                profile.dkimUndetermined() && !profile.unverifiedDkim().isEmpty();
        return Optional.of(new Refused(
                SmtpReply.of(
                        temporary ? 451 : 550,
                        temporary ? "4.7.26" : "5.7.26",
                        "DKIM record not verified for " + profile.domain() + ": " + missing
                                + "; publish the domain's records (GET /api/v1/domains/" + profile.domain()
                                + ") and wait for the check"),
                "refused: DKIM not verified: " + missing));
    }

    /**
     * The refusal of a message from a sending domain that would fail DMARC alignment as it would be sent (neither the
     * DKIM signature nor the return path aligned with From:); empty for any other message.
     */
    public Optional<Refused> misalignment(Optional<TenantId> tenant, ReversePath envelope, List<Domain> from) {
        Optional<SigningProfile> found = ownSendingDomain(tenant, from);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Domain author = from.get(0);
        String alignment = alignment(author, found.get(), envelope, returnPath(found.get(), envelope));
        if (!alignment.startsWith("misaligned")) {
            return Optional.empty();
        }
        return Optional.of(new Refused(
                SmtpReply.of(
                        550,
                        "5.7.26",
                        "Message would fail DMARC alignment for " + author + ": " + alignment.substring(12)),
                "refused: " + alignment));
    }

    // The sending domain the message is signed for: none for another tenant's domain, which is refused on its own.
    private Optional<SigningProfile> ownSendingDomain(Optional<TenantId> tenant, List<Domain> from) {
        if (from.isEmpty()) {
            return Optional.empty();
        }
        return sendingDomainOf(from.get(0))
                .filter(profile -> tenant.isEmpty() || tenant.get().equals(profile.tenant()));
    }

    // RFC 5321 §4.5.5: a message sent with the null reverse path (a notification) must keep it: no VERP address.
    private static Optional<Domain> returnPath(SigningProfile profile, ReversePath envelope) {
        return envelope.isNull() ? Optional.empty() : profile.returnPath();
    }

    /**
     * @param tenant the tenant the client authenticated as (or sends for by trusted network), empty for the operator's
     *     own trusted hosts
     * @param headerSection {@code content}'s header section, read once by the caller for every check of the message
     */
    public Outcome prepare(
            Optional<TenantId> tenant, ReversePath envelope, MessageContent content, byte[] headerSection) {
        List<Domain> from = HeaderFrom.domains(headerSection);
        if (from.isEmpty()) {
            return new Ready(content, Optional.empty(), "not signed: no single readable From: field");
        }
        Domain author = from.get(0);
        Optional<SigningProfile> found = sendingDomainOf(author);
        if (found.isEmpty() && tenant.isPresent()) {
            // The sender binding lets a tenant use only its sending domains and their subdomains, so this is a From:
            // that slipped past it: refuse rather than relay it unsigned under the tenant's name.
            return new Refused(
                    SmtpReply.of(550, "5.7.1", "From: domain " + author + " is not a sending domain of your account"),
                    "refused: " + author + " is not a sending domain");
        }
        if (found.isEmpty()) {
            return new Ready(content, Optional.empty(), "not signed: " + author + " is not a sending domain");
        }
        SigningProfile profile = found.get();
        if (tenant.isPresent() && !tenant.get().equals(profile.tenant())) {
            // The sender binding already binds From: to the tenant's domains; this keeps another tenant's key unusable
            // even if that rule is ever bypassed.
            return new Refused(
                    SmtpReply.of(550, "5.7.1", "From: domain " + author + " is not a sending domain of your account"),
                    "refused: " + author + " belongs to another tenant");
        }
        MessageContent signed;
        try {
            signed = profile.signingKeys().isEmpty()
                    ? content
                    : content.withFieldsInFront(signer.signatures(content, headerSection, profile.signingKeys()));
        } catch (MalformedMessageException e) {
            // RFC 3463 §3.7: X.6.0, other media error. The same bytes fail the same way on every retry: permanent.
            return new Refused(
                    SmtpReply.of(550, "5.6.0", "Message cannot be signed: " + e.getMessage()),
                    "refused: not signable: " + e.getMessage());
        }
        Optional<Domain> returnPath = returnPath(profile, envelope);
        return new Ready(
                signed, returnPath, signature(profile) + "; " + alignment(author, profile, envelope, returnPath));
    }

    /**
     * The return-path domain {@link #prepare} will give the message: that of its From: domain's sending domain, when it
     * is the tenant's and has a verified one, and the message does not keep the null reverse path.
     */
    public Optional<Domain> returnPath(Optional<TenantId> tenant, ReversePath envelope, byte[] headerSection) {
        return ownSendingDomain(tenant, HeaderFrom.domains(headerSection))
                .flatMap(profile -> returnPath(profile, envelope));
    }

    /**
     * As {@link #prepare}, for a message whose recipients each get a copy of their own, signed as it is sent (bulk mail,
     * whose unsubscribe fields name the recipient): the content stays unsigned, and signing it once here only proves it
     * can be signed, so a message that cannot is refused now rather than bounced later.
     */
    public Outcome prepareForCopies(
            Optional<TenantId> tenant, ReversePath envelope, MessageContent content, byte[] headerSection) {
        Outcome outcome = prepare(tenant, envelope, content, headerSection);
        if (outcome instanceof Ready ready) {
            return new Ready(
                    content, ready.returnPath(), ready.note() + "; each recipient's copy signed as it is sent");
        }
        return outcome;
    }

    /** The sending domain {@code author} is, or is a subdomain of (the closest one). */
    private Optional<SigningProfile> sendingDomainOf(Domain author) {
        String name = author.name();
        while (true) {
            Optional<SigningProfile> profile = profiles.apply(Domain.of(name));
            if (profile.isPresent()) {
                return profile;
            }
            int dot = name.indexOf('.');
            if (dot < 0 || name.indexOf('.', dot + 1) < 0) {
                return Optional.empty();
            }
            name = name.substring(dot + 1);
        }
    }

    private static String signature(SigningProfile profile) {
        if (profile.signingKeys().isEmpty()) {
            return "not signed: no active key";
        }
        List<String> selectors = new ArrayList<>();
        profile.signingKeys()
                .forEach(k -> selectors.add(k.selector() + " " + k.algorithm().tag()));
        return "signed d=" + profile.domain() + " s=" + String.join(", ", selectors)
                + (profile.dkimVerified() ? "" : " (record not verified)");
    }

    /**
     * RFC 7489 §3.1: DMARC passes if DKIM or SPF passes for an identifier aligned with the From: domain; relaxed (the
     * default without a record) means the same organizational domain, strict the same name.
     */
    private String alignment(Domain author, SigningProfile profile, ReversePath envelope, Optional<Domain> returnPath) {
        Alignment adkim = profile.dkimAlignment().orElse(Alignment.RELAXED);
        Alignment aspf = profile.spfAlignment().orElse(Alignment.RELAXED);
        boolean dkimPasses = profile.dkimVerified() && aligned(author, profile.domain(), adkim);
        Optional<Domain> envelopeDomain = returnPath.or(() -> envelope.mailbox().map(m -> m.domain()));
        boolean spfAuthorised = returnPath.isPresent()
                ? profile.returnPathSpfPasses()
                : envelopeDomain.filter(profile.domain()::equals).isPresent() && profile.domainSpfPasses();
        boolean spfPasses = spfAuthorised
                && envelopeDomain.filter(d -> aligned(author, d, aspf)).isPresent();
        String dkim = "dkim " + (dkimPasses ? "aligned" : "not aligned") + " (adkim=" + tag(adkim) + ", d="
                + profile.domain() + (profile.dkimVerified() ? "" : ", record not verified") + ")";
        String spf = "spf " + (spfPasses ? "aligned" : "not aligned") + " (aspf=" + tag(aspf) + ", return path "
                + envelopeDomain.map(Domain::toString).orElse("<>") + (spfAuthorised ? "" : ", SPF not verified")
                + ")";
        return (dkimPasses || spfPasses ? "aligned: " : "misaligned: ") + dkim + ", " + spf;
    }

    private boolean aligned(Domain author, Domain other, Alignment mode) {
        return mode == Alignment.STRICT
                ? author.equals(other)
                : suffixes.organizationalDomain(author).equals(suffixes.organizationalDomain(other));
    }

    private static String tag(Alignment mode) {
        return mode == Alignment.STRICT ? "s" : "r";
    }
}
