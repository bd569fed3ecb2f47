-- JavaScript errors reported by the pages, for admins to read; kept a limited number of days.
CREATE TABLE client_logs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL,
    level       text        NOT NULL CHECK (level IN ('ERROR', 'WARN', 'INFO')),
    message     text        NOT NULL,
    page        text,
    stack       text,
    user_agent  text,
    client      text        -- the client address, for spotting a flood
);
CREATE INDEX client_logs_received_idx ON client_logs (received_at);
