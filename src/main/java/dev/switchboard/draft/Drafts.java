package dev.switchboard.draft;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.switchboard.chatwoot.ChatwootAction;
import dev.switchboard.chatwoot.ChatwootActions;
import dev.switchboard.conversation.CustomerMessagesArrived;
import dev.switchboard.database.UuidV7;
import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.thread.CustomerWroteAgain;
import dev.switchboard.thread.SupportThreads;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts from proposal to decision. A proposal is checked whole before anything is written and stored once per
 * idempotency key. A decision locks the draft, refuses what cannot be (decided already, stale and not looked at
 * again, nowhere to send it), and in one transaction records it, puts the reply in the Chatwoot action outbox or
 * the thread, and stores the {@code draft.decided} event for the agent: all of it happens, or none.
 */
@Service
public class Drafts {

    private static final Logger log = LoggerFactory.getLogger(Drafts.class);
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final DraftRepository repository;
    private final ChatwootActions actions;
    private final SupportThreads threads;
    private final DraftNews news;
    private final DraftAutonomy autonomy;
    private final DraftProperties properties;
    private final Clock clock;

    Drafts(DraftRepository repository, ChatwootActions actions, SupportThreads threads, DraftNews news, DraftAutonomy autonomy,
           DraftProperties properties, Clock clock) {
        this.repository = repository;
        this.actions = actions;
        this.threads = threads;
        this.news = news;
        this.autonomy = autonomy;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the agent's proposal, or finds the one stored under its key.
     *
     * @throws dev.switchboard.refusal.Invalid when the proposal breaks a rule (every problem at once)
     * @throws NotFound                         when it names a thread that does not exist
     * @throws Conflict                         when its key was used for a different draft
     */
    @Transactional
    public Proposed propose(Proposal proposal) {
        ProposalRules.Checked checked = ProposalRules.check(proposal);
        Draft.Subject subject = checked.threadCode() == null ? checked.subject()
                : threads.find(checked.threadCode()).map(t -> Draft.Subject.thread(t.id(), t.code()))
                .orElseThrow(() -> new NotFound("thread-not-found", "No thread has the code " + checked.threadCode() + "."));
        DraftRepository.NewDraft draft = new DraftRepository.NewDraft(checked.idempotencyKey(), "API", subject, checked.text(),
                checked.intent(), checked.confidence(), checked.sources(), checked.inReplyTo(), null);
        return store(draft);
    }

    /** A private note the agent wrote in Chatwoot, taken as its draft (once per note). */
    @Transactional
    public Proposed proposeFromNote(long accountId, long conversationId, long noteId, String text) {
        return store(new DraftRepository.NewDraft("chatwoot-note:" + accountId + ":" + noteId, "NOTE",
                Draft.Subject.conversation(accountId, conversationId), text, null, null, List.of(), null, noteId));
    }

    private Proposed store(DraftRepository.NewDraft draft) {
        UUID id = UuidV7.next(clock);
        if (!repository.insert(id, draft, clock.instant())) {
            Draft existing = repository.findByKey(draft.idempotencyKey()).orElseThrow();
            if (!existing.subject().equals(draft.subject()) || !existing.body().equals(draft.body())) {
                throw new Conflict("idempotency-key-reused", "The idempotency key " + draft.idempotencyKey()
                        + " was used for another draft (" + existing.id() + ", for " + existing.subject().label()
                        + "); a repeat must send the same subject and text.");
            }
            return new Proposed(existing, false);
        }
        Draft stored = repository.find(id).orElseThrow();
        if (autonomy.enabled(stored.intent())) {
            Optional<String> problem = cannotSend(stored);
            if (problem.isEmpty()) {
                return new Proposed(sendAutonomously(stored), true);
            }
            log.warn("Draft {} of intent {} waits for a person although the intent has autonomy: {}", id, stored.intent(), problem.get());
        }
        if (properties.mirrorToChatwoot() && !stored.subject().isThread() && "API".equals(stored.origin()) && actions.configured()) {
            actions.enqueue(stored.subject().accountId(), stored.subject().conversationId(),
                    new ChatwootAction.PostNote(DraftNotes.mirrored(stored)), "AI draft " + id + " awaiting approval", "draft",
                    "draft-mirror:" + id);
        }
        log.info("Draft {} proposed for {} ({})", id, stored.subject().label(), stored.origin());
        return new Proposed(stored, true);
    }

    /**
     * Decides a pending draft once: sends it (approved or edited) or not (rejected).
     *
     * @param by who decided: a username, {@code chatwoot:<name>}, or {@code autonomy}
     * @throws Conflict when it was decided already, is stale and not confirmed, or cannot be sent from here
     */
    @Transactional
    public Draft decide(UUID id, Decision decision, String by, DecidedVia via) {
        DecisionRules.check(decision, via);
        Draft draft = repository.lock(id).orElseThrow(() -> notFound(id));
        if (!draft.pending()) {
            throw new Conflict("draft-already-decided", "Draft " + id + " was already " + draft.status().name().toLowerCase()
                    + " by " + draft.decidedBy() + " at " + draft.decidedAt() + "; nothing was changed or sent.");
        }
        if (draft.stale() && !decision.confirmsStale() && decision.kind() != Decision.Kind.REJECT) {
            throw new Conflict("draft-stale", draft.staleReason() + " Read the conversation again, then confirm that the draft"
                    + " still answers it (confirmStale), edit it, or reject it.");
        }
        if (decision.kind() != Decision.Kind.REJECT) {
            sendable(draft);
        }
        Instant now = clock.instant();
        String finalBody = switch (decision.kind()) {
            case APPROVE -> draft.body();
            case EDIT -> decision.text().strip();
            case REJECT -> null;
        };
        DraftStatus status = decision.kind() == Decision.Kind.REJECT ? DraftStatus.REJECTED
                : finalBody.equals(draft.body()) ? DraftStatus.APPROVED : DraftStatus.EDITED;
        Integer distance = finalBody == null ? null : DISTANCE.apply(draft.body(), finalBody);
        repository.decide(id, new DraftRepository.Decided(status, now, by, via, finalBody, distance, decision.reason(),
                blankToNull(decision.comment()), decision.grades()));
        if (finalBody != null) {
            send(draft, finalBody, by, via, now);
        }
        Draft decided = repository.find(id).orElseThrow();
        news.decided(decided);
        log.info("Draft {} {} by {} via {}", id, status, by, via);
        return decided;
    }

    /** Sent at once, as the intent's autonomy allows; some are sampled for a person to review afterwards. */
    private Draft sendAutonomously(Draft draft) {
        Instant now = clock.instant();
        repository.decide(draft.id(), new DraftRepository.Decided(DraftStatus.APPROVED, now, DraftAutonomy.SWITCHBOARD + ":autonomy",
                DecidedVia.AUTONOMY, draft.body(), 0, null, null, Draft.Grades.NONE));
        send(draft, draft.body(), "autonomy", DecidedVia.AUTONOMY, now);
        if (autonomy.sampled()) {
            repository.sampleForReview(draft.id());
        }
        Draft sent = repository.find(draft.id()).orElseThrow();
        news.decided(sent);
        log.info("Draft {} of intent {} sent by autonomy{}", draft.id(), draft.intent(), sent.review() == null ? "" : ", sampled for review");
        return sent;
    }

    private void sendable(Draft draft) {
        cannotSend(draft).ifPresent(problem -> {
            throw new Conflict(draft.subject().isThread() ? "thread-closed" : "chatwoot-not-configured", problem);
        });
    }

    private Optional<String> cannotSend(Draft draft) {
        if (draft.subject().isThread()) {
            String status = threads.find(draft.subject().threadId().toString()).map(SupportThreads.ThreadFacts::status).orElse("GONE");
            if (status.equals("CLOSED") || status.equals("GONE")) {
                return Optional.of("Thread " + draft.subject().threadCode()
                        + " is closed: reopen it before sending a reply, or reject the draft.");
            }
        } else if (!actions.configured()) {
            return Optional.of("Chatwoot's address and API key are not set, so no reply can be sent to " + draft.subject().label()
                    + "; set switchboard.chatwoot.base-url and api-key, or reject the draft.");
        }
        return Optional.empty();
    }

    private void send(Draft draft, String body, String by, DecidedVia via, Instant now) {
        if (draft.subject().isThread()) {
            UUID message = threads.replyToCustomer(draft.subject().threadId(), body, via == DecidedVia.AUTONOMY ? "AI agent" : by);
            repository.sent(draft.id(), null, message, now);
            return;
        }
        String reason = via == DecidedVia.AUTONOMY ? "AI draft sent by autonomy" : "AI draft approved by " + by;
        UUID action = actions.enqueue(draft.subject().accountId(), draft.subject().conversationId(), new ChatwootAction.PostReply(body),
                reason, "draft", "draft-reply:" + draft.id()).orElseThrow(() -> new IllegalStateException(
                "a reply for draft " + draft.id() + " is in the outbox already"));
        repository.sent(draft.id(), action, null, null);
    }

    public Draft find(UUID id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    /** @param byDue by the subject's next SLA deadline (soonest first, none last); otherwise oldest first */
    public List<Draft> pending(boolean byDue, int limit) {
        return repository.pending(byDue, limit);
    }

    public List<Draft> recent(DraftStatus status, int limit) {
        return repository.recent(status, limit);
    }

    public Optional<Draft> latestPending(long accountId, long conversationId) {
        return repository.latestPending(accountId, conversationId);
    }

    public List<Draft> forSubject(Draft.Subject subject, int limit) {
        return repository.forSubject(subject, limit);
    }

    /** What the customer wrote after a draft was proposed may change the answer: such drafts are marked stale. */
    @EventListener
    void customerWrote(CustomerMessagesArrived arrived) {
        repository.staleAfter(arrived.messages(), clock.instant());
    }

    @EventListener
    void customerWroteInThread(CustomerWroteAgain wrote) {
        repository.staleAfter(wrote.threadId(), wrote.messageId(), wrote.createdAt(), clock.instant());
    }

    static NotFound notFound(UUID id) {
        return new NotFound("draft-not-found", "No draft has the id " + id + ".");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** @param created false when the key named a draft stored before */
    public record Proposed(Draft draft, boolean created) {
    }
}
