package dev.calsync.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetWrappingTest {

    private static final String KEK_URI = "test-kms://projects/calsync/keyRings/secrets/cryptoKeys/keysets";
    private static final byte[] SUBSCRIBER = "subscriber-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECRET = "1//refresh-token".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    private final TestKms kms = new TestKms();
    private final KeysetWrapping wrapping = KeysetWrapping.withKek(KEK_URI, kms);

    @Test
    void keysInitWritesSecretKeysetsWrappedAndTheServicesOpenThem() throws Exception {
        new SecretsGenerator("http://localhost:8081", wrapping).generateMissing(folder);

        for (SecretName name : SecretName.values()) {
            String stored = Files.readString(folder.resolve(name.fileName()));
            assertThat(KeysetWrapping.isWrappedKeyset(stored.startsWith("{") ? stored : "{}", name.fileName()))
                    .as(name.fileName()).isEqualTo(name.isSecretKeyset());
            if (name.isSecretKeyset()) {
                // no key material in the clear: a cleartext keyset carries "keyData" with the key value
                assertThat(stored).doesNotContain("keyData").doesNotContain("\"value\"");
            }
        }
        SecretStore store = new SecretStore(folder, variable -> null, () -> wrapping);
        Aead aead = TinkKeysets.aead(store, SecretName.TOKEN_AEAD_KEYSET);
        assertThat(aead.decrypt(aead.encrypt(SECRET, SUBSCRIBER), SUBSCRIBER)).isEqualTo(SECRET);
        HybridEncrypt seal = TinkKeysets.hybridEncrypt(store, SecretName.TOKEN_HYBRID_PUBLIC_KEYSET);
        HybridDecrypt open = TinkKeysets.hybridDecrypt(store, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET);
        assertThat(open.decrypt(seal.encrypt(SECRET, SUBSCRIBER), SUBSCRIBER)).isEqualTo(SECRET);
        Mac mac = TinkKeysets.mac(store, SecretName.STATE_SIGNING_KEYSET);
        mac.verifyMac(mac.computeMac(SECRET), SECRET);
        assertThat(kms.decryptions.get()).as("each keyset is unwrapped by the KMS").isEqualTo(3);
    }

    @Test
    void aWrappedKeysetDoesNotOpenWithoutTheKmsKey() throws Exception {
        new SecretsGenerator("http://localhost:8081", wrapping).generateMissing(folder);
        SecretStore withoutKek = new SecretStore(folder, variable -> null);

        assertThatThrownBy(() -> TinkKeysets.aead(withoutKek, SecretName.TOKEN_AEAD_KEYSET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("secret token-aead.keyset.json is wrapped by a KMS key but CALSYNC_KEYSET_KEK_URI is not set");

        KeysetWrapping otherKek = KeysetWrapping.withKek(KEK_URI.replace("keysets", "other"), kms);
        SecretStore wrongKek = new SecretStore(folder, variable -> null, () -> otherKek);
        assertThatThrownBy(() -> TinkKeysets.aead(wrongKek, SecretName.TOKEN_AEAD_KEYSET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("secret token-aead.keyset.json could not be unwrapped with " + KEK_URI.replace("keysets", "other")
                        + " (another key, another secret's keyset, or the KMS refused): ");
    }

    @Test
    void aWrappedKeysetIsBoundToItsRole() throws Exception {
        new SecretsGenerator("http://localhost:8081", wrapping).generateMissing(folder);
        // an attacker with write access to the store swaps the feed-URL key in for the token key
        Files.copy(folder.resolve(SecretName.FEED_URL_AEAD_KEYSET.fileName()), folder.resolve(SecretName.TOKEN_AEAD_KEYSET.fileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SecretStore store = new SecretStore(folder, variable -> null, () -> wrapping);

        assertThatThrownBy(() -> TinkKeysets.aead(store, SecretName.TOKEN_AEAD_KEYSET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("secret token-aead.keyset.json could not be unwrapped with " + KEK_URI);
        assertThat(TinkKeysets.aead(store, SecretName.FEED_URL_AEAD_KEYSET)).isNotNull();
    }

    @Test
    void aCleartextKeysetIsRefusedOnceAKmsKeyIsConfigured() throws Exception {
        new SecretsGenerator("http://localhost:8081").generateMissing(folder);
        SecretStore store = new SecretStore(folder, variable -> null, () -> wrapping);

        assertThatThrownBy(() -> TinkKeysets.mac(store, SecretName.STATE_SIGNING_KEYSET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("secret oauth-state-signing.keyset.json is a cleartext keyset but CALSYNC_KEYSET_KEK_URI is set;"
                        + " wrap it first (./calsync keys wrap)");
    }

    @Test
    void keysWrapMigratesCleartextKeysetsAndEverythingEncryptedBeforeStillDecrypts() throws Exception {
        new SecretsGenerator("http://localhost:8081").generateMissing(folder);
        SecretStore cleartext = new SecretStore(folder, variable -> null);
        byte[] storedToken = TinkKeysets.aead(cleartext, SecretName.TOKEN_AEAD_KEYSET).encrypt(SECRET, SUBSCRIBER);
        byte[] inTransit = TinkKeysets.hybridEncrypt(cleartext, SecretName.FEED_URL_HYBRID_PUBLIC_KEYSET).encrypt(SECRET, SUBSCRIBER);
        String publicKeyset = Files.readString(folder.resolve(SecretName.TOKEN_HYBRID_PUBLIC_KEYSET.fileName()));
        String credential = Files.readString(folder.resolve(SecretName.SERVICE_CREDENTIAL.fileName()));

        assertThat(KeysWrap.wrapCleartextKeysets(folder, wrapping)).containsExactlyInAnyOrder(
                SecretName.TOKEN_AEAD_KEYSET, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, SecretName.FEED_URL_HYBRID_PRIVATE_KEYSET,
                SecretName.FEED_URL_AEAD_KEYSET, SecretName.STATE_SIGNING_KEYSET);
        assertThat(KeysWrap.wrapCleartextKeysets(folder, wrapping)).as("a second run has nothing left to wrap").isEmpty();

        SecretStore wrapped = new SecretStore(folder, variable -> null, () -> wrapping);
        assertThat(TinkKeysets.aead(wrapped, SecretName.TOKEN_AEAD_KEYSET).decrypt(storedToken, SUBSCRIBER)).isEqualTo(SECRET);
        assertThat(TinkKeysets.hybridDecrypt(wrapped, SecretName.FEED_URL_HYBRID_PRIVATE_KEYSET).decrypt(inTransit, SUBSCRIBER))
                .isEqualTo(SECRET);
        assertThat(Files.readString(folder.resolve(SecretName.TOKEN_HYBRID_PUBLIC_KEYSET.fileName()))).isEqualTo(publicKeyset);
        assertThat(Files.readString(folder.resolve(SecretName.SERVICE_CREDENTIAL.fileName()))).isEqualTo(credential);
        Path tokenKeyset = folder.resolve(SecretName.TOKEN_AEAD_KEYSET.fileName());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenKeyset))).isEqualTo("rw-------");
        try (var files = Files.list(folder)) {
            assertThat(files.map(Path::toString)).noneMatch(file -> file.endsWith(".wrapping"));
        }
    }

    @Test
    void keysWrapAlsoWrapsRetiredTokenKeysetsInTheirRole() throws Exception {
        new SecretsGenerator("http://localhost:8081").generateMissing(folder);
        Path retired = folder.resolve("retired-token-hybrid-1.keyset.json");
        Files.move(folder.resolve(SecretName.TOKEN_HYBRID_PRIVATE_KEYSET.fileName()), retired);
        Files.delete(folder.resolve(SecretName.TOKEN_HYBRID_PUBLIC_KEYSET.fileName()));
        new SecretsGenerator("http://localhost:8081").generateMissing(folder);
        byte[] sealedForTheCurrentKey = TinkKeysets.hybridEncrypt(new SecretStore(folder, variable -> null),
                SecretName.TOKEN_HYBRID_PUBLIC_KEYSET).encrypt(SECRET, SUBSCRIBER);
        String oldPublic = com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
                KeysetWrapping.cleartext().open(Files.readString(retired), SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, "retired").getPublicKeysetHandle());
        byte[] sealedBeforeRotation = com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(oldPublic)
                .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class).encrypt(SECRET, SUBSCRIBER);

        List<Path> files = KeysWrap.retiredTokenHybridKeysets(" " + retired + " ,");
        assertThat(KeysWrap.wrapCleartextRetiredKeysets(files, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, wrapping)).containsExactly(retired);
        assertThat(KeysWrap.wrapCleartextRetiredKeysets(files, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, wrapping)).isEmpty();

        KeysetHandle opened = wrapping.open(Files.readString(retired), SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, retired.toString());
        assertThat(opened.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class).decrypt(sealedBeforeRotation, SUBSCRIBER))
                .isEqualTo(SECRET);
        assertThatThrownBy(() -> opened.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class).decrypt(sealedForTheCurrentKey, SUBSCRIBER))
                .as("the retired key is not the current one").isInstanceOf(GeneralSecurityException.class);
        // a retired keyset left in cleartext is named by its own path, not the current keyset's file
        Files.writeString(retired, Files.readString(folder.resolve(SecretName.TOKEN_AEAD_KEYSET.fileName())));
        assertThatThrownBy(() -> wrapping.open(Files.readString(retired), SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, retired.toString()))
                .hasMessageStartingWith(retired + " is a cleartext keyset but CALSYNC_KEYSET_KEK_URI is set");
    }

    @Test
    void aGoogleCloudKmsKeyWithServiceAccountCredentialsIsUsableWithoutAnyCallAtStart() throws Exception {
        // a throwaway service account: the client is built from it without calling Google; the first call
        // to the KMS (not made here) would authenticate with it
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path serviceAccount = folder.resolve("kms-service-account.json");
        Files.writeString(serviceAccount, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "type", "service_account", "project_id", "calsync-test", "private_key_id", "k1", "private_key", pem,
                "client_email", "keysets@calsync-test.iam.gserviceaccount.com", "client_id", "1",
                "token_uri", "https://oauth2.googleapis.com/token")));

        KeysetWrapping gcp = KeysetWrapping.fromEnvironment(Map.of(
                KeysetWrapping.KEK_URI_VARIABLE, "gcp-kms://projects/calsync-test/locations/global/keyRings/r/cryptoKeys/k",
                KeysetWrapping.KEK_CREDENTIALS_VARIABLE, serviceAccount.toString())::get);

        assertThat(gcp.isWrapped()).isTrue();
        assertThat(gcp).hasToString("keysets wrapped by gcp-kms://projects/calsync-test/locations/global/keyRings/r/cryptoKeys/k");
    }

    @Test
    void theEnvironmentChoosesTheWrapping() {
        assertThat(KeysetWrapping.fromEnvironment(variable -> null).isWrapped()).isFalse();
        assertThat(KeysetWrapping.fromEnvironment(Map.of(KeysetWrapping.KEK_URI_VARIABLE, " ")::get).isWrapped()).isFalse();

        assertThatThrownBy(() -> KeysetWrapping.fromEnvironment(
                Map.of(KeysetWrapping.KEK_URI_VARIABLE, "aws-kms://arn:aws:kms:eu-west-1:1:key/k")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be a Google Cloud KMS key URI (gcp-kms://");
        assertThatThrownBy(() -> KeysetWrapping.fromEnvironment(Map.of(
                KeysetWrapping.KEK_URI_VARIABLE, "gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k",
                KeysetWrapping.KEK_CREDENTIALS_VARIABLE, folder.resolve("missing-service-account.json").toString())::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no credentials for Google Cloud KMS (CALSYNC_KEYSET_KEK_CREDENTIALS");
    }

    /**
     * Stands in for a cloud KMS (the one external service these tests cannot reach): each key URI names its own
     * AES-GCM key that never leaves this object, as a KMS key never leaves the KMS.
     */
    private static final class TestKms implements KmsClient {
        private final Map<String, Aead> keys = new ConcurrentHashMap<>();
        final AtomicInteger decryptions = new AtomicInteger();

        @Override
        public boolean doesSupport(String keyUri) {
            return keyUri.startsWith("test-kms://");
        }

        @Override
        public KmsClient withCredentials(String credentialPath) {
            return this;
        }

        @Override
        public KmsClient withDefaultCredentials() {
            return this;
        }

        @Override
        public Aead getAead(String keyUri) {
            Aead key = keys.computeIfAbsent(keyUri, uri -> newKey());
            return new Aead() {
                @Override
                public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
                    return key.encrypt(plaintext, associatedData);
                }

                @Override
                public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
                    decryptions.incrementAndGet();
                    return key.decrypt(ciphertext, associatedData);
                }
            };
        }

        private static Aead newKey() {
            try {
                return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
