package dev.calsync.googleemulator.oauth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Self-signed X.509 v3 certificates for the ID-token keys, the form Google publishes them in at
 * {@code www.googleapis.com/oauth2/v1/certs}. The JDK reads certificates but has no public API to make one,
 * and no library on the class path makes them (BouncyCastle's PKIX part is not a dependency; the JDK's
 * {@code sun.security.x509} is closed to applications), so the few DER structures of RFC 5280 §4.1 are
 * written here: version, serial number, SHA256withRSA, issuer = subject = one common name, validity, the
 * key's own SubjectPublicKeyInfo (the JDK encodes that), then the signature. The JDK's certificate
 * parser reads each result back, so a malformed one fails at once.
 */
final class SelfSignedCertificates {

    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int NULL = 0x05;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0c;
    private static final int UTC_TIME = 0x17;
    /** [0] EXPLICIT, constructed: the version field of a TBSCertificate */
    private static final int VERSION_TAG = 0xa0;

    /** 1.2.840.113549.1.1.11, sha256WithRSAEncryption */
    private static final byte[] SHA256_WITH_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b};
    /** 2.5.4.3, commonName */
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    /** X.509 v3 is encoded as 2 */
    private static final byte[] VERSION_3 = {0x02};
    /** UTCTime reaches 2049; a certificate made now never needs GeneralizedTime */
    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificates() {
    }

    /** A certificate of {@code publicKey} for {@code commonName}, signed with its own private key. */
    static X509Certificate issue(RSAPublicKey publicKey, RSAPrivateKey privateKey, String commonName, BigInteger serialNumber,
                                 Instant notBefore, Instant notAfter) {
        byte[] algorithm = tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, SHA256_WITH_RSA), tlv(NULL));
        byte[] name = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, COMMON_NAME),
                tlv(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = tlv(SEQUENCE, utcTime(notBefore), utcTime(notAfter));
        byte[] toBeSigned = tlv(SEQUENCE,
                tlv(VERSION_TAG, tlv(INTEGER, VERSION_3)),
                tlv(INTEGER, serialNumber.toByteArray()),
                algorithm, name, validity, name,
                publicKey.getEncoded());
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey);
            signer.update(toBeSigned);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            // a BIT STRING starts with the count of unused bits in its last byte: none
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] certificate = tlv(SEQUENCE, toBeSigned, algorithm, tlv(BIT_STRING, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    /** PEM ("-----BEGIN CERTIFICATE-----", base64 in lines of 64), as Google's v1 certs carry them. */
    static String pem(X509Certificate certificate) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    private static byte[] utcTime(Instant instant) {
        return tlv(UTC_TIME, UTC_TIME_FORMAT.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER element: tag, definite length (short form below 128, else long form), contents. */
    private static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(tag);
        int length = body.size();
        if (length < 0x80) {
            element.write(length);
        } else {
            byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
            int skip = lengthBytes[0] == 0 ? 1 : 0;
            element.write(0x80 | (lengthBytes.length - skip));
            element.write(lengthBytes, skip, lengthBytes.length - skip);
        }
        element.writeBytes(body.toByteArray());
        return element.toByteArray();
    }
}
