package dev.switchboard.inbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Chatwoot-Signature} exactly as Chatwoot computes it ({@code lib/webhooks/trigger.rb}):
 * {@code "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + raw body))}. The raw bytes are signed,
 * never a re-serialisation: Chatwoot escapes {@code <>&} as {@code \u003c…}, which a JSON library would
 * not reproduce.
 */
public final class ChatwootSignature {

    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private final SignatureMode mode;
    private final List<Mac> keys;
    private final Duration tolerance;

    ChatwootSignature(SignatureMode mode, List<String> secrets, Duration tolerance) {
        this.mode = mode;
        this.keys = secrets.stream().map(ChatwootSignature::keyed).toList();
        this.tolerance = tolerance;
    }

    SignatureCheck check(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (mode == SignatureMode.OFF) {
            return new SignatureCheck.Unchecked();
        }
        RejectionReason failure = verify(timestampHeader, signatureHeader, body, now);
        return failure == null ? new SignatureCheck.Verified() : new SignatureCheck.Invalid(failure);
    }

    private RejectionReason verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (keys.isEmpty()) {
            return RejectionReason.NO_SECRET_CONFIGURED;
        }
        if (timestampHeader == null || signatureHeader == null) {
            return RejectionReason.SIGNATURE_MISSING;
        }
        long timestamp;
        byte[] presented;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
            String sig = signatureHeader.trim();
            if (!sig.startsWith(PREFIX) || sig.length() != PREFIX.length() + HEX_LENGTH) {
                return RejectionReason.SIGNATURE_MALFORMED;
            }
            presented = HexFormat.of().parseHex(sig, PREFIX.length(), sig.length());
        } catch (IllegalArgumentException e) {
            return RejectionReason.SIGNATURE_MALFORMED;
        }
        byte[] signedPrefix = (timestampHeader.trim() + ".").getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (Mac key : keys) {
            // no early exit: how long the check takes must not tell which secret is current
            matched |= MessageDigest.isEqual(presented, hmac(copy(key), signedPrefix, body));
        }
        if (!matched) {
            return RejectionReason.SIGNATURE_MISMATCH;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return RejectionReason.TIMESTAMP_STALE;
        }
        return null;
    }

    static byte[] hmac(Mac keyed, byte[] prefix, byte[] body) {
        keyed.update(prefix);
        return keyed.doFinal(body);
    }

    /** A Mac ready for one secret; copied per use because a Mac is not thread-safe. */
    static Mac keyed(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Cloning a keyed Mac skips the provider lookup and key setup on every request. */
    private static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 Mac cannot be cloned", e);
        }
    }

    /** The header value Chatwoot would send; used by the simulate command and tests. */
    public static String sign(String secret, long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return PREFIX + HexFormat.of().formatHex(hmac(keyed(secret), prefix, body));
    }
}
