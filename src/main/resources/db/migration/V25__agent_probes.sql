-- Module: monitor
-- The AI agent's health as probed (GET its health endpoint), one node per interval: the agent-down alert counts the
-- failures in a row since the last good probe. Kept a week.
CREATE TABLE agent_probes (
    id         uuid        PRIMARY KEY,
    checked_at timestamptz NOT NULL,
    online     boolean     NOT NULL,
    detail     text        NOT NULL,
    node       text        NOT NULL
);
CREATE INDEX agent_probes_checked_idx ON agent_probes (checked_at);
