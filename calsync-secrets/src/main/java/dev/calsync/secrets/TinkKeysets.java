package dev.calsync.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.mac.MacConfig;
import java.security.GeneralSecurityException;

/**
 * Turns keysets of the secrets folder (Tink's JSON keyset format) into primitives. Local keysets are
 * cleartext JSON in a folder only its owner can read; in production a KMS key wraps the secret ones
 * ({@link KeysetWrapping}).
 */
public final class TinkKeysets {

    static {
        try {
            AeadConfig.register();
            HybridConfig.register();
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkKeysets() {
    }

    /** Registers the AEAD, hybrid and MAC key managers; runs once, by class initialisation. */
    static void ensureRegistered() {
        // the static initialiser above has run by the time this is called
    }

    public static KeysetHandle parsePublic(String json, SecretName name) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("secret " + name.fileName() + " is not a valid public Tink keyset");
        }
    }

    public static Aead aead(SecretStore store, SecretName name) {
        return primitive(store.readSecretKeyset(name), Aead.class, name);
    }

    public static HybridEncrypt hybridEncrypt(SecretStore store, SecretName publicKeyset) {
        return primitive(parsePublic(store.read(publicKeyset), publicKeyset), HybridEncrypt.class, publicKeyset);
    }

    public static HybridDecrypt hybridDecrypt(SecretStore store, SecretName privateKeyset) {
        return primitive(store.readSecretKeyset(privateKeyset), HybridDecrypt.class, privateKeyset);
    }

    public static Mac mac(SecretStore store, SecretName name) {
        return primitive(store.readSecretKeyset(name), Mac.class, name);
    }

    private static <P> P primitive(KeysetHandle handle, Class<P> type, SecretName name) {
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), type);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + name.fileName() + " holds no " + type.getSimpleName() + " key");
        }
    }
}
