-- Module: chatwoot
-- One change Switchboard makes in Chatwoot (labels, a note, a reply, priority, status, assignment), written
-- in the transaction that decided it and carried out by the action workers after commit: claimed with a
-- lease, tried with backoff, DEAD on a refusal or when attempts run out, replayable like a delivery.
CREATE TABLE chatwoot_actions (
    id              uuid        PRIMARY KEY,
    seq             bigint      GENERATED ALWAYS AS IDENTITY, -- enqueue order: a conversation's actions go in the order decided
    account_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,                 -- Chatwoot's display id, as in its API paths
    kind            text        NOT NULL,
    payload         jsonb       NOT NULL,
    reason          text        NOT NULL,                 -- why, in words a person reads on the conversation
    origin          text        NOT NULL,                 -- the feature that decided it (triage, a person, ...)
    idempotency_key text        UNIQUE,                   -- the same decision taken twice enqueues one action
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DONE', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    step            integer     NOT NULL DEFAULT 0,       -- attempts in this run of the schedule; replay resets it
    next_attempt_at timestamptz NOT NULL,
    lease_owner     text,
    last_error      text,
    last_status     integer,                              -- Chatwoot's HTTP status on the last attempt
    result          text,                                 -- what the last successful attempt did ("labels already there")
    created_at      timestamptz NOT NULL,
    done_at         timestamptz,
    dead_at         timestamptz
);
CREATE INDEX chatwoot_actions_due_idx ON chatwoot_actions (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX chatwoot_actions_conversation_idx ON chatwoot_actions (account_id, conversation_id, created_at);
CREATE INDEX chatwoot_actions_dead_idx ON chatwoot_actions (dead_at) WHERE status = 'DEAD';

-- Every probe of Chatwoot's /health and /api, from whichever node made it; kept a week. Whether Chatwoot is
-- online, and since when, is read from these rows, so every node and every restart agrees.
CREATE TABLE chatwoot_probes (
    id         uuid        PRIMARY KEY,
    checked_at timestamptz NOT NULL,
    online     boolean     NOT NULL,
    health     text        NOT NULL,                      -- what /health answered, in a few words
    services   text        NOT NULL,                      -- what /api answered
    node       text        NOT NULL
);
CREATE INDEX chatwoot_probes_checked_idx ON chatwoot_probes (checked_at);
