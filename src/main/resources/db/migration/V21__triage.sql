-- Module: triage
-- Every version of the triage rules an ADMIN saved, kept: the audit of who changed what and when. The
-- highest version is in force; with none saved, the defaults shipped with Switchboard are.
CREATE TABLE triage_rule_versions (
    version    integer     PRIMARY KEY,
    rules      jsonb       NOT NULL,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL,
    summary    text        NOT NULL
);

-- One classification per customer message, with its evidence: what triage decided and why.
CREATE TABLE triage_results (
    id              uuid             PRIMARY KEY,
    account_id      bigint           NOT NULL,
    conversation_id bigint           NOT NULL,
    message_id      bigint           NOT NULL,
    intent          text             NOT NULL,
    score           double precision NOT NULL,
    confident       boolean          NOT NULL,
    evidence        jsonb            NOT NULL,  -- ["keyword \"refund\"", …]
    escalations     jsonb            NOT NULL,  -- [{"reason": "angry", "evidence": "…"}, …]
    rules_version   integer          NOT NULL,
    created_at      timestamptz      NOT NULL,
    CONSTRAINT triage_results_message_key UNIQUE (account_id, message_id)
);
CREATE INDEX triage_results_conversation_idx ON triage_results (account_id, conversation_id, created_at);
