package dev.switchboard.thread;

/** What text the thread API accepts, as regular expressions for {@code @Pattern}. */
final class TextRules {

    /** One line of plain text: no control characters (so no header injection) and no markup brackets. */
    static final String ONE_LINE = "[^<>\\p{Cntrl}]*";
    static final String ONE_LINE_MESSAGE = "must be plain text on one line, without < or >";
    /** A message: any text, line breaks and tabs included, but no other control characters. */
    static final String BODY = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final String BODY_MESSAGE = "must not contain control characters";
    static final String PHONE = "[0-9+ ()./-]*";
    static final int MAX_BODY = 10_000;

    private TextRules() {
    }
}
