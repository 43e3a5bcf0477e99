package io.outpost.relay.reputation;

import io.outpost.api.mail.EmailAddress;
import io.outpost.api.tenant.TenantId;
import java.util.Locale;
import java.util.Optional;

/**
 * A tenant's sending domain's counts over the window, as the statistics kept them.
 *
 * @param domain the envelope sender's domain, as the statistics name it
 */
public record DomainRates(
        TenantId tenant, String domain, long delivered, long bounced, long bouncedHard, long complained) {

    /** The domain of {@code sender} as the statistics name it: what follows its last {@code @}, in lower case. */
    public static String domainOf(EmailAddress sender) {
        String address = sender.toString();
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Why its bulk mail must pause, if a rate is past its threshold; the reason names the rate and its counts. */
    public Optional<String> pauseReason(RateThresholds thresholds) {
        if (delivered < thresholds.minDelivered()) {
            return Optional.empty();
        }
        double complaints = (double) complained / delivered;
        if (complaints > thresholds.complaintRate()) {
            return Optional.of("complaint rate " + percent(complaints) + " (" + complained + " of " + delivered
                    + " delivered) over " + percent(thresholds.complaintRate()));
        }
        double hardBounces = (double) bouncedHard / (delivered + bounced);
        if (hardBounces > thresholds.hardBounceRate()) {
            return Optional.of("hard-bounce rate " + percent(hardBounces) + " (" + bouncedHard + " of "
                    + (delivered + bounced) + ") over " + percent(thresholds.hardBounceRate()));
        }
        return Optional.empty();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f %%", rate * 100);
    }
}
