package dev.switchboard.conversation;

import java.util.List;

/**
 * Messages from customers the model had not seen, in the order received, published inside the transaction
 * that adds them (once per message, however many events carry it; never during a rebuild). A listener that
 * writes in that transaction commits or rolls back with them; it should write a batch in a statement or two.
 */
public record CustomerMessagesArrived(List<CustomerMessageArrived> messages) {
}
