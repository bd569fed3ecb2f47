-- Module: monitor
-- Alerts: one row from the moment a rule fires until its condition clears, with the reading that fired it and the
-- last one seen. At most one alert per rule is not yet resolved.
CREATE TABLE alerts (
    id                uuid             PRIMARY KEY,
    rule              text             NOT NULL,
    severity          text             NOT NULL CHECK (severity IN ('P0', 'P1', 'P2')),
    title             text             NOT NULL,
    state             text             NOT NULL CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at         timestamptz      NOT NULL,
    opened_value      double precision,
    opened_detail     text             NOT NULL,
    last_value        double precision,
    last_detail       text             NOT NULL,
    last_evaluated_at timestamptz      NOT NULL,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    resolved_at       timestamptz,
    escalation_level  integer          NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alerts_one_active_per_rule ON alerts (rule) WHERE state <> 'RESOLVED';
CREATE INDEX alerts_opened_idx ON alerts (opened_at DESC);

-- What happened to each alert, and whom it was told to.
CREATE TABLE alert_history (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id uuid        NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at       timestamptz NOT NULL,
    what     text        NOT NULL CHECK (what IN ('OPENED', 'ESCALATED', 'ACKNOWLEDGED', 'RESOLVED', 'NOTIFIED')),
    detail   text        NOT NULL
);
CREATE INDEX alert_history_alert_idx ON alert_history (alert_id, id);

-- Alert webhooks on their way, the delivery queue's shape (lease by next_attempt_at, backoff, dead, replay). The
-- webhook's address and secret stay in the configuration; only its name is stored.
CREATE TABLE alert_notifications (
    id              uuid        PRIMARY KEY,
    alert_id        uuid        NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    webhook         text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner     text,
    last_error      text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    dead_at         timestamptz
);
CREATE INDEX alert_notifications_due_idx ON alert_notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX alert_notifications_alert_idx ON alert_notifications (alert_id);
