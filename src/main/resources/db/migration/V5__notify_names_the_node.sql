-- The NOTIFY carries the application_name of the connection that stored the events, so the node that
-- stored them (already woken in-process) can ignore its own notification instead of claiming twice.
CREATE OR REPLACE FUNCTION enqueue_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO deliveries (id, event_id, destination, status, next_attempt_at, created_at)
    SELECT uuid_v7(e.received_at), e.id, d.name, 'PENDING', e.received_at, e.received_at
    FROM new_events e
    JOIN delivery_destinations d ON d.active AND (d.events IS NULL OR e.event = ANY (d.events));
    IF FOUND THEN
        PERFORM pg_notify('switchboard_deliveries', current_setting('application_name'));
    END IF;
    RETURN NULL;
END
$$;
