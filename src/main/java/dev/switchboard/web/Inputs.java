package dev.switchboard.web;

/** How API input text is tidied before it is checked and stored. */
public final class Inputs {

    private Inputs() {
    }

    /** Trimmed, or null when nothing but blanks was given: an optional field left empty is not set. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
