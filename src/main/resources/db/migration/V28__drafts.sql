-- Module: draft
-- Replies the AI agent proposes, and what people decided about them. A draft answers a Chatwoot conversation
-- (account + display id) or a native thread. It is PENDING until one decision moves it, once, to APPROVED (sent
-- as written), EDITED (sent as a person rewrote it) or REJECTED (never sent); the UPDATE that decides checks the
-- status, so two people deciding at once cannot both win. A newer customer message marks a pending draft stale:
-- still decidable, but only by someone who says they looked again.
CREATE TABLE drafts (
    id                uuid        PRIMARY KEY,
    idempotency_key   text        NOT NULL,
    origin            text        NOT NULL CHECK (origin IN ('API', 'NOTE')),
    subject_kind      text        NOT NULL CHECK (subject_kind IN ('CONVERSATION', 'THREAD')),
    account_id        bigint,
    conversation_id   bigint,
    thread_id         uuid,
    thread_code       text,
    body              text        NOT NULL,
    intent            text,
    confidence        real        CHECK (confidence BETWEEN 0 AND 1),
    sources           jsonb       NOT NULL DEFAULT '[]',
    answers           text,
    note_message_id   bigint,
    created_at        timestamptz NOT NULL,
    stale_at          timestamptz,
    stale_reason      text,
    status            text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'EDITED', 'REJECTED')),
    decided_at        timestamptz,
    decided_by        text,
    decided_via       text        CHECK (decided_via IN ('SWITCHBOARD', 'CHATWOOT', 'AUTONOMY')),
    final_body        text,
    edit_distance     integer,
    reason            text        CHECK (reason IN ('WRONG_FACTS', 'WRONG_TONE', 'POLICY', 'NOT_NEEDED', 'OTHER')),
    comment           text,
    tone              smallint    CHECK (tone BETWEEN 1 AND 5),
    accuracy          smallint    CHECK (accuracy BETWEEN 1 AND 5),
    policy            smallint    CHECK (policy BETWEEN 1 AND 5),
    reply_action_id   uuid,
    thread_message_id uuid,
    sent_at           timestamptz,
    CONSTRAINT drafts_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT drafts_subject CHECK (subject_kind = 'CONVERSATION' AND account_id IS NOT NULL AND conversation_id IS NOT NULL
                                     OR subject_kind = 'THREAD' AND thread_id IS NOT NULL),
    CONSTRAINT drafts_decision CHECK (status = 'PENDING' OR decided_at IS NOT NULL AND decided_by IS NOT NULL)
);

CREATE INDEX drafts_pending_idx ON drafts (created_at) WHERE status = 'PENDING';
CREATE INDEX drafts_conversation_idx ON drafts (account_id, conversation_id, created_at) WHERE subject_kind = 'CONVERSATION';
CREATE INDEX drafts_thread_idx ON drafts (thread_id, created_at) WHERE subject_kind = 'THREAD';
CREATE INDEX drafts_decided_idx ON drafts (decided_at) WHERE decided_at IS NOT NULL;
