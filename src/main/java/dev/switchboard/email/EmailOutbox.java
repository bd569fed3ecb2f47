package dev.switchboard.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.switchboard.database.UuidV7;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where features put emails, inside their own transaction: the email exists exactly when what caused
 * it was committed, once per idempotency key. Emails to the same recipient about the same thread
 * reply to each other, so mail clients show one conversation.
 */
@Service
public class EmailOutbox {

    static final String DOMAIN = "switchboard";

    private static final String EARLIER = """
            SELECT message_id FROM emails WHERE thread_id = :thread AND lower(recipient) = lower(:recipient)
            ORDER BY created_at, id
            """;
    private static final String INSERT = """
            INSERT INTO emails (id, idempotency_key, kind, thread_id, recipient, subject, text_body, html_body,
                                message_id, in_reply_to, references_ids, status, next_attempt_at, created_at)
            VALUES (:id, :key, :kind, :thread, :recipient, :subject, :text, :html, :messageId, :inReplyTo, :references,
                    'PENDING', :now, :now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EmailWakeUp wakeUp;

    EmailOutbox(JdbcClient jdbc, Clock clock, EmailWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /** @return false when an email with this idempotency key exists already */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutgoingEmail email) {
        UUID id = UuidV7.next(clock);
        List<String> earlier = email.threadId() == null ? List.of()
                : jdbc.sql(EARLIER).param("thread", email.threadId()).param("recipient", email.recipient()).query(String.class).list();
        boolean inserted = jdbc.sql(INSERT).param("id", id).param("key", email.idempotencyKey()).param("kind", email.kind())
                .param("thread", email.threadId()).param("recipient", email.recipient()).param("subject", email.subject())
                .param("text", email.textBody()).param("html", email.htmlBody())
                .param("messageId", "<" + id + "@" + DOMAIN + ">")
                .param("inReplyTo", earlier.isEmpty() ? null : earlier.getLast())
                .param("references", earlier.isEmpty() ? null : String.join(" ", earlier.subList(Math.max(0, earlier.size() - 20), earlier.size())))
                .param("now", Timestamp.from(clock.instant())).update() == 1;
        if (inserted) {
            wakeUp.afterCommit();
        }
        return inserted;
    }
}
