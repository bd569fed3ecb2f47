-- Module: inbound
-- Events Switchboard raises itself (a draft decided) travel to the destinations the same way as Chatwoot's:
-- stored here, fanned out by the same trigger, signed and retried by the same workers. No Chatwoot signature
-- covers them, which the signature column says.
ALTER TABLE events DROP CONSTRAINT events_signature_check;
ALTER TABLE events ADD CONSTRAINT events_signature_check CHECK (signature IN ('verified', 'unchecked', 'invalid', 'internal'));
