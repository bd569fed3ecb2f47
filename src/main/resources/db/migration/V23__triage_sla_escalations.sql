-- Module: triage
-- SLA warnings and breaches as escalation reasons of a conversation: one row per clock, kind and due instant, with
-- the words a person reads on the conversation's page.
CREATE TABLE triage_sla_escalations (
    id              uuid        PRIMARY KEY,
    account_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    reason          text        NOT NULL CHECK (reason IN ('sla at risk', 'sla breached')),
    clock           text        NOT NULL,
    due_at          timestamptz NOT NULL,
    evidence        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT triage_sla_escalations_once UNIQUE (account_id, conversation_id, reason, clock, due_at)
);
CREATE INDEX triage_sla_escalations_conversation_idx ON triage_sla_escalations (account_id, conversation_id, created_at);
