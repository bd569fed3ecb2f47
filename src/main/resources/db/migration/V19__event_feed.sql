-- Module: inbound
-- The event log as features inside Switchboard follow it (the conversation read model first). The statement
-- that stores events also queues them, in its own transaction, for every subscriber: a subscriber never
-- misses an acknowledged event and never holds up the intake, and works through its queue after commit.
CREATE TABLE event_subscribers (
    name       text        PRIMARY KEY,
    created_at timestamptz NOT NULL
);

CREATE TABLE event_feed (
    subscriber  text        NOT NULL,
    event_id    uuid        NOT NULL,
    received_at timestamptz NOT NULL,
    queued_at   timestamptz NOT NULL DEFAULT clock_timestamp(),  -- in the storing statement: when the event committed, give or take its statement
    PRIMARY KEY (subscriber, event_id)
);
CREATE INDEX event_feed_order_idx ON event_feed (subscriber, received_at);

CREATE FUNCTION feed_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_feed (subscriber, event_id, received_at)
    SELECT s.name, e.id, e.received_at FROM new_events e CROSS JOIN event_subscribers s;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_feed
    AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION feed_events();
