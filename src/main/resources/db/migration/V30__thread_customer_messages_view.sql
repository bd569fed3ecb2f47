-- Module: thread
-- What others may read of the customers' messages in threads (drafts: did the customer write again within a day?).
CREATE VIEW thread_customer_messages AS
SELECT thread_id, id AS message_id, created_at FROM thread_messages WHERE author_kind = 'CUSTOMER';
