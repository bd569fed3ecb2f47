-- The email outbox. A notification is written in the transaction that causes it, once: the
-- idempotency key (message, recipient, kind) is unique. Workers claim due emails with a lease, send
-- them over SMTP and record the outcome.
CREATE TABLE emails (
    id               uuid        PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    kind             text        NOT NULL,
    thread_id        uuid        REFERENCES threads (id) ON DELETE SET NULL,
    recipient        text        NOT NULL,
    subject          text        NOT NULL,
    text_body        text        NOT NULL,
    html_body        text        NOT NULL,
    message_id       text        NOT NULL UNIQUE,  -- the Message-ID header, the same on every try
    in_reply_to      text,
    references_ids   text,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_owner      text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);
CREATE INDEX emails_due_idx ON emails (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX emails_thread_idx ON emails (thread_id, created_at);
