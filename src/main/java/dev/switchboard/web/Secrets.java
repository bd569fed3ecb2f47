package dev.switchboard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Random secrets and their digests, for tokens and first-start passwords. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A customer link token ({@code cl_…}) or an API token ({@code sb_…}) as it may appear in free text. */
    private static final Pattern TOKEN = Pattern.compile("(cl|sb)_[A-Za-z0-9_-]+");
    private static final String ALPHANUMERIC = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Secrets() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Letters and digits a person can read aloud without confusing 0/O or 1/l. */
    public static String randomWord(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return word.toString();
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Text with every token in it cut to its prefix ({@code cl_…}, {@code sb_…}): for text that a client
     * sends and Switchboard keeps, such as a browser's error report, which may carry the page's address.
     */
    public static String maskTokens(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll("$1_\u2026");
    }
}
