package io.outpost.relay.sending;

import io.outpost.api.mail.Domain;
import io.outpost.relay.config.RelayConfiguration;
import io.outpost.relay.dkim.DkimKey;
import io.outpost.relay.dkim.DkimKeys;
import io.outpost.relay.dkim.RsaSigning;
import io.outpost.relay.secrets.DataKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.logging.Logger;

/**
 * Generates DKIM key pairs and keeps their private halves sealed with the operator's data key: a database dump alone
 * does not reveal them. The sealing context names domain and selector, so a sealed key copied to another row fails to
 * open.
 */
@ApplicationScoped
public class DomainKeys {

    private static final Logger LOG = Logger.getLogger(DomainKeys.class.getName());

    @Inject
    private RelayConfiguration config;

    private DataKey dataKey;

    /** A new key pair: the sealed private key and the public key's TXT record value. */
    public record Generated(String sealedPrivateKey, String publicRecord) {}

    @PostConstruct
    void load() {
        dataKey = DataKey.loadOrCreate(config.dataKeyFile());
        LOG.info(() -> "data key " + dataKey.id() + " from " + config.dataKeyFile());
    }

    /** The operator's data key, for other uses derived by purpose. */
    public DataKey dataKey() {
        return dataKey;
    }

    Generated generate(Domain domain, String selector, DkimKey.Algorithm algorithm) {
        KeyPair pair =
                switch (algorithm) {
                    case RSA_SHA256 -> DkimKeys.generateRsa2048();
                    case ED25519_SHA256 -> DkimKeys.generateEd25519();
                };
        String sealed = dataKey.seal(pair.getPrivate().getEncoded(), context(domain, selector));
        return new Generated(sealed, DkimKeys.dnsTxtRecord(pair.getPublic()));
    }

    /** The signing key behind a sealed private key. */
    DkimKey open(Domain domain, String selector, DkimKey.Algorithm algorithm, String sealed) {
        byte[] pkcs8 = dataKey.open(sealed, context(domain, selector));
        try {
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
            PrivateKey key = algorithm == DkimKey.Algorithm.RSA_SHA256
                    ? RsaSigning.privateKey(spec)
                    : KeyFactory.getInstance("Ed25519").generatePrivate(spec);
            return new DkimKey(domain, selector, algorithm, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "stored DKIM key of " + selector + "._domainkey." + domain + " is unreadable", e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static String context(Domain domain, String selector) {
        return "dkim:" + domain.ascii() + ":" + selector;
    }
}
