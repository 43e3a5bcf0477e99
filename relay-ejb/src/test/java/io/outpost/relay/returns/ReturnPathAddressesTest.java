package io.outpost.relay.returns;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.api.mail.Domain;
import io.outpost.api.mail.EmailAddress;
import io.outpost.relay.sending.ReturnPathToken;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReturnPathAddressesTest {

    private static final Domain BOUNCES = Domain.of("bounces.shop.test");
    private static final EmailAddress ANN = EmailAddress.parse("ann@dest.test");
    private static final EmailAddress BOB = EmailAddress.parse("Bob@dest.test");
    private final ReturnPathToken tokens = new ReturnPathToken(new byte[32]);
    private final ReturnPathAddresses addresses = new ReturnPathAddresses(
            tokens,
            id -> id == 7 ? Optional.of(BOUNCES) : Optional.empty(),
            id -> id == 7 ? List.of(ANN, BOB) : List.of());

    @Test
    void aSignedReturnPathOfAQueuedMessageAtItsDomainIsKnownAndAnyOtherOfThatShapeIsNot() {
        String seven = tokens.localPart(7, 70);

        assertThat(addresses.match(new EmailAddress(seven, BOUNCES)))
                .isEqualTo(new ReturnPathMatch.Known(new ReturnPathToken.Ids(7, 70)));
        assertThat(addresses.match(new EmailAddress(seven.toUpperCase(), Domain.of("BOUNCES.shop.test"))))
                .isInstanceOf(ReturnPathMatch.Known.class);
        // Not in the queue (purged), at another domain, tampered, or made up.
        assertThat(addresses.match(new EmailAddress(tokens.localPart(8, 80), BOUNCES)))
                .isInstanceOf(ReturnPathMatch.Unknown.class);
        assertThat(addresses.match(new EmailAddress(seven, Domain.of("other.test"))))
                .isInstanceOf(ReturnPathMatch.Unknown.class);
        char last = seven.charAt(seven.length() - 1);
        String tampered = seven.substring(0, seven.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(addresses.match(new EmailAddress(tampered, BOUNCES))).isInstanceOf(ReturnPathMatch.Unknown.class);
        // Anything else is relay control's to judge, without a database read.
        assertThat(addresses.match(EmailAddress.parse("postmaster@bounces.shop.test")))
                .isInstanceOf(ReturnPathMatch.None.class);
        assertThat(addresses.match(EmailAddress.parse("ann@dest.test"))).isInstanceOf(ReturnPathMatch.None.class);
    }

    @Test
    void anUnsubscribeAddressNamesItsRecipientAmongItsMessagesWhateverTheCase() {
        String bobs = tokens.unsubscribeLocalPart(7, BOB);

        assertThat(bobs).hasSizeLessThanOrEqualTo(EmailAddress.MAX_LOCAL_PART);
        assertThat(addresses.match(new EmailAddress(bobs, BOUNCES))).isEqualTo(new ReturnPathMatch.Unsubscribe(7, BOB));
        assertThat(addresses.match(new EmailAddress(bobs.toUpperCase(), BOUNCES)))
                .isEqualTo(new ReturnPathMatch.Unsubscribe(7, BOB));
        assertThat(addresses.isReadHere(new EmailAddress(bobs, BOUNCES))).isTrue();
        // Of a recipient the message does not have, of a message not queued, at another domain.
        assertThat(addresses.match(
                        new EmailAddress(tokens.unsubscribeLocalPart(7, EmailAddress.parse("eve@dest.test")), BOUNCES)))
                .isInstanceOf(ReturnPathMatch.Unknown.class);
        assertThat(addresses.match(new EmailAddress(tokens.unsubscribeLocalPart(8, BOB), BOUNCES)))
                .isInstanceOf(ReturnPathMatch.Unknown.class);
        assertThat(addresses.match(new EmailAddress(bobs, Domain.of("other.test"))))
                .isInstanceOf(ReturnPathMatch.Unknown.class);
    }
}
