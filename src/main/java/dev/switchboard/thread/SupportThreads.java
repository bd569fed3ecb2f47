package dev.switchboard.thread;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.refusal.NotFound;
import org.springframework.stereotype.Component;

/**
 * Native threads as other features see them: a thread's facts and recent messages, and an external reply
 * written on a person's say (the drafts send approved replies this way). Everything else about threads stays
 * in this package.
 */
@Component
public class SupportThreads {

    private final Threads threads;
    private final ThreadRepository repository;

    SupportThreads(Threads threads, ThreadRepository repository) {
        this.threads = threads;
        this.repository = repository;
    }

    /** @param idOrCode the thread's id or its code ({@code SB-…}) */
    public Optional<ThreadFacts> find(String idOrCode) {
        try {
            return Optional.of(facts(threads.find(idOrCode)));
        } catch (NotFound absent) {
            return Optional.empty();
        }
    }

    /** The thread with its last {@code limit} messages, internal notes included, oldest first. */
    public List<Message> lastMessages(UUID threadId, int limit) {
        List<ThreadRepository.MessageView> all = repository.messages(threadId, false);
        return all.subList(Math.max(0, all.size() - limit), all.size()).stream()
                .map(m -> new Message(m.id(), m.authorName(), m.authorKind() == AuthorKind.CUSTOMER,
                        m.visibility() == Visibility.INTERNAL, m.body(), m.createdAt()))
                .toList();
    }

    /**
     * An external reply to the customer by {@code by}, in the caller's transaction, as if they had written it in
     * the inbox: the customer is emailed, the SLA clocks stop. Refused (a conflict) when the thread is closed.
     *
     * @return the message's id
     */
    public UUID replyToCustomer(UUID threadId, String body, String by) {
        return threads.post(threadId, Visibility.EXTERNAL, body, by).id();
    }

    private static ThreadFacts facts(ThreadRepository.ThreadRow row) {
        return new ThreadFacts(row.id(), row.code(), row.subject(), row.status().name(), row.requesterName(), row.requesterEmail(),
                row.requesterPhone());
    }

    public record ThreadFacts(UUID id, String code, String subject, String status, String requesterName, String requesterEmail,
                              String requesterPhone) {
    }

    /** @param fromCustomer written by the customer; otherwise by the team */
    public record Message(UUID id, String author, boolean fromCustomer, boolean internal, String body, Instant createdAt) {
    }
}
