package dev.switchboard.draft;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.switchboard.refusal.Invalid;

/** What a proposal must be before anything is stored; every problem is reported at once. */
final class ProposalRules {

    static final int MAX_TEXT = 20_000;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Pattern INTENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern THREAD_CODE = Pattern.compile("SB-[A-Z0-9]{2,20}");

    private ProposalRules() {
    }

    static Checked check(Proposal p) {
        List<Invalid.FieldProblem> problems = new ArrayList<>();
        if (p.idempotencyKey() == null || !KEY.matcher(p.idempotencyKey()).matches()) {
            problems.add(new Invalid.FieldProblem("idempotencyKey", "is required: 1 to 200 printable characters without spaces"));
        }
        boolean conversation = p.accountId() != null || p.conversationId() != null;
        boolean thread = p.thread() != null;
        Draft.Subject subject = null;
        String threadCode = null;
        if (conversation == thread) {
            problems.add(new Invalid.FieldProblem("conversationId", "name either a Chatwoot conversation (accountId and conversationId)"
                    + " or a thread (thread), exactly one"));
        } else if (conversation) {
            if (p.accountId() == null || p.accountId() <= 0) {
                problems.add(new Invalid.FieldProblem("accountId", "must be a positive Chatwoot account id"));
            }
            if (p.conversationId() == null || p.conversationId() <= 0) {
                problems.add(new Invalid.FieldProblem("conversationId", "must be a positive Chatwoot conversation display id"));
            }
            if (p.accountId() != null && p.conversationId() != null) {
                subject = Draft.Subject.conversation(p.accountId(), p.conversationId());
            }
        } else {
            threadCode = p.thread().strip().toUpperCase(Locale.ROOT);
            if (!THREAD_CODE.matcher(threadCode).matches()) {
                problems.add(new Invalid.FieldProblem("thread", "must be a thread code such as SB-7KQ2MX"));
            }
        }
        if (p.text() == null || p.text().isBlank()) {
            problems.add(new Invalid.FieldProblem("text", "is required: the reply the customer would read"));
        } else if (p.text().length() > MAX_TEXT) {
            problems.add(new Invalid.FieldProblem("text", "has " + p.text().length() + " characters; at most " + MAX_TEXT));
        }
        String intent = p.intent() == null || p.intent().isBlank() ? null : p.intent().strip().toLowerCase(Locale.ROOT);
        if (intent != null && !INTENT.matcher(intent).matches()) {
            problems.add(new Invalid.FieldProblem("intent", "must be a name of up to 64 letters, digits, dots, dashes or underscores"));
        }
        if (p.confidence() != null && (p.confidence().isNaN() || p.confidence() < 0 || p.confidence() > 1)) {
            problems.add(new Invalid.FieldProblem("confidence", "must be between 0 and 1"));
        }
        List<Draft.Source> sources = p.sources() == null ? List.of() : p.sources();
        if (sources.size() > 20) {
            problems.add(new Invalid.FieldProblem("sources", "has " + sources.size() + " entries; at most 20"));
        }
        for (int i = 0; i < sources.size(); i++) {
            Draft.Source source = sources.get(i);
            if (source == null || source.title() == null || source.title().isBlank() || source.title().length() > 300) {
                problems.add(new Invalid.FieldProblem("sources[" + i + "].title", "is required, up to 300 characters"));
            }
            if (source != null && source.url() != null && !webAddress(source.url())) {
                problems.add(new Invalid.FieldProblem("sources[" + i + "].url", "must be an http or https address"));
            }
        }
        String inReplyTo = p.inReplyTo() == null || p.inReplyTo().isBlank() ? null : p.inReplyTo().strip();
        if (inReplyTo != null && inReplyTo.length() > 100) {
            problems.add(new Invalid.FieldProblem("inReplyTo", "must be a message id of up to 100 characters"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Checked(p.idempotencyKey(), subject, threadCode, p.text().strip(), intent,
                p.confidence() == null ? null : p.confidence().floatValue(),
                sources.stream().map(s -> new Draft.Source(s.title().strip(), s.url() == null || s.url().isBlank() ? null : s.url().strip()))
                        .toList(), inReplyTo);
    }

    private static boolean webAddress(String url) {
        try {
            URI uri = URI.create(url.strip());
            return url.length() <= 2000 && uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @param threadCode the thread named, to be found; null for a conversation */
    record Checked(String idempotencyKey, Draft.Subject subject, String threadCode, String text, String intent, Float confidence,
                   List<Draft.Source> sources, String inReplyTo) {
    }
}
