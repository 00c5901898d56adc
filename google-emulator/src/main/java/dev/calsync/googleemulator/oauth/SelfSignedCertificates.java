package dev.calsync.googleemulator.oauth;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed X.509 v3 certificates for the ID-token keys, the form Google publishes them in at
 * {@code www.googleapis.com/oauth2/v1/certs}. The JDK reads certificates but cannot make one, so BouncyCastle's
 * PKIX builder does.
 */
final class SelfSignedCertificates {

    private SelfSignedCertificates() {
    }

    /** A certificate of {@code publicKey} for {@code commonName}, signed with its own private key (SHA256withRSA). */
    static X509Certificate issue(RSAPublicKey publicKey, RSAPrivateKey privateKey, String commonName, BigInteger serialNumber,
                                 Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name("CN=" + commonName);
        try {
            var holder = new JcaX509v3CertificateBuilder(name, serialNumber, Date.from(notBefore), Date.from(notAfter), name,
                    publicKey).build(new JcaContentSignerBuilder("SHA256withRSA").build(privateKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    /** PEM ("-----BEGIN CERTIFICATE-----", base64 in lines of 64), as Google's v1 certs carry them. */
    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
        return text.toString();
    }
}
