package io.outpost.relay.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.logging.Logger;

/**
 * Where rsa-sha256 signatures are made: in AWS-LC through the Amazon Corretto Crypto Provider where its native library
 * loads (Linux on x86-64), else in the JDK. Every message from a sending domain needs one, and a 2048-bit signature
 * took 0.28 ms in AWS-LC on the benchmark machine, against 0.47 ms in Conscrypt's BoringSSL and 0.8 ms in the JDK;
 * the signatures are the same bytes either way (RSASSA-PKCS1-v1_5 is deterministic). Only DKIM uses this provider: it
 * is never installed for the rest of the JVM (TLS stays Liberty's).
 */
public final class RsaSigning {

    private static final Logger LOG = Logger.getLogger(RsaSigning.class.getName());

    private static final Provider PROVIDER = choose();

    private RsaSigning() {}

    /** The provider that signs: AWS-LC's, or the JDK's when its native library cannot load here. */
    static Provider provider() {
        return PROVIDER;
    }

    /**
     * A PKCS #8 RSA private key as the provider holds it, so that signing does not convert it each time (a JDK key
     * handed to AWS-LC is copied into native memory for every signature).
     */
    public static PrivateKey privateKey(PKCS8EncodedKeySpec pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA", PROVIDER).generatePrivate(pkcs8);
    }

    static Signature sha256WithRsa() throws GeneralSecurityException {
        return Signature.getInstance("SHA256withRSA", PROVIDER);
    }

    private static Provider choose() {
        Throwable unusable;
        try {
            unusable = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            if (unusable == null) {
                return AmazonCorrettoCryptoProvider.INSTANCE;
            }
        } catch (LinkageError e) {
            unusable = e;
        }
        LOG.info("AWS-LC's native library does not load here (" + unusable + "): DKIM's RSA signatures are made by the"
                + " JDK, about three times slower");
        try {
            return Signature.getInstance("SHA256withRSA").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK signs SHA256withRSA", e);
        }
    }
}
