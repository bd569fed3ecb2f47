package dev.switchboard.thread;

import static dev.switchboard.thread.ThreadStatus.CLOSED;
import static dev.switchboard.thread.ThreadStatus.OPEN;
import static dev.switchboard.thread.ThreadStatus.PENDING;
import static dev.switchboard.thread.ThreadStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThreadStatusTest {

    private static final Set<String> ALLOWED = Set.of("OPEN>PENDING", "PENDING>OPEN", "OPEN>RESOLVED", "PENDING>RESOLVED",
            "RESOLVED>CLOSED", "RESOLVED>OPEN", "CLOSED>OPEN");

    @Test
    void staff_may_make_exactly_the_listed_moves_and_no_other() {
        for (ThreadStatus from : ThreadStatus.values()) {
            for (ThreadStatus to : ThreadStatus.values()) {
                assertThat(from.staffMoves().contains(to)).as(from + " to " + to).isEqualTo(ALLOWED.contains(from + ">" + to));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"OPEN,OPEN", "PENDING,OPEN", "RESOLVED,OPEN"})
    void a_customer_reply_reopens_a_waiting_or_resolved_thread(ThreadStatus from, ThreadStatus to) {
        assertThat(from.afterCustomerReply()).isEqualTo(to);
    }

    @Test
    void a_closed_thread_takes_no_customer_reply() {
        assertThatThrownBy(CLOSED::afterCustomerReply).isInstanceOf(IllegalStateException.class);
        assertThat(PENDING.staffMoves()).doesNotContain(CLOSED);
        assertThat(OPEN.staffMoves()).doesNotContain(CLOSED);
        assertThat(RESOLVED.staffMoves()).contains(CLOSED);
    }
}
