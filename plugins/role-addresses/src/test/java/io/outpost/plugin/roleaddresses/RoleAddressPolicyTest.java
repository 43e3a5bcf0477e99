package io.outpost.plugin.roleaddresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.mail.ReversePath;
import io.outpost.api.plugin.MessageStream;
import io.outpost.api.plugin.PluginConfigException;
import io.outpost.api.plugin.PluginPhase;
import io.outpost.api.plugin.SuppressionPolicy;
import io.outpost.api.plugin.SuppressionQuery;
import io.outpost.api.plugin.Verdict;
import io.outpost.api.plugin.testing.PluginTester;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleAddressPolicyTest {

    private static RoleAddressPolicy started(String... settings) throws PluginConfigException {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return PluginTester.started(new RoleAddressPolicy(), config);
    }

    private static Verdict check(SuppressionPolicy policy, PluginPhase phase, MessageStream stream, String recipient) {
        return policy.check(new SuppressionQuery(
                phase,
                Optional.empty(),
                ReversePath.of(EmailAddress.parse("news@shop.example")),
                EmailAddress.parse(recipient),
                stream));
    }

    private static Verdict bulk(SuppressionPolicy policy, String recipient) {
        return check(policy, PluginPhase.RCPT, MessageStream.BULK, recipient);
    }

    @ParameterizedTest(name = "refuses bulk mail to {0} at {1} as the role address {2}")
    @CsvSource({
        "abuse@example.com,                  RCPT,         abuse",
        "abuse@example.com,                  PRE_DELIVERY, abuse",
        "ABUSE@Example.COM,                  RCPT,         abuse",
        "PostMaster@example.com,             PRE_DELIVERY, postmaster",
        "abuse+reports@example.com,          RCPT,         abuse",
        "noreply@example.com,                RCPT,         noreply",
        "no-reply@example.com,               RCPT,         noreply",
        "no_reply@example.com,               PRE_DELIVERY, noreply",
        "No.Reply+billing@example.com,       RCPT,         noreply",
        "do-not-reply@example.com,           RCPT,         donotreply",
        "mailer-daemon@example.com,          RCPT,         mailerdaemon",
        "list-request@example.com,           RCPT,         listrequest",
        "undisclosed-recipients@example.com, RCPT,         undisclosedrecipients",
        "\"abuse\"@example.com,              RCPT,         abuse",
        "www@example.com,                    PRE_DELIVERY, www"
    })
    void refusesRoleAddressesOnTheBulkStreamAtEitherPhase(String recipient, PluginPhase phase, String role)
            throws Exception {
        Verdict verdict = check(started(), phase, MessageStream.BULK, recipient);

        EmailAddress address = EmailAddress.parse(recipient);
        PluginTester.assertRefuses(
                verdict, phase, "550 5.7.1 Role address " + address.localPart() + "@ does not take bulk mail");
        assertThat(verdict.reason()).contains(address.toString(), "'" + role + "'");
    }

    @ParameterizedTest(name = "lets {0} receive transactional mail")
    @ValueSource(strings = {"abuse@example.com", "no-reply@example.com", "Postmaster+x@example.com"})
    void letsRoleAddressesReceiveTransactionalMail(String recipient) throws Exception {
        RoleAddressPolicy policy = started();

        for (PluginPhase phase : new PluginPhase[] {PluginPhase.RCPT, PluginPhase.PRE_DELIVERY}) {
            PluginTester.assertContinues(check(policy, phase, MessageStream.TRANSACTIONAL, recipient));
        }
    }

    @ParameterizedTest(name = "lets {0} receive bulk mail: a person or a mailbox companies subscribe")
    @ValueSource(
            strings = {
                "ann@example.com",
                "info@example.com",
                "support@example.com",
                "sales@example.com",
                "contact@example.com",
                "hello@example.com",
                "abuse.team@example.com",
                "rooted@example.com",
                "ann+abuse@example.com"
            })
    void letsPersonAndCompanyAddressesReceiveBulkMail(String recipient) throws Exception {
        PluginTester.assertContinues(bulk(started(), recipient));
    }

    @ParameterizedTest(name = "with also={0}, bulk mail to {1} is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "newsletter, bounces | newsletter@example.com  | REJECT",
                "newsletter, bounces | Bounces+42@example.com  | REJECT",
                "newsletter, bounces | abuse@example.com       | REJECT",
                "newsletter, bounces | ann@example.com         | CONTINUE",
                "it-desk             | it_desk@example.com     | REJECT"
            })
    void refusesTheLocalPartsOfSettingAlsoAsWellAsTheBuiltInOnes(String also, String recipient, Verdict.Kind kind)
            throws Exception {
        assertThat(bulk(started("also", also), recipient).kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "with except={0}, bulk mail to {1} is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "admin, list | admin@example.com     | CONTINUE",
                "admin, list | List@example.com      | CONTINUE",
                "admin, list | administrator@example.com | REJECT",
                "admin, list | list-request@example.com  | REJECT",
                "no-reply    | noreply@example.com   | CONTINUE"
            })
    void allowsTheBuiltInLocalPartsOfSettingExcept(String except, String recipient, Verdict.Kind kind)
            throws Exception {
        assertThat(bulk(started("except", except), recipient).kind()).isEqualTo(kind);
    }

    @Test
    void usesTheConfiguredReplyText() throws Exception {
        RoleAddressPolicy policy = started("reply", "Role addresses take no newsletters, see example.com/roles");

        PluginTester.assertRefuses(
                bulk(policy, "abuse@example.com"),
                PluginPhase.RCPT,
                "550 5.7.1 Role addresses take no newsletters, see example.com/roles");
    }

    @ParameterizedTest(name = "refuses to start with {0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "allow  | abuse              | unknown setting(s) [allow]",
                "except | info               | [info] not on the built-in list",
                "also   | news@example.com   | [news@example.com] not a local part",
                "also   | news+tag           | [news+tag] not a local part",
                "also   | '-, ok'            | [-] not a local part"
            })
    void refusesToStartWithAnUnknownSettingOrABadEntry(String key, String value, String message) {
        assertThatThrownBy(() -> started(key, value))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("role-addresses")
                .hasMessageContaining(message);
    }

    @Test
    void refusesToStartWhenAlsoAndExceptNameOneLocalPart() {
        assertThatThrownBy(() -> started("also", "abuse", "except", "Abuse"))
                .isInstanceOf(PluginConfigException.class)
                .hasMessageContaining("both name [abuse]");
    }

    @ParameterizedTest(name = "answers CONTINUE on the {0} stream to a person")
    @EnumSource(MessageStream.class)
    void hasNoOpinionAboutAPersonOnAnyStream(MessageStream stream) throws Exception {
        PluginTester.assertContinues(check(started(), PluginPhase.PRE_DELIVERY, stream, "ann@example.com"));
    }

    @Test
    void isFoundByTheServiceLoaderAsASuppressionPolicy() {
        assertThat(ServiceLoader.load(SuppressionPolicy.class).stream().map(ServiceLoader.Provider::type))
                .contains(RoleAddressPolicy.class);
    }
}
