-- Module: sla
-- Every version of the SLA configuration (calendars and policies) an ADMIN saved; the highest is in force, and with
-- none saved, the defaults shipped with Switchboard are (version 0).
CREATE TABLE sla_config_versions (
    version    integer     PRIMARY KEY,
    config     jsonb       NOT NULL,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL,
    summary    text        NOT NULL
);

-- Each conversation and thread the clocks know, with the policy it took and its most urgent due instant (what
-- the lists sort by). config_version behind the one in force means its open clocks are to be recomputed.
CREATE TABLE sla_subjects (
    subject_kind   text        NOT NULL CHECK (subject_kind IN ('CONVERSATION', 'THREAD')),
    subject_key    text        NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    state          text        NOT NULL CHECK (state IN ('OPEN', 'PAUSED', 'RESOLVED')),
    policy         text,
    config_version integer     NOT NULL,
    next_due_at    timestamptz,
    PRIMARY KEY (subject_kind, subject_key)
);
CREATE INDEX sla_subjects_due_idx ON sla_subjects (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX sla_subjects_stale_idx ON sla_subjects (config_version) WHERE state <> 'RESOLVED';

-- Conversations whose clocks are to be computed again: queued by the conversation model in its own transaction (one
-- statement a batch), taken by the clock worker after commit, so the model never waits for the clocks.
CREATE TABLE sla_pending (
    subject_kind text        NOT NULL,
    subject_key  text        NOT NULL,
    queued_at    timestamptz NOT NULL,
    PRIMARY KEY (subject_kind, subject_key)
);
CREATE INDEX sla_pending_queued_idx ON sla_pending (queued_at);

-- Every state a subject entered, as seen (pauses, resumes, resolutions, reopenings): the history the resolution
-- clock is computed from, kept as it happened.
CREATE TABLE sla_state_changes (
    subject_kind text        NOT NULL,
    subject_key  text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    state        text        NOT NULL CHECK (state IN ('OPEN', 'PAUSED', 'RESOLVED')),
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (subject_kind, subject_key, changed_at, state)
);

-- The clocks as last computed. warned_for and breached_for hold the instants already fired for, so a clock fires
-- once per due instant however many nodes watch it; next_fire_at is what the timers and the sweep look for.
-- A clock that was met late fires its breach when it is learned (events came late), unless it was due before
-- Switchboard first saw the subject (watched_since): old history is not news.
CREATE TABLE sla_clocks (
    id             uuid        PRIMARY KEY,
    subject_kind   text        NOT NULL,
    subject_key    text        NOT NULL,
    clock          text        NOT NULL CHECK (clock IN ('FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION')),
    instance       bigint      NOT NULL,
    state          text        NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'MET', 'STOPPED')),
    policy         text        NOT NULL,
    config_version integer     NOT NULL,
    target_seconds bigint      NOT NULL,
    business_hours boolean     NOT NULL,
    started_at     timestamptz NOT NULL,
    at_risk_at     timestamptz,
    due_at         timestamptz,
    ended_at       timestamptz,
    paused_since   timestamptz,
    remaining_seconds bigint,
    watched_since  timestamptz NOT NULL,
    warned_for     timestamptz,
    breached_for   timestamptz,
    next_fire_at   timestamptz GENERATED ALWAYS AS (
        CASE
            WHEN state IN ('RUNNING', 'PAUSED') THEN least(
                CASE WHEN state = 'RUNNING' AND warned_for IS DISTINCT FROM at_risk_at AND at_risk_at < due_at THEN at_risk_at END,
                CASE WHEN breached_for IS DISTINCT FROM due_at THEN due_at END)
            WHEN state = 'MET' AND ended_at > due_at AND due_at >= watched_since AND breached_for IS DISTINCT FROM due_at THEN due_at
        END) STORED,
    CONSTRAINT sla_clocks_instance_key UNIQUE (subject_kind, subject_key, clock, instance)
);
CREATE INDEX sla_clocks_next_fire_idx ON sla_clocks (next_fire_at) WHERE next_fire_at IS NOT NULL;
CREATE INDEX sla_clocks_due_idx ON sla_clocks (due_at);

-- What fired, kept as it was whatever later changes: each breach, and each at-risk warning before one, with the
-- policy and configuration version it was judged by. One row per clock, kind and due instant.
CREATE TABLE sla_breaches (
    id             uuid        PRIMARY KEY,
    clock_id       uuid        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('AT_RISK', 'BREACHED')),
    subject_kind   text        NOT NULL,
    subject_key    text        NOT NULL,
    clock          text        NOT NULL,
    due_at         timestamptz NOT NULL,
    fired_at       timestamptz NOT NULL,
    fired_by       text        NOT NULL,   -- the node whose timer or sweep fired it
    policy         text        NOT NULL,
    config_version integer     NOT NULL,
    CONSTRAINT sla_breaches_once UNIQUE (clock_id, kind, due_at)
);
CREATE INDEX sla_breaches_fired_idx ON sla_breaches (fired_at);
CREATE INDEX sla_breaches_subject_idx ON sla_breaches (subject_kind, subject_key, fired_at);

-- Published for the lists of conversations and threads, which sort by it: each subject's most urgent due instant.
CREATE VIEW sla_subject_due AS SELECT subject_kind, subject_key, next_due_at FROM sla_subjects;
