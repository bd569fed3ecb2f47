package dev.switchboard.thread;

import java.util.UUID;

import dev.switchboard.email.EmailOutbox;
import dev.switchboard.email.OutgoingEmail;
import dev.switchboard.settings.Settings;
import dev.switchboard.account.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The emails a thread causes, put in the outbox inside the transaction that made the message: a new
 * thread to the support address (and a confirmation with a link to the customer), a staff reply to the
 * customer with a link, a customer reply to the assignee or else the support address. Notes cause none.
 */
@Component
class ThreadNotifications {

    static final String THREAD_CREATED = "thread-created";
    static final String THREAD_CONFIRMATION = "thread-confirmation";
    static final String STAFF_REPLY = "staff-reply";
    static final String CUSTOMER_REPLY = "customer-reply";

    private static final Logger log = LoggerFactory.getLogger(ThreadNotifications.class);

    private final EmailOutbox outbox;
    private final Users users;
    private final CustomerFacingNames names;

    ThreadNotifications(EmailOutbox outbox, Users users, CustomerFacingNames names) {
        this.outbox = outbox;
        this.users = users;
        this.names = names;
    }

    void threadRaised(ThreadRepository.ThreadRow thread, UUID messageId, String body, Settings settings) {
        if (settings.supportEmail() != null) {
            send(messageId, THREAD_CREATED, thread, settings.supportEmail(),
                    "New query " + thread.code() + ": " + thread.subject(),
                    "A new query was raised by " + thread.requesterName() + " <" + thread.requesterEmail() + ">"
                            + (thread.reference() == null ? "" : " about " + thread.reference())
                            + ".\nType: " + thread.queryType() + ", priority: " + thread.priority() + ".",
                    body, false, settings);
        } else {
            log.warn("Thread {} was raised but no support email is set, so nobody is told by email", thread.code());
        }
        send(messageId, THREAD_CONFIRMATION, thread, thread.requesterEmail(), "We received your query " + thread.code()
                        + ": " + thread.subject(),
                "Hello " + thread.requesterName() + ",\n\nThank you, we received your query and will answer soon."
                        + " Its reference is " + thread.code() + ".", body, true, settings);
    }

    /** @param author as the message records it; the customer reads the name {@link CustomerFacingNames} gives */
    void staffReplied(ThreadRepository.ThreadRow thread, UUID messageId, String author, String body, Settings settings) {
        send(messageId, STAFF_REPLY, thread, thread.requesterEmail(), "Re: [" + thread.code() + "] " + thread.subject(),
                names.of(author, settings) + " replied to your query " + thread.code() + ":", body, true, settings);
    }

    void customerReplied(ThreadRepository.ThreadRow thread, UUID messageId, String body, Settings settings) {
        String recipient = thread.assignee() == null ? null
                : users.find(thread.assignee()).map(Users.StaffMember::email).orElse(null);
        if (recipient == null) {
            recipient = settings.supportEmail();
        }
        if (recipient == null) {
            log.warn("Customer replied on thread {} but neither an assignee email nor a support email is set", thread.code());
            return;
        }
        send(messageId, CUSTOMER_REPLY, thread, recipient, "Re: [" + thread.code() + "] " + thread.subject(),
                thread.requesterName() + " replied on " + thread.code() + ":", body, false, settings);
    }

    /** Signed with the team's name, which is also who the customer reads as the sender of replies. */
    private void send(UUID messageId, String kind, ThreadRepository.ThreadRow thread, String recipient, String subject,
                      String intro, String body, boolean withLink, Settings settings) {
        String linkText = withLink ? "\n\nFollow the conversation and reply here: " + OutgoingEmail.LINK : "";
        String signature = settings.teamName() + ", " + thread.code();
        String text = intro + "\n\n" + quote(body) + linkText + "\n\n-- \n" + signature + "\n";
        String linkHtml = withLink ? "<p>Follow the conversation and reply here: " + OutgoingEmail.LINK + "</p>" : "";
        String html = "<!doctype html><html><body><p>" + paragraphs(intro) + "</p><blockquote style=\"white-space:pre-wrap\">"
                + HtmlUtils.htmlEscape(body) + "</blockquote>" + linkHtml + "<p style=\"color:#666\">"
                + HtmlUtils.htmlEscape(signature) + "</p></body></html>";
        outbox.enqueue(new OutgoingEmail(OutgoingEmail.key(messageId, recipient, kind), kind, thread.id(), recipient,
                subject, text, html));
    }

    private static String quote(String body) {
        return "> " + body.replace("\n", "\n> ");
    }

    private static String paragraphs(String text) {
        return HtmlUtils.htmlEscape(text).replace("\n", "<br>");
    }
}
