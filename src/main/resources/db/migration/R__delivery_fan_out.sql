-- Module: delivery
-- The delivery fan-out in force: the outbox trigger on events and the delivery-id derivation it uses.
-- V3, V5 and V7 defined earlier versions; a migration once applied cannot change, so their text stays
-- as history and this file is the one to read and edit. Flyway runs it after every versioned migration
-- whenever its text changes, so a column a versioned migration renames is followed here.
--
-- Why SQL and not Java: the deliveries are inserted by the very statement that stores the events, in
-- its transaction, so an acknowledged event always has its deliveries, with no second round trip and
-- no window in which a crash could keep one without the other.

-- A delivery's id: the event id with its last 16 bits XORed with the destination's ordinal. Unique per
-- (event, destination), as time-ordered as the event id, and derived the same way in Java
-- (DeliveryIds), so the node that stored an event knows its deliveries without reading them back.
CREATE OR REPLACE FUNCTION delivery_id(event_id uuid, ordinal integer) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(set_byte(set_byte(uuid_send(event_id), 14, get_byte(uuid_send(event_id), 14) # (ordinal >> 8)),
                           15, get_byte(uuid_send(event_id), 15) # (ordinal & 255)), 'hex')::uuid
$$;

-- One delivery per active destination subscribed to the event. An event stored by a node (stored_by)
-- gets its first attempts leased to that node, inserted as claimed (attempt 1, due again when the lease
-- ends), and the node starts them from memory; events written any other way (imports, tools) are left
-- for any node to claim, and only those wake the nodes. The NOTIFY names the storing connection's
-- application_name so a node can ignore its own. Only rows really inserted (not ON CONFLICT duplicates)
-- are in new_events.
CREATE OR REPLACE FUNCTION enqueue_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unleased integer;
BEGIN
    INSERT INTO deliveries (id, event_id, destination, status, attempts, step, next_attempt_at, lease_owner, created_at)
    SELECT delivery_id(e.id, d.ordinal), e.id, d.name, 'PENDING',
           CASE WHEN e.stored_by IS NULL THEN 0 ELSE 1 END,
           CASE WHEN e.stored_by IS NULL THEN 0 ELSE 1 END,
           CASE WHEN e.stored_by IS NULL THEN e.received_at ELSE e.received_at + d.lease END,
           e.stored_by, e.received_at
    FROM new_events e
    JOIN delivery_destinations d ON d.active AND (d.events IS NULL OR e.event_type = ANY (d.events));
    IF FOUND THEN
        SELECT count(*) INTO unleased FROM new_events WHERE stored_by IS NULL;
        IF unleased > 0 THEN
            PERFORM pg_notify('switchboard_deliveries', current_setting('application_name'));
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER events_enqueue_deliveries
    AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION enqueue_deliveries();
