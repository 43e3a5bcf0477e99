package io.outpost.plugin.roleaddresses;

import io.outpost.api.mail.SmtpReply;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginConfig;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses bulk mail to role addresses (see {@link RoleList} for the list and how local parts are compared): REJECT with
 * {@code 550 5.7.1}, at RCPT and again before each delivery attempt. A role address is the mailbox of a function
 * ({@code abuse@}, {@code postmaster@}, {@code noreply@}), not of a person, and never subscribed to a newsletter; mail
 * on the transactional stream, and every other recipient, CONTINUE, so the next policy decides.
 *
 * <p>Settings: {@code also} (optional) comma-separated local parts to refuse as well; {@code except} (optional)
 * comma-separated local parts of the built-in list to allow; {@code reply} (optional) the text after
 * {@code 550 5.7.1}, by default {@code Role address <local part>@ does not take bulk mail}.
 */
public final class RoleAddressPolicy implements SuppressionPolicy {

    /** The setting with extra local parts to refuse. */
    public static final String ALSO = "also";

    /** The setting with local parts of the built-in list to allow. */
    public static final String EXCEPT = "except";

    /** The setting with the reply text for a role address. */
    public static final String REPLY = "reply";

    private static final Logger LOG = Logger.getLogger(RoleAddressPolicy.class.getName());

    private RoleList roles;
    private Optional<SmtpReply> refusal;

    @Override
    public String name() {
        return "role-addresses";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of(ALSO, EXCEPT, REPLY);
    }

    @Override
    public void init(PluginConfig config) throws PluginConfigException {
        try {
            roles = RoleList.of(config.get(ALSO).orElse(""), config.get(EXCEPT).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), e.getMessage(), e);
        }
        try {
            refusal = config.get(REPLY).map(RoleAddressPolicy::refusal);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException(name(), "setting 'reply': " + e.getMessage(), e);
        }
        LOG.info(() -> "role-addresses: " + roles.size() + " role local parts refused on the bulk stream");
    }

    @Override
    public Verdict check(SuppressionQuery query) {
        if (query.stream() != MessageStream.BULK) {
            return Verdict.proceed("role-addresses: " + query.stream().wireName() + " stream");
        }
        return roles.roleOf(query.recipient())
                .map(role -> Verdict.reject(
                        "role-addresses: " + query.recipient() + " is the role address '" + role + "', bulk stream",
                        refusal.orElseGet(() -> refusal(
                                "Role address " + query.recipient().localPart() + "@ does not take bulk mail"))))
                .orElseGet(() -> Verdict.proceed("role-addresses: not a role address"));
    }

    // RFC 3463 §3.8 X.7.1: delivery not authorized, message refused.
    private static SmtpReply refusal(String text) {
        return SmtpReply.of(550, "5.7.1", text);
    }
}
