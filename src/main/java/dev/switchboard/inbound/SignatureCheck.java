package dev.switchboard.inbound;

/** What the signature check found out about one webhook. */
sealed interface SignatureCheck {

    /** The value kept in {@code events.signature}. */
    String column();

    record Verified() implements SignatureCheck {
        public String column() {
            return "verified";
        }
    }

    /** Signature mode is off: nothing was checked. */
    record Unchecked() implements SignatureCheck {
        public String column() {
            return "unchecked";
        }
    }

    record Invalid(RejectionReason reason) implements SignatureCheck {
        public String column() {
            return "invalid";
        }
    }
}
