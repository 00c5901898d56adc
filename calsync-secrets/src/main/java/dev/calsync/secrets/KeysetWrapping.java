package dev.calsync.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.function.Function;

/**
 * How secret keysets are stored. Locally they are cleartext JSON in a folder only its owner can read. In
 * production a key-encryption key in a KMS wraps them ({@value #KEK_URI_VARIABLE}, e.g.
 * {@code gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k}): the secret store then holds only
 * ciphertext, and reading a keyset needs the service's KMS permission as well as the file.
 *
 * <p>Once a key-encryption key is configured a cleartext keyset is refused, so a forgotten migration cannot
 * silently run on unprotected keys. Each wrapped keyset is bound to its role (the secret's name is the
 * associated data): a token keyset copied over the feed-URL keyset does not open.
 */
public final class KeysetWrapping {

    public static final String KEK_URI_VARIABLE = "CALSYNC_KEYSET_KEK_URI";
    /** A service-account key file for the KMS; without it Google's application default credentials are used. */
    public static final String KEK_CREDENTIALS_VARIABLE = "CALSYNC_KEYSET_KEK_CREDENTIALS";

    static {
        // opening a keyset needs Tink's key managers, whichever class a process touches first
        TinkKeysets.ensureRegistered();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeysetWrapping CLEARTEXT = new KeysetWrapping(null, null);

    private final String kekUri;
    private final Aead kek;

    private KeysetWrapping(String kekUri, Aead kek) {
        this.kekUri = kekUri;
        this.kek = kek;
    }

    public static KeysetWrapping cleartext() {
        return CLEARTEXT;
    }

    /** Wraps with the key {@code kekUri} names in the KMS {@code kms} talks to. */
    public static KeysetWrapping withKek(String kekUri, KmsClient kms) {
        if (!kms.doesSupport(kekUri)) {
            throw new IllegalStateException(KEK_URI_VARIABLE + " names a key this KMS client does not serve");
        }
        try {
            return new KeysetWrapping(kekUri, kms.getAead(kekUri));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key-encryption key " + kekUri + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** From {@value #KEK_URI_VARIABLE} and {@value #KEK_CREDENTIALS_VARIABLE}; cleartext when the URI is unset. */
    public static KeysetWrapping fromEnvironment(Function<String, String> environment) {
        String uri = environment.apply(KEK_URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            return CLEARTEXT;
        }
        uri = uri.strip();
        if (!uri.startsWith(GcpKmsClient.PREFIX)) {
            throw new IllegalStateException(KEK_URI_VARIABLE + " must be a Google Cloud KMS key URI ("
                    + GcpKmsClient.PREFIX + "projects/…/cryptoKeys/…), the KMS calsync's Tink build supports");
        }
        String credentials = environment.apply(KEK_CREDENTIALS_VARIABLE);
        KmsClient kms;
        try {
            GcpKmsClient client = new GcpKmsClient(uri);
            kms = credentials == null || credentials.isBlank() ? client.withDefaultCredentials() : client.withCredentials(credentials.strip());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no credentials for Google Cloud KMS (" + KEK_CREDENTIALS_VARIABLE
                    + " or application default credentials): " + e.getMessage(), e);
        }
        return withKek(uri, kms);
    }

    public boolean isWrapped() {
        return kek != null;
    }

    /** Opens a secret keyset as stored: wrapped when a key-encryption key is configured, else cleartext. */
    public KeysetHandle open(String json, SecretName name) {
        return open(json, name, "secret " + name.fileName());
    }

    /**
     * Opens a keyset of role {@code name} kept somewhere else (a retired key's file, for one).
     *
     * @param source what error messages call it, e.g. its path
     */
    public KeysetHandle open(String json, SecretName name, String source) {
        boolean stored = isWrappedKeyset(json, source);
        if (stored && kek == null) {
            throw new IllegalStateException(source + " is wrapped by a KMS key but " + KEK_URI_VARIABLE + " is not set");
        }
        if (!stored && kek != null) {
            throw new IllegalStateException(source + " is a cleartext keyset but " + KEK_URI_VARIABLE
                    + " is set; wrap it first (./calsync keys wrap)");
        }
        if (stored) {
            try {
                return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek, associatedData(name));
            } catch (GeneralSecurityException | RuntimeException e) {
                // the input is ciphertext and the cause is the KMS's or Tink's answer (denied, unreachable, wrong
                // key): safe to show, and the operator needs it
                throw new IllegalStateException(source + " could not be unwrapped with " + kekUri
                        + " (another key, another secret's keyset, or the KMS refused): " + e.getMessage(), e);
            }
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // the keyset itself must never appear in the message, and a parser's message may quote it
            throw new IllegalStateException(source + " is not a valid Tink keyset");
        }
    }

    /** The stored form of a secret keyset. */
    public String seal(KeysetHandle keyset, SecretName name) throws GeneralSecurityException {
        return kek == null ? TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get())
                : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek, associatedData(name));
    }

    static boolean isWrappedKeyset(String json, String source) {
        try {
            JsonNode keyset = JSON.readTree(json);
            return keyset != null && keyset.has("encryptedKeyset");
        } catch (Exception e) {
            throw new IllegalStateException(source + " is not JSON");
        }
    }

    private static byte[] associatedData(SecretName name) {
        return ("calsync keyset " + name.name()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return kek == null ? "cleartext keysets" : "keysets wrapped by " + kekUri;
    }
}
