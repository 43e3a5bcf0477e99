package io.outpost.relay.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.api.Test;

class RsaSigningTest {

    @Test
    void signsInAwsLcHereAndMakesTheJdksVerySignature() throws Exception {
        KeyPair pair = DkimKeys.generateRsa2048();
        byte[] input = "from:Shop <news@shop.example>\r\nsubject:hi\r\n".getBytes(StandardCharsets.US_ASCII);
        PrivateKey held =
                RsaSigning.privateKey(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));

        Signature ours = RsaSigning.sha256WithRsa();
        ours.initSign(held);
        ours.update(input);
        byte[] signature = ours.sign();
        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initSign(pair.getPrivate());
        jdk.update(input);
        Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        verifier.initVerify(pair.getPublic());
        verifier.update(input);

        assertThat(signature).isEqualTo(jdk.sign());
        assertThat(verifier.verify(signature)).isTrue();
        // The jar carries AWS-LC for Linux on x86-64 only: the platform Outpost is built, tested and run on.
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && "amd64".equals(System.getProperty("os.arch")));
        assertThat(RsaSigning.provider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(held.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
    }
}
