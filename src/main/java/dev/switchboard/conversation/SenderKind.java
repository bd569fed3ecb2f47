package dev.switchboard.conversation;

/** Who wrote a message, as the counts and the triage tell them apart. */
public enum SenderKind {
    /** the customer (Chatwoot: incoming) */
    CONTACT,
    /** a person on the team, in public (outgoing from a user) */
    AGENT,
    /** an agent bot, Captain, a template or an automation (outgoing without a person) */
    BOT,
    /** a private note: seen by the team only */
    NOTE
}
