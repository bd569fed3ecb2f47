package dev.switchboard.sla;

import java.time.Instant;
import java.util.List;

/**
 * What the clocks of one conversation or thread are computed from, as its owner knows it now: when it began,
 * where it stands since when, what the policies match on, and every customer message and human public reply.
 *
 * @param key       the subject's key (see {@link SubjectKind})
 * @param createdAt when it began (the resolution clock starts here)
 * @param state     where it stands now
 * @param stateAt   since when, by the owner's clock (Chatwoot's {@code updated_at} for a conversation)
 * @param marks     customer messages and human public replies, in any order
 */
public record SubjectFacts(String key, Instant createdAt, SubjectState state, Instant stateAt, Attributes attributes,
                           List<Mark> marks) {

    /**
     * What a policy's conditions look at; null or empty where the subject has none.
     *
     * @param threadType a native thread's query type
     */
    public record Attributes(String priority, Long inboxId, String channel, List<String> labels, boolean vip, String intent,
                             String threadType) {
    }

    /**
     * A message that moves the response clocks: a customer's ({@code customer}), or a public reply by a person on the
     * team. Bot messages, private notes and automated messages are not marks.
     */
    public record Mark(Instant at, boolean customer) {
    }
}
