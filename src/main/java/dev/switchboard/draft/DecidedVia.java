package dev.switchboard.draft;

/** Where a draft was decided. */
public enum DecidedVia {
    /** on the drafts page or through the API */
    SWITCHBOARD,
    /** a private note {@code /approve} or {@code /reject} in the Chatwoot conversation */
    CHATWOOT,
    /** sent without waiting, because its intent has earned autonomy */
    AUTONOMY
}
