package dev.calsync.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.Mac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsGeneratorTest {

    @TempDir
    Path folder;

    private final SecretsGenerator generator = new SecretsGenerator("http://localhost:8081/");

    @Test
    void createsEverySecretOfTheDesignReadableOnlyByTheOwner() throws Exception {
        assertThat(generator.generateMissing(folder)).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(SecretName.class));

        for (SecretName name : SecretName.values()) {
            Path file = folder.resolve(name.fileName());
            assertThat(file).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void neverOverwritesAnExistingSecret() throws Exception {
        generator.generateMissing(folder);
        String credential = Files.readString(folder.resolve(SecretName.SERVICE_CREDENTIAL.fileName()));
        String tokenKeyset = Files.readString(folder.resolve(SecretName.TOKEN_AEAD_KEYSET.fileName()));
        Files.delete(folder.resolve(SecretName.STATE_SIGNING_KEYSET.fileName()));

        assertThat(generator.generateMissing(folder)).containsExactly(SecretName.STATE_SIGNING_KEYSET);

        assertThat(Files.readString(folder.resolve(SecretName.SERVICE_CREDENTIAL.fileName()))).isEqualTo(credential);
        assertThat(Files.readString(folder.resolve(SecretName.TOKEN_AEAD_KEYSET.fileName()))).isEqualTo(tokenKeyset);
    }

    @Test
    void keysetsWorkAsTheServicesUseThem() throws Exception {
        generator.generateMissing(folder);
        SecretStore store = SecretStore.fromDirectory(folder);
        byte[] subscriber = "subscriber-1".getBytes(StandardCharsets.UTF_8);
        byte[] refreshToken = "1//refresh-token".getBytes(StandardCharsets.UTF_8);

        Aead aead = TinkKeysets.aead(store, SecretName.TOKEN_AEAD_KEYSET);
        assertThat(aead.decrypt(aead.encrypt(refreshToken, subscriber), subscriber)).isEqualTo(refreshToken);

        HybridEncrypt toTokenService = TinkKeysets.hybridEncrypt(store, SecretName.TOKEN_HYBRID_PUBLIC_KEYSET);
        HybridDecrypt tokenService = TinkKeysets.hybridDecrypt(store, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET);
        assertThat(tokenService.decrypt(toTokenService.encrypt(refreshToken, subscriber), subscriber)).isEqualTo(refreshToken);

        HybridEncrypt toFeedIngest = TinkKeysets.hybridEncrypt(store, SecretName.FEED_URL_HYBRID_PUBLIC_KEYSET);
        HybridDecrypt feedIngest = TinkKeysets.hybridDecrypt(store, SecretName.FEED_URL_HYBRID_PRIVATE_KEYSET);
        byte[] url = "https://example.com/secret.ics".getBytes(StandardCharsets.UTF_8);
        assertThat(feedIngest.decrypt(toFeedIngest.encrypt(url, subscriber), subscriber)).isEqualTo(url);
        // the two pairs are independent: feed-ingest cannot read what was sealed for token-service
        assertThatThrownBy(() -> feedIngest.decrypt(toTokenService.encrypt(refreshToken, subscriber), subscriber))
                .isInstanceOf(java.security.GeneralSecurityException.class);

        Aead feedUrlAtRest = TinkKeysets.aead(store, SecretName.FEED_URL_AEAD_KEYSET);
        assertThat(feedUrlAtRest.decrypt(feedUrlAtRest.encrypt(url, subscriber), subscriber)).isEqualTo(url);
        // the at-rest key is not the token key: a feed URL ciphertext cannot be opened as a token
        assertThatThrownBy(() -> aead.decrypt(feedUrlAtRest.encrypt(url, subscriber), subscriber))
                .isInstanceOf(java.security.GeneralSecurityException.class);

        Mac stateMac = TinkKeysets.mac(store, SecretName.STATE_SIGNING_KEYSET);
        byte[] state = "state".getBytes(StandardCharsets.UTF_8);
        stateMac.verifyMac(stateMac.computeMac(state), state);
        assertThat(store.read(SecretName.SERVICE_CREDENTIAL)).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void publicKeysetsCarryNoPrivateKeyMaterial() throws Exception {
        generator.generateMissing(folder);
        String publicKeyset = Files.readString(folder.resolve(SecretName.TOKEN_HYBRID_PUBLIC_KEYSET.fileName()));
        assertThat(publicKeyset).contains("ASYMMETRIC_PUBLIC").doesNotContain("ASYMMETRIC_PRIVATE");
        SecretStore store = SecretStore.fromDirectory(folder);
        assertThatThrownBy(() -> TinkKeysets.hybridDecrypt(store, SecretName.TOKEN_HYBRID_PUBLIC_KEYSET))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emulatorRegistrationsLookLikeGoogles() throws Exception {
        generator.generateMissing(folder);
        GoogleOAuthClients clients = GoogleOAuthClients.parse(SecretStore.fromDirectory(folder).read(SecretName.GOOGLE_OAUTH_CLIENTS));

        GoogleOAuthClients.Client web = clients.firstOfType(GoogleOAuthClients.ClientType.web).orElseThrow();
        assertThat(web.clientId()).matches("\\d{12}-[a-z0-9]{32}\\.apps\\.googleusercontent\\.com");
        assertThat(web.clientSecret()).matches("GOCSPX-[A-Za-z0-9_-]{28}");
        assertThat(web.redirectUris()).containsExactly(
                "http://localhost:8081/api/google-oauth/callback", "http://127.0.0.1:8081/api/google-oauth/callback");
        assertThat(clients.firstOfType(GoogleOAuthClients.ClientType.desktop).orElseThrow().clientSecret()).startsWith("GOCSPX-");
        GoogleOAuthClients.Client android = clients.firstOfType(GoogleOAuthClients.ClientType.android).orElseThrow();
        assertThat(android.webClientId()).isEqualTo(web.clientId());
        assertThat(android.clientSecret()).isNull();
        assertThat(clients.accounts()).extracting(GoogleOAuthClients.Account::email).contains("alice@example.com");
        assertThat(clients.byClientId(web.clientId())).contains(web);
        assertThat(web.toString()).doesNotContain(web.clientSecret());
    }

    @Test
    void environmentVariableWinsOverTheFile() throws Exception {
        Files.writeString(folder.resolve(SecretName.SERVICE_CREDENTIAL.fileName()), "from-file\n");
        SecretStore store = new SecretStore(folder, Map.of("CALSYNC_SECRET_SERVICE_CREDENTIAL", "from-env")::get);
        assertThat(store.read(SecretName.SERVICE_CREDENTIAL)).isEqualTo("from-env");
        assertThat(SecretStore.fromDirectory(folder).read(SecretName.SERVICE_CREDENTIAL)).isEqualTo("from-file");
    }

    @Test
    void aMissingSecretNamesTheFileAndTheVariableToSet() {
        SecretStore store = new SecretStore(folder, name -> null);
        assertThatThrownBy(() -> store.read(SecretName.TOKEN_AEAD_KEYSET))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("token-aead.keyset.json")
                .hasMessageContaining("CALSYNC_SECRET_TOKEN_AEAD_KEYSET")
                .hasMessageContaining("./calsync keys init");
    }

    @Test
    void aBrokenKeysetIsReportedWithoutItsContent() throws Exception {
        Files.writeString(folder.resolve(SecretName.TOKEN_AEAD_KEYSET.fileName()), "{\"not\":\"a-keyset-sekrit\"}");
        SecretStore store = SecretStore.fromDirectory(folder);
        assertThatThrownBy(() -> TinkKeysets.aead(store, SecretName.TOKEN_AEAD_KEYSET))
                .hasMessageContaining("token-aead.keyset.json")
                .hasMessageNotContaining("sekrit");
    }
}
