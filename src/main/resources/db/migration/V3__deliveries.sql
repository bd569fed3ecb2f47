-- Destinations as configured on the nodes (synced at start); the trigger below reads them.
CREATE TABLE delivery_destinations (
    name           text        PRIMARY KEY,
    events         text[],                 -- NULL: every event
    active         boolean     NOT NULL,
    flagged_at     timestamptz,            -- the destination answered 410 Gone
    flagged_reason text,
    updated_at     timestamptz NOT NULL
);

-- Signing secrets Switchboard generated itself (AGENT_SDK_SECRET unset). A signing key must be
-- readable to sign with, so it cannot be stored as a hash like tokens are.
CREATE TABLE delivery_secrets (
    destination text        PRIMARY KEY,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- One event on its way to one destination. id is the webhook-id the destination sees, on every
-- attempt and every replay. A claimed delivery stays PENDING with next_attempt_at pushed to the end
-- of its lease, so a crashed node's work becomes due again by itself.
CREATE TABLE deliveries (
    id              uuid        PRIMARY KEY,
    event_id        uuid        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    destination     text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,  -- every attempt ever made
    step            integer     NOT NULL DEFAULT 0,  -- attempts in this run of the schedule; replay resets it
    next_attempt_at timestamptz NOT NULL,
    lease_owner     text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    last_error      text,
    replay_id       uuid,
    CONSTRAINT deliveries_event_destination_key UNIQUE (event_id, destination)
);

-- First attempts and retries are claimed from separate index ranges, so a backlog of retries never
-- starves fresh events.
CREATE INDEX deliveries_first_due_idx ON deliveries (destination, next_attempt_at) WHERE status = 'PENDING' AND step = 0;
CREATE INDEX deliveries_retry_due_idx ON deliveries (destination, next_attempt_at) WHERE status = 'PENDING' AND step > 0;
CREATE INDEX deliveries_dead_idx ON deliveries (dead_at) WHERE status = 'DEAD';
CREATE INDEX deliveries_replay_idx ON deliveries (replay_id) WHERE replay_id IS NOT NULL;
CREATE INDEX deliveries_event_idx ON deliveries (event_id);

CREATE TABLE delivery_attempts (
    delivery_id      uuid        NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    number           integer     NOT NULL,
    started_at       timestamptz NOT NULL,
    duration_ms      integer     NOT NULL,
    status_code      integer,
    error_class      text        NOT NULL,  -- 2xx 3xx 4xx 5xx timeout connect tls io
    response_excerpt text,
    PRIMARY KEY (delivery_id, number)
);
CREATE INDEX delivery_attempts_started_idx ON delivery_attempts (started_at);

-- RFC 9562 version 7: time-ordered, like the ids Switchboard makes in Java.
CREATE FUNCTION uuid_v7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
        52, 1), 53, 1), 'hex')::uuid
$$;

-- The outbox: the statement that stores events enqueues their deliveries, in the same transaction,
-- and wakes the workers of every node. Only rows really inserted (not ON CONFLICT duplicates) are in
-- new_events.
CREATE FUNCTION enqueue_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO deliveries (id, event_id, destination, status, next_attempt_at, created_at)
    SELECT uuid_v7(e.received_at), e.id, d.name, 'PENDING', e.received_at, e.received_at
    FROM new_events e
    JOIN delivery_destinations d ON d.active AND (d.events IS NULL OR e.event = ANY (d.events));
    IF FOUND THEN
        PERFORM pg_notify('switchboard_deliveries', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_enqueue_deliveries
    AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION enqueue_deliveries();
