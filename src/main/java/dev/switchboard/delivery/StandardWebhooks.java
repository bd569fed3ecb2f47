package dev.switchboard.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks (standardwebhooks.com), as every signed POST Switchboard sends uses them: secrets are {@code whsec_}
 * and the base64 of the key bytes; {@code webhook-signature} is {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>},
 * one per key while keys rotate.
 */
public final class StandardWebhooks {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {
    }

    public static boolean isValid(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length())).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /** 32 random bytes, as Svix and the Standard Webhooks libraries make them. */
    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value for that message, one signature per key. */
    public static String signature(List<byte[]> keys, String id, long timestamp, byte[] body) {
        StringJoiner signatures = new StringJoiner(" ");
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : keys) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update(prefix);
                signatures.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }
        return signatures.toString();
    }

    /**
     * Judges a signed message Switchboard receives: the headers must all be there, the timestamp within
     * {@code tolerance} of now (a captured request cannot be replayed later), and one of the {@code v1} signatures
     * must be the one a key makes, compared in constant time.
     */
    public static Verdict verify(List<byte[]> keys, String id, String timestamp, String signatures, byte[] body, Instant now,
                                 Duration tolerance) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null || signatures.isBlank()) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verdict.MISSING;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Verdict.STALE;
        }
        for (byte[] key : keys) {
            byte[] expected = signature(List.of(key), id, seconds, body).getBytes(StandardCharsets.UTF_8);
            for (String presented : signatures.strip().split("\\s+")) {
                if (MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
                    return Verdict.VALID;
                }
            }
        }
        return Verdict.MISMATCH;
    }

    public enum Verdict {
        VALID,
        /** a header is absent or unreadable */
        MISSING,
        /** the timestamp is too far from now */
        STALE,
        /** no signature matches */
        MISMATCH
    }
}
