package dev.switchboard.thread;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import dev.switchboard.sla.SlaClocks;
import dev.switchboard.sla.SubjectKind;
import dev.switchboard.refusal.Conflict;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotAllowed;
import dev.switchboard.refusal.NotFound;
import dev.switchboard.database.UuidV7;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.web.Inputs;
import dev.switchboard.web.Role;
import dev.switchboard.account.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with threads. Each change locks the thread's row, checks the move, writes the change
 * with who made it, and puts the emails it causes in the outbox, all in one transaction; a refused
 * change is a problem and writes nothing.
 */
@Service
class Threads {

    private final ThreadRepository repository;
    private final CustomerLinks links;
    private final ThreadNotifications notifications;
    private final SystemSettings settings;
    private final Users users;
    private final CustomerFacingNames names;
    private final SlaClocks clocks;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Threads(ThreadRepository repository, CustomerLinks links, ThreadNotifications notifications, SystemSettings settings,
            Users users, CustomerFacingNames names, SlaClocks clocks, ApplicationEventPublisher publisher, Clock clock) {
        this.repository = repository;
        this.links = links;
        this.notifications = notifications;
        this.settings = settings;
        this.users = users;
        this.names = names;
        this.clocks = clocks;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A customer's new query, checked by {@link PublicSupportController.QueryForm}'s rules. */
    @Transactional
    Raised raise(PublicSupportController.QueryForm form) {
        return raise(new ThreadRepository.NewThread(form.subject().strip(), form.queryType().strip(), form.priority(),
                form.name().strip(), form.email().strip(), Inputs.blankToNull(form.phone()), Inputs.blankToNull(form.reference())),
                form.message().strip());
    }

    /** A customer's new query: the thread, its first message, a reply link for them, and the emails. */
    private Raised raise(ThreadRepository.NewThread query, String message) {
        Settings current = settings.current();
        if (!current.queryTypes().contains(query.queryType())) {
            throw Invalid.field("queryType", "must be one of: " + String.join(", ", current.queryTypes()));
        }
        Instant now = clock.instant();
        UUID id = UuidV7.next(clock);
        String code = null;
        for (int attempt = 0; code == null; attempt++) {
            String candidate = ThreadCodes.next(attempt);
            if (repository.insert(query, id, candidate, now)) {
                code = candidate;
            }
        }
        UUID messageId = UuidV7.next(clock);
        repository.addMessage(messageId, id, AuthorKind.CUSTOMER, query.name(), Visibility.EXTERNAL, message, now);
        repository.recordChange(id, "customer", "status", null, ThreadStatus.OPEN.name(), now);
        clocksChanged(id);
        CustomerLinks.IssuedLink link = links.create(id, LinkPermission.REPLY, null, "customer");
        notifications.threadRaised(require(id), messageId, message, current);
        return new Raised(id, code, link);
    }

    ThreadDetail detail(String idOrCode) {
        return detail(find(idOrCode));
    }

    private ThreadDetail detail(ThreadRepository.ThreadRow thread) {
        return new ThreadDetail(thread, thread.status().staffMoves().stream().sorted().toList(),
                repository.messages(thread.id(), false), repository.changes(thread.id()), links.list(thread.id()),
                whatsappLink(thread, settings.current()), clocks.clocks(SubjectKind.THREAD, thread.id().toString()));
    }

    @Transactional
    ThreadRepository.MessageView post(UUID threadId, Visibility visibility, String body, String by) {
        ThreadRepository.ThreadRow thread = locked(threadId);
        if (visibility == Visibility.EXTERNAL && thread.status() == ThreadStatus.CLOSED) {
            throw new Conflict("thread-closed", "Thread " + thread.code() + " is closed: reopen it before replying to the customer.");
        }
        Instant now = clock.instant();
        UUID messageId = UuidV7.next(clock);
        repository.addMessage(messageId, threadId, AuthorKind.STAFF, by, visibility, body, now);
        if (visibility == Visibility.EXTERNAL) {
            clocksChanged(threadId);
            notifications.staffReplied(thread, messageId, by, body, settings.current());
        }
        return new ThreadRepository.MessageView(messageId, AuthorKind.STAFF, by, visibility, body, now);
    }

    @Transactional
    ThreadDetail changeStatus(UUID threadId, ThreadStatus to, String by) {
        ThreadRepository.ThreadRow thread = locked(threadId);
        if (!thread.status().staffMoves().contains(to)) {
            throw new Conflict("status-move-not-allowed", "Thread " + thread.code() + " is " + thread.status()
                    + "; from there it can move to " + thread.status().staffMoves().stream().sorted().toList() + ", not to " + to + ".");
        }
        Instant now = clock.instant();
        repository.setStatus(threadId, to, now);
        repository.recordChange(threadId, by, "status", thread.status().name(), to.name(), now);
        clocksChanged(threadId);
        return detail(require(threadId));
    }

    @Transactional
    ThreadDetail assign(UUID threadId, String assignee, String by) {
        ThreadRepository.ThreadRow thread = locked(threadId);
        if (assignee != null) {
            var member = users.find(assignee).orElseThrow(() -> Invalid.field("assignee", "is not an active user"));
            if (member.role() == Role.VIEWER) {
                throw Invalid.field("assignee", "is a VIEWER, who cannot work threads");
            }
        }
        if (!Objects.equals(thread.assignee(), assignee)) {
            Instant now = clock.instant();
            repository.setAssignee(threadId, assignee, now);
            repository.recordChange(threadId, by, "assignee", thread.assignee(), assignee, now);
        }
        return detail(require(threadId));
    }

    @Transactional
    ThreadDetail setPriority(UUID threadId, Priority priority, String by) {
        ThreadRepository.ThreadRow thread = locked(threadId);
        if (thread.priority() != priority) {
            Instant now = clock.instant();
            repository.setPriority(threadId, priority, now);
            repository.recordChange(threadId, by, "priority", thread.priority().name(), priority.name(), now);
            clocksChanged(threadId);
        }
        return detail(require(threadId));
    }

    /** What the holder of a link sees: external messages only, never a note; staff under the names customers see. */
    CustomerThreadView customerView(CustomerLinks.UsedLink link) {
        ThreadRepository.ThreadRow thread = require(link.threadId());
        Settings current = settings.current();
        List<ThreadRepository.MessageView> messages = repository.messages(thread.id(), true);
        UnaryOperator<String> staffName = names.of(messages.stream().filter(m -> m.authorKind() != AuthorKind.CUSTOMER)
                .map(ThreadRepository.MessageView::authorName).collect(Collectors.toSet()), current);
        return new CustomerThreadView(thread.code(), thread.subject(), thread.status(), thread.queryType(), thread.priority(),
                thread.reference(), thread.createdAt(), messages.stream()
                        .map(m -> new CustomerMessage(m.authorKind() == AuthorKind.CUSTOMER ? thread.requesterName()
                                : staffName.apply(m.authorName()), m.authorKind() == AuthorKind.CUSTOMER, m.body(), m.createdAt()))
                        .toList(),
                link.permission() == LinkPermission.REPLY && thread.status() != ThreadStatus.CLOSED,
                whatsappLink(thread, current));
    }

    @Transactional
    CustomerThreadView customerReply(CustomerLinks.UsedLink link, String body) {
        if (link.permission() != LinkPermission.REPLY) {
            throw new NotAllowed("link-view-only", "This link lets you read the conversation but not reply to it.");
        }
        ThreadRepository.ThreadRow thread = locked(link.threadId());
        if (thread.status() == ThreadStatus.CLOSED) {
            throw new Conflict("thread-closed", "This conversation is closed. Please raise a new query and mention "
                    + thread.code() + ".");
        }
        Instant now = clock.instant();
        UUID messageId = UuidV7.next(clock);
        repository.addMessage(messageId, thread.id(), AuthorKind.CUSTOMER, thread.requesterName(), Visibility.EXTERNAL, body, now);
        ThreadStatus next = thread.status().afterCustomerReply();
        if (next != thread.status()) {
            repository.setStatus(thread.id(), next, now);
            repository.recordChange(thread.id(), "customer", "status", thread.status().name(), next.name(), now);
        }
        clocksChanged(thread.id());
        notifications.customerReplied(thread, messageId, body, settings.current());
        publisher.publishEvent(new CustomerWroteAgain(thread.id(), thread.code(), messageId, now));
        return customerView(link);
    }

    /** @return how many RESOLVED threads were CLOSED because nobody wrote for {@code after} */
    @Transactional
    int closeResolvedOlderThan(Duration after) {
        Instant now = clock.instant();
        return repository.autoClose(now.minus(after), now);
    }

    /** The thread's SLA clocks are computed again from what it now holds, in this transaction. */
    private void clocksChanged(UUID threadId) {
        clocks.changed(SubjectKind.THREAD, List.of(threadId.toString()));
    }

    static URI whatsappLink(ThreadRepository.ThreadRow thread, Settings settings) {
        String text = "Hello, about my query " + thread.code() + (thread.reference() == null ? "" : " (" + thread.reference() + ")")
                + ": ";
        return settings.whatsappLink(text).orElse(null);
    }

    ThreadRepository.ThreadRow find(String idOrCode) {
        var found = idOrCode.regionMatches(true, 0, "SB-", 0, 3)
                ? repository.findByCode(idOrCode.toUpperCase(Locale.ROOT))
                : parse(idOrCode).flatMap(repository::find);
        return found.orElseThrow(() -> new NotFound("No thread " + idOrCode + "."));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    ThreadRepository.ThreadRow require(UUID id) {
        return repository.find(id).orElseThrow(() -> new NotFound("No thread " + id + "."));
    }

    private ThreadRepository.ThreadRow locked(UUID id) {
        return repository.lock(id).orElseThrow(() -> new NotFound("No thread " + id + "."));
    }

    record Raised(UUID threadId, String code, CustomerLinks.IssuedLink link) {
    }

    /** A thread as staff see it, with the moves its status allows. */
    record ThreadDetail(ThreadRepository.ThreadRow thread, List<ThreadStatus> allowedMoves,
                        List<ThreadRepository.MessageView> messages, List<ThreadRepository.ChangeView> changes,
                        List<CustomerLinks.LinkView> links, URI whatsappLink, List<SlaClocks.ClockView> clocks) {
    }

    /** A thread as the holder of a link sees it. */
    record CustomerThreadView(String code, String subject, ThreadStatus status, String queryType, Priority priority,
                              String reference, Instant createdAt, List<CustomerMessage> messages, boolean canReply,
                              URI whatsappLink) {
    }

    /** @param fromCustomer whether the customer wrote it (otherwise the support team did) */
    record CustomerMessage(String author, boolean fromCustomer, String body, Instant createdAt) {
    }
}
