package dev.switchboard.chatwoot;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.database.UuidV7;
import dev.switchboard.refusal.NotFound;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The changes Switchboard makes in Chatwoot, as other features see them: enqueue one in your own
 * transaction (it is carried out only if that commits), and read what was done to a conversation.
 */
@Component
public class ChatwootActions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ActionRepository repository;
    private final ActionWakeUp wakeUp;
    private final ChatwootProperties chatwoot;
    private final Clock clock;

    ChatwootActions(ActionRepository repository, ActionWakeUp wakeUp, ChatwootProperties chatwoot, Clock clock) {
        this.repository = repository;
        this.chatwoot = chatwoot;
        this.wakeUp = wakeUp;
        this.clock = clock;
    }

    /**
     * Writes the action in the current transaction. Chatwoot is called only after it commits, by a worker.
     *
     * @param reason         why, in words for the people reading the conversation's page
     * @param origin         which feature decided it ({@code triage}, {@code draft}, a username)
     * @param idempotencyKey the same key given twice enqueues one action; null for none
     * @return the action's id; empty when an action with that key already exists
     */
    public Optional<UUID> enqueue(long accountId, long conversationId, ChatwootAction action, String reason, String origin,
                           String idempotencyKey) {
        Instant now = clock.instant();
        UUID id = UuidV7.next(clock);
        boolean inserted = repository.insert(id, accountId, conversationId, action.kind(),
                JSON.writeValueAsString(action.payload()), reason, origin, idempotencyKey, now);
        if (!inserted) {
            return Optional.empty();
        }
        wakeUp.afterCommit();
        return Optional.of(id);
    }

    /**
     * Whether actions can be carried out here: Chatwoot's address and an API key are set. Features that act
     * on their own (triage) enqueue nothing without them, rather than pile up actions nobody asked to keep.
     */
    public boolean configured() {
        return ActionWorker.configured(chatwoot);
    }

    public List<ActionView> forConversation(long accountId, long conversationId, int limit) {
        return repository.list(new Filter(null, null, accountId, conversationId), null, limit);
    }

    public List<ActionView> list(Filter filter, UUID before, int limit) {
        return repository.list(filter, before, limit);
    }

    public ActionView find(UUID id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    /** Puts a dead action back in the queue, due now, with a fresh run of attempts. */
    public ActionView replay(UUID id) {
        ActionView action = find(id);
        if (action.status() == ActionStatus.DEAD) {
            repository.replay(id, null, clock.instant());
            wakeUp.afterCommit();
        }
        return find(id);
    }

    /** Replays every dead action, or every dead one of a kind. @return how many */
    public int replayDead(String kind) {
        int replayed = repository.replay(null, kind, clock.instant());
        if (replayed > 0) {
            wakeUp.afterCommit();
        }
        return replayed;
    }

    public Backlog backlog() {
        return repository.backlog();
    }

    static NotFound notFound(UUID id) {
        return new NotFound("action-not-found", "No Chatwoot action has the id " + id + ".");
    }

    public enum ActionStatus {
        /** waiting for its first try or its next one */
        PENDING,
        /** carried out: Chatwoot accepted it, or there was nothing to change */
        DONE,
        /** will not be tried again on its own: Chatwoot refused it, or its attempts ran out */
        DEAD
    }

    /** Actions matching every part given (null: any). */
    public record Filter(ActionStatus status, String kind, Long accountId, Long conversationId) {
    }

    public record ActionView(UUID id, long accountId, long conversationId, String kind, String payload, String reason,
                             String origin, ActionStatus status, int attempts, Instant nextAttemptAt, String lastError,
                             Integer lastStatus, String result, Instant createdAt, Instant doneAt, Instant deadAt) {
    }

    /** @param oldestPending when the oldest pending action was enqueued; null when none waits */
    public record Backlog(long pending, long dead, Instant oldestPending) {
        public Optional<Instant> oldest() {
            return Optional.ofNullable(oldestPending);
        }
    }
}
