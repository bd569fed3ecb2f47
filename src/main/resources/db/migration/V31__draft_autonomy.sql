-- Module: draft
-- Autonomy per intent: while on, that intent's drafts are sent without waiting for a person, and some are sampled
-- for a person to review afterwards. Every switch is kept, with who made it and why (Switchboard itself switches
-- an intent off when its sampled reviews fall below the threshold).
CREATE TABLE draft_autonomy (
    intent     text        PRIMARY KEY,
    enabled    boolean     NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL,
    reason     text        NOT NULL
);

CREATE TABLE draft_autonomy_history (
    id         bigserial   PRIMARY KEY,
    intent     text        NOT NULL,
    enabled    boolean     NOT NULL,
    at         timestamptz NOT NULL,
    by         text        NOT NULL,
    reason     text        NOT NULL
);
CREATE INDEX draft_autonomy_history_intent_idx ON draft_autonomy_history (intent, at);

-- A draft sent by autonomy may be sampled for review: WAITING until a person says whether they would have sent
-- it as written (GOOD) or not (BAD); the review's grades go where a decision's would.
ALTER TABLE drafts ADD COLUMN review      text CHECK (review IN ('WAITING', 'GOOD', 'BAD')),
                   ADD COLUMN reviewed_by text,
                   ADD COLUMN reviewed_at timestamptz;
CREATE INDEX drafts_review_waiting_idx ON drafts (created_at) WHERE review = 'WAITING';
CREATE INDEX drafts_intent_decided_idx ON drafts (intent, decided_at) WHERE status <> 'PENDING';
CREATE INDEX drafts_intent_reviewed_idx ON drafts (intent, reviewed_at) WHERE review IN ('GOOD', 'BAD');
