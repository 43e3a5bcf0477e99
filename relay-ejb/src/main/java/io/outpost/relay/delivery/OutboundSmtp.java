package io.outpost.relay.delivery;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.ClientConnection;
import io.outpost.relay.content.MessageContent;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.xbill.DNS.Address;

/**
 * Hands one message to the mail hosts of one destination domain over SMTP (Angus Mail's transport), in one transaction
 * for all of its recipients there, and reports each recipient's outcome from the remote host's own replies.
 *
 * <p>Hosts come from the {@link TransportMap} when it has an entry for the domain, otherwise from MX records. They are
 * tried in order, address by address, until one answers (RFC 5321 §5.1). STARTTLS is used whenever offered, without
 * checking the certificate: opportunistic encryption (RFC 3207, RFC 7435) beats plain text, and a relay that insisted
 * on valid certificates would not deliver to much of the internet.
 *
 * <p>Safe for concurrent use: several queue workers deliver at once; each connection serves one of them at a time and
 * is kept open for the next message to the same host. Call {@link #close()} on shutdown.
 */
public final class OutboundSmtp implements AutoCloseable {

    private final MxResolver resolver;
    private final TransportMap transportMap;
    private final OutboundSettings settings;
    private final Session session;
    private final TransportPool pool;

    public OutboundSmtp(OutboundSettings settings, MxResolver resolver, TransportMap transportMap) {
        this.settings = settings;
        this.resolver = resolver;
        this.transportMap = transportMap;
        this.session = Session.getInstance(sessionProperties(settings));
        this.pool = new TransportPool(
                session, settings.maxConnectionsPerDestination(), settings.idleTimeout(), Clock.systemUTC());
    }

    /**
     * Delivers {@code content} exactly as given to {@code recipients}, all of which must be at {@code
     * destinationDomain}. Never throws for a remote or network failure: those are outcomes.
     */
    public DeliveryResult deliver(
            Domain destinationDomain, ReversePath sender, List<EmailAddress> recipients, MessageContent content) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        for (EmailAddress recipient : recipients) {
            if (!recipient.domain().equals(destinationDomain)) {
                throw new IllegalArgumentException(recipient + " is not at " + destinationDomain);
            }
        }
        Optional<Destination> override = transportMap.routeFor(destinationDomain);
        int port = override.map(d -> d.port().orElse(settings.port())).orElse(settings.port());
        Route route = override.map(this::routeTo).orElseGet(() -> resolver.resolve(destinationDomain));
        if (route instanceof Route.Permanent permanent) {
            return sameForAll(recipients, permanent.reply(), Optional.empty());
        }
        if (route instanceof Route.Temporary temporary) {
            return sameForAll(recipients, temporary.reply(), Optional.empty());
        }
        return deliverTo(((Route.Hosts) route).hosts(), port, sender, recipients, content);
    }

    /** Closes connections idle longer than the idle timeout; call it now and then, e.g. from the queue's timer. */
    public void closeIdleConnections() {
        pool.evictIdle();
    }

    @Override
    public void close() {
        pool.close();
    }

    private Route routeTo(Destination destination) {
        if (!destination.isIpLiteral()) {
            return resolver.resolveHost(destination.host());
        }
        try {
            InetAddress address = Address.getByAddress(destination.host());
            return new Route.Hosts(List.of(new MailHost(destination.host(), List.of(address))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("destination checked as IP literal is not one: " + destination, e);
        }
    }

    private DeliveryResult deliverTo(
            List<MailHost> hosts, int port, ReversePath sender, List<EmailAddress> recipients, MessageContent content) {
        List<String> failures = new ArrayList<>();
        for (MailHost host : hosts) {
            for (InetAddress address : host.addresses()) {
                RemoteHost remoteHost = new RemoteHost(host.hostname(), address, port);
                Optional<TlsNotingTransport> transport;
                try {
                    transport = pool.acquire(remoteHost, settings.connectTimeout());
                } catch (MessagingException e) {
                    failures.add(remoteHost + ": " + reasonOf(e));
                    continue;
                }
                if (transport.isEmpty()) {
                    failures.add(remoteHost + ": all " + settings.maxConnectionsPerDestination()
                            + " connections stayed busy");
                    continue;
                }
                return transact(remoteHost, transport.get(), sender, recipients, content);
            }
        }
        // RFC 3463 X.4.1: no answer from host.
        SmtpReply noHost = SmtpReply.of(451, "4.4.1", "no mail host answered: " + String.join("; ", failures));
        return sameForAll(recipients, noHost, Optional.empty());
    }

    private DeliveryResult transact(
            RemoteHost remoteHost,
            TlsNotingTransport transport,
            ReversePath sender,
            List<EmailAddress> recipients,
            MessageContent content) {
        Optional<ClientConnection.Tls> tls = transport.tls();
        boolean reusable = true;
        try {
            boolean needsUtf8 = sender.mailbox().map(EmailAddress::needsUtf8).orElse(false)
                    || recipients.stream().anyMatch(EmailAddress::needsUtf8);
            if (needsUtf8 && !transport.supportsExtension("SMTPUTF8")) {
                // RFC 6531 §3.2: a UTF-8 address may only be sent to a server that offers SMTPUTF8.
                SmtpReply refused = SmtpReply.of(
                        553, "5.6.7", "remote host does not support SMTPUTF8, needed for a non-ASCII address");
                return sameForAll(recipients, refused, remoteHost, tls);
            }
            InternetAddress[] addresses = internetAddresses(recipients);
            try {
                transport.sendMessage(message(transport, sender, content), addresses);
            } catch (SendFailedException reported) {
                return outcomesFrom(reported, recipients, addresses, remoteHost, tls);
            }
            // Only reached if Angus stops reporting successes as exceptions; its last reply is then the end of data.
            return sameForAll(recipients, ServerReplies.parse(transport.getLastServerResponse()), remoteHost, tls);
        } catch (MessagingException broken) {
            reusable = false;
            // RFC 3463 X.4.2: the connection broke mid-transaction; nothing was accepted.
            SmtpReply lost = SmtpReply.of(451, "4.4.2", "connection lost: " + reasonOf(broken));
            return sameForAll(recipients, lost, remoteHost, tls);
        } finally {
            pool.release(remoteHost, transport, reusable);
        }
    }

    private RawMessage message(TlsNotingTransport transport, ReversePath sender, MessageContent content) {
        RawMessage message = new RawMessage(session, content);
        // The null reverse path stays "<>" (RFC 5321 §4.5.5); Angus takes a value starting with '<' as written.
        message.setEnvelopeFrom(sender.mailbox().map(EmailAddress::toString).orElse("<>"));
        if (transport.supportsExtension("8BITMIME") && content.eightBit()) {
            // RFC 6152 §3: declare 8-bit content to a server that accepts it.
            message.setMailExtension("BODY=8BITMIME");
        }
        return message;
    }

    /**
     * With mail.smtp.reportsuccess Angus always ends a send with an exception whose chain holds every RCPT reply; the
     * exception itself is the transaction's last reply: the end-of-data reply, or the MAIL/DATA refusal that ended it.
     *
     * <p>Each RCPT reply names the very {@link InternetAddress} object it answers, the one of {@code addresses} that
     * Angus sent: replies are matched to recipients by that identity, not by comparing address text, which would mix
     * up recipients whose addresses differ only in case (a local part is case-sensitive, RFC 5321 §2.4) or that are
     * listed twice.
     */
    private static DeliveryResult outcomesFrom(
            SendFailedException reported,
            List<EmailAddress> recipients,
            InternetAddress[] addresses,
            RemoteHost remote,
            Optional<ClientConnection.Tls> tls) {
        Map<InternetAddress, SmtpReply> rcptReplies = new IdentityHashMap<>();
        for (Exception next = reported.getNextException(); next != null; next = nextOf(next)) {
            if (next instanceof SMTPAddressFailedException failed) {
                rcptReplies.put(failed.getAddress(), ServerReplies.parse(failed.getMessage()));
            } else if (next instanceof SMTPAddressSucceededException succeeded) {
                rcptReplies.put(succeeded.getAddress(), ServerReplies.parse(succeeded.getMessage()));
            }
        }
        Optional<SmtpReply> transactionReply = reported instanceof SMTPSendFailedException
                ? Optional.of(ServerReplies.parse(reported.getMessage()))
                : Optional.empty();
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            EmailAddress recipient = recipients.get(i);
            SmtpReply rcpt = rcptReplies.get(addresses[i]);
            SmtpReply decisive;
            if (rcpt != null && !rcpt.isPositive()) {
                decisive = rcpt;
            } else if (transactionReply.isPresent()) {
                decisive = transactionReply.get();
            } else {
                decisive = SmtpReply.of(
                        451, "4.5.0", "no reply for this recipient: " + ServerReplies.oneLine(reported.getMessage()));
            }
            outcomes.add(RecipientOutcome.of(recipient, decisive, remote, tls));
        }
        return new DeliveryResult(outcomes);
    }

    private static Exception nextOf(Exception exception) {
        return exception instanceof MessagingException messaging ? messaging.getNextException() : null;
    }

    private static InternetAddress[] internetAddresses(List<EmailAddress> recipients) {
        InternetAddress[] addresses = new InternetAddress[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            // Already validated as EmailAddress; InternetAddress's own parser would reject valid UTF-8 local parts.
            addresses[i] = new InternetAddress();
            addresses[i].setAddress(recipients.get(i).toString());
        }
        return addresses;
    }

    private static DeliveryResult sameForAll(
            List<EmailAddress> recipients, SmtpReply reply, RemoteHost remote, Optional<ClientConnection.Tls> tls) {
        return new DeliveryResult(recipients.stream()
                .map(r -> RecipientOutcome.of(r, reply, remote, tls))
                .toList());
    }

    private static DeliveryResult sameForAll(
            List<EmailAddress> recipients, SmtpReply reply, Optional<RemoteHost> remote) {
        return new DeliveryResult(recipients.stream()
                .map(r -> RecipientOutcome.of(r, reply, remote))
                .toList());
    }

    private static String reasonOf(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? e.getMessage() : e.getMessage() + " (" + root + ")";
        return ServerReplies.oneLine(text);
    }

    private static Properties sessionProperties(OutboundSettings settings) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.localhost", settings.heloName());
        p.setProperty(
                "mail.smtp.connectiontimeout",
                Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty(
                "mail.smtp.timeout", Long.toString(settings.commandTimeout().toMillis()));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "false");
        p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        try {
            // Opportunistic TLS (RFC 7435) trusts any certificate; this factory also tells each transport its TLS.
            p.put("mail.smtp.ssl.socketFactory", new NotingSslSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation in this Java runtime", e);
        }
        p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        // Every RCPT reply, good or bad, is reported so each recipient gets its own outcome, and the message goes to
        // the accepted recipients even when others are refused.
        p.setProperty("mail.smtp.reportsuccess", "true");
        p.setProperty("mail.smtp.sendpartial", "true");
        // RSET rather than NOOP when checking a pooled connection: it also clears any half-finished transaction.
        p.setProperty("mail.smtp.userset", "true");
        // UTF-8 addresses go out as UTF-8 with SMTPUTF8 when the server offers it (RFC 6531).
        p.setProperty("mail.mime.allowutf8", "true");
        p.setProperty("mail.smtp.quitwait", "false");
        return p;
    }
}
