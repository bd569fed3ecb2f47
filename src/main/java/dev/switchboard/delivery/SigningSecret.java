package dev.switchboard.delivery;

import java.security.SecureRandom;
import java.util.Base64;

/** Standard Webhooks secrets: {@code whsec_} and the base64 of the key bytes. */
final class SigningSecret {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecret() {
    }

    static boolean isValid(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length())).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /** 32 random bytes, as Svix and the Standard Webhooks libraries make them. */
    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
