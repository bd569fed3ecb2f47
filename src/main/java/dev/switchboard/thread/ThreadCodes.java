package dev.switchboard.thread;

import java.security.SecureRandom;

/**
 * Short codes people read out on the phone: {@code SB-} and characters that cannot be mistaken for one
 * another (no 0/O, 1/I/L). Four characters give about a million codes; a collision is retried, and
 * the code grows when retries keep colliding.
 */
final class ThreadCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ThreadCodes() {
    }

    static String next(int attempt) {
        int length = attempt < 3 ? 4 : 6;
        StringBuilder code = new StringBuilder("SB-");
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
