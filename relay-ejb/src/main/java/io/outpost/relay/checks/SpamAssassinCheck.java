package io.outpost.relay.checks;

import io.outpost.relay.config.RelayConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The message's SpamAssassin score, from the operator's spamd ({@code outpost.checks.spamd}), with each rule it hit,
 * its points and SpamAssassin's description. The message is built as it would be sent, a MIME message with the text and
 * HTML as alternatives, since rules look at its structure too (an HTML part without text scores). SpamAssassin's own
 * default marks mail as spam from 5 points ({@code required_score}), so 5 fails; from 3 many receivers' filters, which
 * weigh other signals too, already file some of it as spam, so 3 warns.
 */
@ApplicationScoped
public class SpamAssassinCheck implements PreSendCheck {

    static final String ID = "spamassassin";
    static final String TITLE = "SpamAssassin score";

    static final double FAIL_AT = 5.0;
    static final double WARN_AT = 3.0;
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    /** The rules named in the result at most, highest points first. */
    private static final int NAMED = 12;

    @Inject
    private RelayConfiguration config;

    private Optional<SpamdClient> spamd;

    public SpamAssassinCheck() {}

    SpamAssassinCheck(Optional<SpamdClient> spamd) {
        this.spamd = spamd;
    }

    @PostConstruct
    void create() {
        spamd = config.checksSpamd().map(address -> new SpamdClient(address, TIME_LIMIT));
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public CheckResult check(CheckedMessage message) {
        if (spamd.isEmpty()) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    "SpamAssassin is not configured, so the message's spam score is unknown.",
                    "Ask the operator to run spamd and set outpost.checks.spamd to its host:port.");
        }
        SpamReport report;
        try {
            report = spamd.get().report(mime(message));
        } catch (IOException | MessagingException e) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    "SpamAssassin did not answer (" + e.getMessage() + "), so the message's spam score is unknown.",
                    "Run the checks again; if it goes on, ask the operator whether spamd runs at "
                            + spamd.get().address().getHostString() + ":"
                            + spamd.get().address().getPort() + ".");
        }
        return judge(report);
    }

    static CheckResult judge(SpamReport report) {
        String score = String.format(Locale.ROOT, "Score %.1f", report.score());
        String rules = explained(report.rules());
        if (report.score() >= FAIL_AT) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.FAIL,
                    score + ": SpamAssassin marks it as spam from 5. " + rules,
                    "Change what the rules with the most points found, then run the checks again.");
        }
        if (report.score() >= WARN_AT) {
            return new CheckResult(
                    ID,
                    TITLE,
                    CheckVerdict.WARN,
                    score + ": under SpamAssassin's 5, but receivers' filters may file it as spam. " + rules,
                    "Change what the rules with the most points found, to bring the score under 3.");
        }
        return CheckResult.pass(ID, TITLE, score + ", under 3. " + rules);
    }

    private static String explained(List<SpamRule> rules) {
        if (rules.isEmpty()) {
            return "No rules hit.";
        }
        String named = rules.stream()
                .sorted(Comparator.comparingDouble(SpamRule::points).reversed())
                .limit(NAMED)
                .map(rule ->
                        String.format(Locale.ROOT, "%s (%+.1f): %s", rule.name(), rule.points(), rule.description()))
                .collect(Collectors.joining("; "));
        return "Rules hit: " + named + (rules.size() > NAMED ? "; and " + (rules.size() - NAMED) + " more." : ".");
    }

    /** The message as it would be sent: From and To the sender, its subject, the text and HTML as alternatives. */
    static byte[] mime(CheckedMessage message) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
        InternetAddress from = new InternetAddress(message.from().toString());
        mime.setFrom(from);
        // A recipient as a campaign would have one; the sender's own address stands in for the audience.
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, from);
        mime.setSubject(message.rendered().subject(), "UTF-8");
        Optional<String> text = message.rendered().text();
        Optional<String> html = message.rendered().html();
        if (text.isPresent() && html.isPresent()) {
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(part(text.get(), "plain"));
            alternatives.addBodyPart(part(html.get(), "html"));
            mime.setContent(alternatives);
        } else if (html.isPresent()) {
            mime.setText(html.get(), "UTF-8", "html");
        } else {
            mime.setText(text.orElse(""), "UTF-8", "plain");
        }
        mime.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mime.writeTo(bytes);
        return bytes.toByteArray();
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        return part;
    }
}
