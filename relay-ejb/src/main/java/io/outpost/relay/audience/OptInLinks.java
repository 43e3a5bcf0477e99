package io.outpost.relay.audience;

import io.outpost.api.tenant.TenantId;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.sending.DomainKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The public links of double opt-in, under {@code outpost.tracking.base-url} as the relay's other links are: an
 * audience's hosted form ({@value #FORM_PATH}) and the confirmation link ({@value #CONFIRM_PATH}), whose signed tokens
 * ({@link OptInToken}) it makes and reads.
 */
@ApplicationScoped
public class OptInLinks {

    public static final String FORM_PATH = "/f/";
    public static final String CONFIRM_PATH = "/c/";

    /** How long a hosted form can be sent once shown: long enough to read it, short enough not to be collected. */
    public static final Duration FORM_LIFETIME = Duration.ofHours(2);

    @Inject
    private DomainKeys keys;

    @Inject
    private RelayConfiguration config;

    private final Clock clock = Clock.systemUTC();
    private OptInToken tokens;

    @PostConstruct
    void create() {
        tokens = new OptInToken(keys.dataKey().derive(OptInToken.KEY_PURPOSE));
    }

    /** The audience's hosted form. */
    public String form(AudienceId audience) {
        return config.trackingBaseUrl() + FORM_PATH + audience;
    }

    /** The link a subscriber follows to confirm, valid for {@code outpost.audiences.confirm-link-lifetime}. */
    public String confirmation(TenantId tenant, AudienceId audience, long subscriberId) {
        return config.trackingBaseUrl()
                + CONFIRM_PATH
                + tokens.confirmation(
                        tenant, audience, subscriberId, clock.instant().plus(config.audiencesConfirmLinkLifetime()));
    }

    /** The token a hosted form carries, naming the consent version it shows. */
    public String formToken(Audience audience) {
        return tokens.form(
                audience.tenant(),
                audience.id(),
                audience.consent().version(),
                clock.instant().plus(FORM_LIFETIME));
    }

    /** What a confirmation link's token names, if this relay made it and it has not expired. */
    public Optional<OptInToken.Link> readConfirmation(String token) {
        return tokens.open(token, OptInToken.Kind.CONFIRMATION, clock.instant());
    }

    /** What a hosted form's token names, if this relay made it and it has not expired. */
    public Optional<OptInToken.Link> readForm(String token) {
        return tokens.open(token, OptInToken.Kind.FORM, clock.instant());
    }
}
