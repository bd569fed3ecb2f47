-- Module: conversation
-- The read model of Chatwoot's conversations, built from stored events after commit. State moves forward by
-- Chatwoot's own clock (state_version is the conversation's updated_at), so a late, older event never
-- overwrites a newer state; messages are kept once each by their id, and the counts come from them.
CREATE TABLE conversations (
    account_id               bigint           NOT NULL,
    conversation_id          bigint           NOT NULL,   -- Chatwoot's display id
    inbox_id                 bigint,
    inbox_name               text,
    channel                  text,
    status                   text             NOT NULL CHECK (status IN ('OPEN', 'PENDING', 'SNOOZED', 'RESOLVED')),
    priority                 text,
    labels                   text[]           NOT NULL DEFAULT '{}',
    assignee_id              bigint,
    assignee_name            text,
    assignee_type            text,
    team_id                  bigint,
    team_name                text,
    contact_id               bigint,
    contact_name             text,
    contact_email            text,
    contact_phone            text,
    contact_attributes       jsonb            NOT NULL DEFAULT '{}',
    contact_version          double precision NOT NULL DEFAULT 0,
    created_at               timestamptz,
    waiting_since            timestamptz,
    first_reply_at           timestamptz,
    snoozed_until            timestamptz,
    last_activity_at         timestamptz,
    state_version            double precision NOT NULL,
    contact_messages         integer          NOT NULL DEFAULT 0,
    agent_messages           integer          NOT NULL DEFAULT 0,
    bot_messages             integer          NOT NULL DEFAULT 0,
    notes                    integer          NOT NULL DEFAULT 0,
    last_customer_message_at timestamptz,
    first_human_reply_at     timestamptz,
    last_human_reply_at      timestamptz,
    intent                   text,                         -- triage's latest confident intent
    escalated                boolean          NOT NULL DEFAULT false,
    vip                      boolean          NOT NULL DEFAULT false,
    first_event_at           timestamptz      NOT NULL,    -- when Switchboard received its first and last event of it
    last_event_at            timestamptz      NOT NULL,
    PRIMARY KEY (account_id, conversation_id)
);
CREATE INDEX conversations_waiting_idx ON conversations (waiting_since) WHERE status IN ('OPEN', 'PENDING');
CREATE INDEX conversations_recent_idx ON conversations (last_activity_at DESC);
CREATE INDEX conversations_contact_idx ON conversations (account_id, contact_id, created_at);

CREATE TABLE conversation_messages (
    account_id      bigint      NOT NULL,
    message_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    sender_kind     text        NOT NULL CHECK (sender_kind IN ('CONTACT', 'AGENT', 'BOT', 'NOTE')),
    sender_name     text,
    content         text,
    deleted         boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (account_id, message_id)
);
CREATE INDEX conversation_messages_conversation_idx ON conversation_messages (account_id, conversation_id, created_at);

-- Events the model could not take (a body it cannot read, a failure while applying): kept to be seen and
-- applied again by a rebuild, never silently dropped.
CREATE TABLE conversation_skipped_events (
    event_id   uuid        PRIMARY KEY,
    reason     text        NOT NULL,
    skipped_at timestamptz NOT NULL
);
