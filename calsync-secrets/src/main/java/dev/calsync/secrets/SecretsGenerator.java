package dev.calsync.secrets;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Creates every missing secret of the design into a folder (what {@code ./calsync keys init} runs).
 * Existing files are never overwritten: rotating a key is a deliberate operation, not a side effect.
 */
public final class SecretsGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567";

    private final String oauthServicePublicUrl;
    private final KeysetWrapping keysetWrapping;

    /** @param oauthServicePublicUrl where browsers reach oauth-service; the web client's redirect URIs hang off it */
    public SecretsGenerator(String oauthServicePublicUrl) {
        this(oauthServicePublicUrl, KeysetWrapping.cleartext());
    }

    /** @param keysetWrapping how the secret keysets are written: cleartext, or wrapped by a KMS key */
    public SecretsGenerator(String oauthServicePublicUrl, KeysetWrapping keysetWrapping) {
        this.oauthServicePublicUrl = oauthServicePublicUrl.replaceAll("/+$", "");
        this.keysetWrapping = keysetWrapping;
    }

    /** @return the secrets it created (already present ones are left alone) */
    public List<SecretName> generateMissing(Path directory) throws IOException {
        TinkKeysets.ensureRegistered();
        Files.createDirectories(directory);
        restrictToOwner(directory, "rwx------");
        List<SecretName> created = new ArrayList<>();
        try {
            writeIfMissing(directory, SecretName.TOKEN_AEAD_KEYSET, () -> secretKeyset(SecretName.TOKEN_AEAD_KEYSET, PredefinedAeadParameters.AES256_GCM), created);
            writeHybridPairIfMissing(directory, SecretName.TOKEN_HYBRID_PRIVATE_KEYSET, SecretName.TOKEN_HYBRID_PUBLIC_KEYSET, created);
            writeHybridPairIfMissing(directory, SecretName.FEED_URL_HYBRID_PRIVATE_KEYSET, SecretName.FEED_URL_HYBRID_PUBLIC_KEYSET, created);
            writeIfMissing(directory, SecretName.FEED_URL_AEAD_KEYSET, () -> secretKeyset(SecretName.FEED_URL_AEAD_KEYSET, PredefinedAeadParameters.AES256_GCM), created);
            writeIfMissing(directory, SecretName.STATE_SIGNING_KEYSET,
                    () -> secretKeyset(SecretName.STATE_SIGNING_KEYSET, PredefinedMacParameters.HMAC_SHA256_256BITTAG), created);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a keyset could not be generated or wrapped by the KMS: " + e.getMessage(), e);
        }
        writeIfMissing(directory, SecretName.SERVICE_CREDENTIAL, () -> randomToken(32), created);
        writeIfMissing(directory, SecretName.GOOGLE_OAUTH_CLIENTS, () -> emulatorClients().toJson(), created);
        return created;
    }

    /** Client registrations shaped like Google's (ids, GOCSPX- secrets) for the emulator and local runs. */
    public GoogleOAuthClients emulatorClients() {
        String projectNumber = String.valueOf(100_000_000_000L + (long) (RANDOM.nextDouble() * 899_999_999_999L));
        String webClientId = clientId(projectNumber);
        String callback = oauthServicePublicUrl + "/api/google-oauth/callback";
        List<String> redirectUris = List.of(callback, callback.replace("://localhost", "://127.0.0.1"));
        return new GoogleOAuthClients(
                List.of(
                        new GoogleOAuthClients.Client(GoogleOAuthClients.ClientType.web, webClientId, clientSecret(),
                                redirectUris.stream().distinct().toList(), null, GoogleOAuthClients.PublishingStatus.in_production),
                        new GoogleOAuthClients.Client(GoogleOAuthClients.ClientType.desktop, clientId(projectNumber), clientSecret(),
                                List.of(), null, GoogleOAuthClients.PublishingStatus.in_production),
                        new GoogleOAuthClients.Client(GoogleOAuthClients.ClientType.android, clientId(projectNumber), null,
                                List.of(), webClientId, GoogleOAuthClients.PublishingStatus.in_production),
                        new GoogleOAuthClients.Client(GoogleOAuthClients.ClientType.ios, clientId(projectNumber), null,
                                List.of(), webClientId, GoogleOAuthClients.PublishingStatus.in_production)),
                List.of(
                        new GoogleOAuthClients.Account(googleSubject(), "alice@example.com", "Alice Example"),
                        new GoogleOAuthClients.Account(googleSubject(), "bob@example.com", "Bob Example")));
    }

    private static String clientId(String projectNumber) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            suffix.append(BASE32_LOWER.charAt(RANDOM.nextInt(BASE32_LOWER.length())));
        }
        return projectNumber + "-" + suffix.toString().toLowerCase(Locale.ROOT) + ".apps.googleusercontent.com";
    }

    private static String clientSecret() {
        return "GOCSPX-" + randomToken(21).substring(0, 28);
    }

    private static String googleSubject() {
        StringBuilder sub = new StringBuilder("1");
        for (int i = 0; i < 20; i++) {
            sub.append(RANDOM.nextInt(10));
        }
        return sub.toString();
    }

    public static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private String secretKeyset(SecretName name, Parameters parameters) throws GeneralSecurityException {
        return keysetWrapping.seal(KeysetHandle.generateNew(parameters), name);
    }

    private static String publicKeyset(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(handle.getPublicKeysetHandle());
    }

    /** A hybrid pair is written only as a pair: a public key whose private half is lost is useless. */
    private void writeHybridPairIfMissing(Path directory, SecretName privateKeyset, SecretName publicKeyset,
                                                 List<SecretName> created) throws IOException, GeneralSecurityException {
        if (exists(directory, privateKeyset)) {
            return;
        }
        KeysetHandle pair = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
        Files.deleteIfExists(directory.resolve(publicKeyset.fileName()));
        write(directory, privateKeyset, keysetWrapping.seal(pair, privateKeyset), created);
        write(directory, publicKeyset, publicKeyset(pair), created);
    }

    private interface Content {
        String create() throws GeneralSecurityException;
    }

    private static boolean exists(Path directory, SecretName name) {
        return Files.exists(directory.resolve(name.fileName()));
    }

    private static void writeIfMissing(Path directory, SecretName name, Content content, List<SecretName> created)
            throws IOException {
        if (!exists(directory, name)) {
            try {
                write(directory, name, content.create(), created);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(name.fileName() + " could not be generated or wrapped by the KMS: " + e.getMessage(), e);
            }
        }
    }

    private static void write(Path directory, SecretName name, String content, List<SecretName> created) throws IOException {
        Path file = directory.resolve(name.fileName());
        try {
            // created owner-only, so the content is never readable by others, not even for a moment
            createOwnerOnly(file);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        created.add(name);
    }

    static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static void restrictToOwner(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL is the user's business
        }
    }
}
