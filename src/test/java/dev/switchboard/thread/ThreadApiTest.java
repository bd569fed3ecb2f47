package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.switchboard.support.IntegrationTest;
import dev.switchboard.web.Role;
import dev.switchboard.web.Secrets;
import dev.switchboard.account.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ThreadApiTest extends ThreadTestSupport {

    @Autowired
    Threads threads;
    @Autowired
    Users users;

    @Test
    void a_raised_query_is_an_open_thread_in_the_inbox_with_its_first_message_and_a_reply_link() {
        Raised raised = raise("Invoice wrong", "My invoice is wrong");

        var list = http.get("/api/support/threads?tab=OPEN", agent).json();
        assertThat(raised.code()).matches("SB-[2-9A-HJ-KM-NP-Z]{4}");
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("counts").path("OPEN").asLong()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("code").asString()).isEqualTo(raised.code());
        var detail = thread(raised.id());
        assertThat(detail.path("thread").path("status").asString()).isEqualTo("OPEN");
        assertThat(detail.path("messages").get(0).path("body").asString()).isEqualTo("My invoice is wrong");
        assertThat(detail.path("allowedMoves").toString()).isEqualTo("[\"PENDING\",\"RESOLVED\"]");
        assertThat(raised.link()).startsWith("cl_");
        assertThat(jdbc.sql("SELECT token_hash FROM customer_links WHERE thread_id = :id").param("id", raised.id())
                .query(byte[].class).single()).as("only the hash is stored").isEqualTo(Secrets.sha256(raised.link()));
    }

    @ParameterizedTest
    @CsvSource({"OPEN,PENDING", "OPEN,RESOLVED", "PENDING,OPEN", "PENDING,RESOLVED", "RESOLVED,CLOSED", "RESOLVED,OPEN",
            "CLOSED,OPEN"})
    void staff_make_an_allowed_move_and_it_is_recorded(String from, String to) {
        Raised raised = raise("Move", "please");
        bringTo(raised, from);

        var response = move(raised.id(), to);

        assertThat(response.status()).isEqualTo(200);
        assertThat(status(raised.id())).isEqualTo(to);
        var last = thread(raised.id()).path("changes");
        assertThat(last.get(last.size() - 1).path("oldValue").asString()).isEqualTo(from);
        assertThat(last.get(last.size() - 1).path("newValue").asString()).isEqualTo(to);
        assertThat(last.get(last.size() - 1).path("changedBy").asString()).isEqualTo("token:agent");
    }

    @ParameterizedTest
    @CsvSource({"OPEN,OPEN", "OPEN,CLOSED", "PENDING,PENDING", "PENDING,CLOSED", "RESOLVED,RESOLVED", "RESOLVED,PENDING",
            "CLOSED,CLOSED", "CLOSED,PENDING", "CLOSED,RESOLVED"})
    void a_forbidden_move_is_a_409_problem_and_changes_nothing(String from, String to) {
        Raised raised = raise("Move", "please");
        bringTo(raised, from);
        long changes = count("thread_changes");

        var response = move(raised.id(), to);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains(from).contains(to);
        assertThat(status(raised.id())).isEqualTo(from);
        assertThat(count("thread_changes")).isEqualTo(changes);
    }

    @ParameterizedTest
    @CsvSource({"PENDING", "RESOLVED", "OPEN"})
    void a_customer_reply_moves_the_thread_back_to_open(String from) {
        Raised raised = raise("Reply", "first");
        bringTo(raised, from);

        var response = http.postJson("/api/support/public/links/" + raised.link() + "/messages", null, "{\"body\":\"still broken\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(status(raised.id())).isEqualTo("OPEN");
    }

    @Test
    void a_closed_thread_refuses_customer_replies_and_external_staff_replies_but_takes_notes() {
        Raised raised = raise("Closed", "first");
        bringTo(raised, "CLOSED");

        assertThat(http.postJson("/api/support/public/links/" + raised.link() + "/messages", null, "{\"body\":\"hello?\"}").status())
                .isEqualTo(409);
        assertThat(post(raised.id(), "EXTERNAL", "answer").status()).isEqualTo(409);
        assertThat(post(raised.id(), "INTERNAL", "note").status()).isEqualTo(201);
        assertThat(http.get("/api/support/public/links/" + raised.link(), null).json().path("canReply").asBoolean()).isFalse();
    }

    @Test
    void notes_never_reach_the_customer_by_link_by_email_or_public_api() {
        Raised raised = raise("Notes", "first");
        post(raised.id(), "INTERNAL", "NOTE-7391 customer seems upset");
        post(raised.id(), "EXTERNAL", "We are on it");

        var view = http.get("/api/support/public/links/" + raised.link(), null);
        var reply = http.postJson("/api/support/public/links/" + raised.link() + "/messages", null, "{\"body\":\"thanks\"}");

        assertThat(view.body()).contains("We are on it").doesNotContain("NOTE-7391");
        assertThat(reply.body()).doesNotContain("NOTE-7391");
        assertThat(jdbc.sql("SELECT text_body || html_body FROM emails").query(String.class).list())
                .isNotEmpty().noneMatch(body -> body.contains("NOTE-7391"));
        assertThat(http.get("/api/support/public/config", null).body()).doesNotContain("NOTE-7391");
        assertThat(thread(raised.id()).toString()).as("staff see it").contains("NOTE-7391");
    }

    @Test
    void the_first_external_staff_reply_sets_the_first_response_time_and_a_note_does_not() {
        Raised raised = raise("First response", "hello");
        post(raised.id(), "INTERNAL", "looking");
        assertThat(thread(raised.id()).path("thread").path("firstResponseAt").isNull()).isTrue();

        post(raised.id(), "EXTERNAL", "Hello Ana");

        assertThat(thread(raised.id()).path("thread").path("firstResponseAt").asString()).isEqualTo("2026-07-20T10:00:00Z");
    }

    @Test
    void links_expire_and_can_be_revoked_and_each_use_is_counted() {
        Raised raised = raise("Links", "hello");
        var created = http.postJson("/api/support/threads/" + raised.id() + "/links", agent, "{\"permission\":\"VIEW\",\"validDays\":1}");
        String viewOnly = created.json().path("token").asString();

        assertThat(http.get("/api/support/public/links/" + viewOnly, null).status()).isEqualTo(200);
        assertThat(http.postJson("/api/support/public/links/" + viewOnly + "/messages", null, "{\"body\":\"hi\"}").status())
                .as("a view link does not reply").isEqualTo(403);
        var listed = http.get("/api/support/threads/" + raised.id() + "/links", agent);
        assertThat(listed.body()).doesNotContain(viewOnly).doesNotContain(raised.link());
        String viewOnlyId = created.json().path("id").asString();
        for (var link : listed.json()) {
            if (link.path("id").asString().equals(viewOnlyId)) {
                assertThat(link.path("useCount").asInt()).isEqualTo(2);
                assertThat(link.path("state").asString()).isEqualTo("ACTIVE");
            }
        }

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        var expired = http.get("/api/support/public/links/" + viewOnly, null);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().path("detail").asString()).contains("expired");

        String linkId = http.get("/api/support/threads/" + raised.id() + "/links", agent).json().findValues("id").stream()
                .map(n -> n.asString()).filter(id -> !id.equals(created.json().path("id").asString())).findFirst().orElseThrow();
        assertThat(http.delete("/api/support/threads/" + raised.id() + "/links/" + linkId, agent).status()).isEqualTo(204);
        var revoked = http.get("/api/support/public/links/" + raised.link(), null);
        assertThat(revoked.status()).isEqualTo(410);
        assertThat(revoked.json().path("detail").asString()).contains("withdrawn");
        assertThat(http.get("/api/support/public/links/cl_unknownTokenThatWasNeverIssued0000000000000", null).status()).isEqualTo(404);
    }

    @Test
    void assignment_takes_an_active_staff_member_and_priority_changes_are_recorded() {
        Raised raised = raise("Assign", "hello");

        users.create("thread-viewer", "a long enough secret", Role.VIEWER, null);
        var unknown = http.putJson("/api/support/threads/" + raised.id() + "/assignee", agent, "{\"assignee\":\"nobody\"}");
        var viewerOnly = http.putJson("/api/support/threads/" + raised.id() + "/assignee", agent, "{\"assignee\":\"thread-viewer\"}");
        var admin = http.putJson("/api/support/threads/" + raised.id() + "/assignee", agent, "{\"assignee\":\"admin\"}");
        var priority = http.putJson("/api/support/threads/" + raised.id() + "/priority", agent, "{\"priority\":\"URGENT\"}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("assignee");
        assertThat(viewerOnly.status()).isEqualTo(400);
        assertThat(viewerOnly.json().path("errors").get(0).path("message").asString()).contains("VIEWER");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(priority.json().path("thread").path("priority").asString()).isEqualTo("URGENT");
        assertThat(thread(raised.id()).path("changes").findValuesAsString("field")).contains("assignee", "priority");
        assertThat(http.get("/api/support/threads?assignee=admin", agent).json().path("total").asLong()).isEqualTo(1);
        assertThat(http.get("/api/support/threads?assignee=none", agent).json().path("total").asLong()).isZero();
    }

    @Test
    void the_inbox_searches_filters_pages_and_counts_per_tab() {
        for (int i = 0; i < 7; i++) {
            raise("Question " + i, i == 3 ? "the flux capacitor broke" : "ordinary");
            clock.advance(Duration.ofMinutes(1));
        }
        Raised resolved = raise("Done already", "ordinary");
        bringTo(resolved, "RESOLVED");

        var page = http.get("/api/support/threads?tab=ALL&size=3&page=1&sort=OLDEST", agent).json();
        var search = http.get("/api/support/threads?q=capacitor", agent).json();
        var wildcard = http.get("/api/support/threads?q=%25", agent).json();

        assertThat(page.path("items").size()).isEqualTo(3);
        assertThat(page.path("total").asLong()).isEqualTo(8);
        assertThat(page.path("items").get(0).path("subject").asString()).isEqualTo("Question 3");
        assertThat(page.path("counts").path("OPEN").asLong()).isEqualTo(7);
        assertThat(page.path("counts").path("RESOLVED").asLong()).isEqualTo(1);
        assertThat(search.path("items").findValuesAsString("subject")).containsExactly("Question 3");
        assertThat(wildcard.path("total").asLong()).as("% is searched for, not a wildcard").isZero();
        assertThat(http.get("/api/support/threads?priority=HIGH&type=Billing", agent).json().path("total").asLong()).isEqualTo(8);
        assertThat(http.get("/api/support/threads?priority=LOW", agent).json().path("total").asLong()).isZero();
        assertThat(http.get("/api/support/threads?type=Technical%20problem", agent).json().path("total").asLong()).isZero();
    }

    @Test
    void resolved_threads_close_by_themselves_after_the_configured_days() {
        Raised quiet = raise("Quiet", "hello");
        Raised recent = raise("Recent", "hello");
        bringTo(quiet, "RESOLVED");
        clock.advance(Duration.ofDays(6));
        bringTo(recent, "RESOLVED");
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        int closed = threads.closeResolvedOlderThan(Duration.ofDays(7));

        assertThat(closed).isEqualTo(1);
        assertThat(status(quiet.id())).isEqualTo("CLOSED");
        assertThat(status(recent.id())).isEqualTo("RESOLVED");
        assertThat(thread(quiet.id()).path("changes").findValuesAsString("changedBy")).contains("system");
    }

    @Test
    void the_whatsapp_link_carries_the_code_and_reference_and_is_absent_without_a_number_or_bubble() {
        Raised raised = raise("WhatsApp", "hello");

        String link = thread(raised.id()).path("whatsappLink").asString();
        assertThat(link).startsWith("https://wa.me/447700900123?text=").contains(raised.code()).contains("ORD-42");
        settings.update(new dev.switchboard.settings.Settings("support@example.com", "447700900123", null, false,
                List.of("Billing")), "test");
        assertThat(thread(raised.id()).path("whatsappLink").isNull()).isTrue();
        assertThat(http.get("/api/support/public/config", null).json().path("whatsappBubble").asBoolean()).isFalse();
    }

    @Test
    void without_smtp_emails_wait_in_the_outbox_and_health_says_so() {
        raise("No SMTP", "hello");

        var health = http.get("/api/support/health", viewer).json();

        assertThat(health.path("emails").path("pending").asLong()).isEqualTo(2);
        assertThat(health.path("emails").path("smtpConfigured").asBoolean()).isFalse();
        assertThat(health.path("alerts").toString()).contains("2 emails are waiting");
        assertThat(jdbc.sql("SELECT DISTINCT status FROM emails").query(String.class).list()).containsExactly("PENDING");
        assertThat(http.get("/actuator/prometheus", viewer).body())
                .contains("switchboard_emails_pending").contains("switchboard_emails_oldest_pending_age_seconds");
    }

    @Test
    void a_link_token_never_appears_in_the_log(CapturedOutput output) {
        Raised raised = raise("Logs", "hello");
        http.get("/api/support/public/links/" + raised.link(), null);
        http.postJson("/api/support/public/links/" + raised.link() + "/messages", null, "{\"body\":\"hi\"}");
        String revokedId = jdbc.sql("SELECT id::text FROM customer_links WHERE thread_id = :id").param("id", raised.id())
                .query(String.class).single();
        http.delete("/api/support/threads/" + raised.id() + "/links/" + revokedId, agent);
        http.get("/api/support/public/links/" + raised.link(), null);

        assertThat(output.getAll()).doesNotContain(raised.link()).doesNotContain(raised.link().substring(3));
    }

    @Test
    void the_api_is_described_by_an_openapi_document() {
        var document = http.get("/api/openapi", null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("openapi").asString()).startsWith("3.");
        assertThat(document.json().path("paths").propertyNames()).contains("/api/support/threads",
                "/api/support/threads/{id}/status", "/api/support/public/threads", "/api/support/public/links/{token}",
                "/api/settings", "/api/client-logs");
    }

    private void bringTo(Raised raised, String status) {
        List<String> path = switch (status) {
            case "OPEN" -> List.of();
            case "PENDING" -> List.of("PENDING");
            case "RESOLVED" -> List.of("RESOLVED");
            case "CLOSED" -> List.of("RESOLVED", "CLOSED");
            default -> throw new IllegalArgumentException(status);
        };
        for (String step : path) {
            assertThat(move(raised.id(), step).status()).isEqualTo(200);
        }
    }
}
