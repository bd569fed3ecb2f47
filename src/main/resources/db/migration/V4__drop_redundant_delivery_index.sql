-- deliveries_event_destination_key (event_id, destination) already serves lookups by event_id; one
-- index less to maintain on every claim and every result, which both change indexed columns.
DROP INDEX deliveries_event_idx;
