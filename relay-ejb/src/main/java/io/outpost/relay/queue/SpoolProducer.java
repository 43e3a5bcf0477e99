package io.outpost.relay.queue;

import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.content.InFlightBytes;
import io.outpost.relay.content.Spool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's one {@link Spool}, shared by the SMTP sessions (messages arriving) and the delivery workers (messages
 * read back from the queue). Created on first use, before any spool file of this run exists, so it deletes what a
 * previous run left behind.
 */
@ApplicationScoped
public class SpoolProducer {

    @Inject
    private RelayConfiguration config;

    @Produces
    @Singleton
    Spool spool() {
        Spool spool = new Spool(
                config.smtpSpoolDirectory(),
                config.smtpSpoolThreshold(),
                new InFlightBytes(config.smtpMaxBytesInFlight()));
        try {
            spool.clean();
        } catch (IOException e) {
            throw new UncheckedIOException("spool directory " + config.smtpSpoolDirectory() + " is not usable", e);
        }
        return spool;
    }
}
