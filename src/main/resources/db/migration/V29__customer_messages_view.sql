-- Module: conversation
-- What others may read of the customers' messages (drafts: did the customer write again within a day of a reply?).
CREATE VIEW customer_messages AS
SELECT account_id, conversation_id, message_id, created_at FROM conversation_messages WHERE sender_kind = 'CONTACT';
