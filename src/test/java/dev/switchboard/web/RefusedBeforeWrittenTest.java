package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.switchboard.account.Users;
import dev.switchboard.account.ApiTokens;
import dev.switchboard.settings.Settings;
import dev.switchboard.settings.SystemSettings;
import dev.switchboard.support.FormLogin;
import dev.switchboard.support.HttpTestClient;
import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A request that will be refused is refused before anything is written. Here: an {@code Accept} header
 * the endpoint cannot answer, which used to be found out only when the answer was written, after the
 * work (a query stored and its emails queued, a reply posted), so the caller was told it failed.
 */
@IntegrationTest
class RefusedBeforeWrittenTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String QUERY = """
            {"queryType":"Billing","priority":"HIGH","subject":"Invoice","message":"Hello","name":"Ana","email":"ana@example.com"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Users users;
    @Autowired
    SystemSettings settings;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    HttpTestClient http;
    String admin;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        admin = tokens.issue("refusals", Role.ADMIN, "test").token();
        settings.update(new Settings("support@example.com", null, null, false, List.of("Billing")), "test");
        http.get("/api/support/health", admin);
    }

    @Test
    void every_endpoint_that_writes_refuses_an_answer_it_cannot_give_before_it_runs() throws Exception {
        users.create("negotiator", PASSWORD, Role.ADMIN, null);
        HttpClient browser = FormLogin.browser();
        FormLogin.logIn(browser, http.base(), "negotiator", PASSWORD);
        String csrf = FormLogin.csrfOf(browser.send(HttpRequest.newBuilder(URI.create(http.base() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> checked = new ArrayList<>();
        String before = everyRow();

        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (handler.getMethod().getReturnType() == void.class) {
                return;
            }
            for (RequestMethod method : methods) {
                if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.OPTIONS) {
                    continue;
                }
                for (String pattern : info.getPatternValues()) {
                    String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    boolean api = path.startsWith("/api/");
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                            .method(method.name(), HttpRequest.BodyPublishers.ofString(api ? "{}" : ""))
                            .header("Accept", "text/csv")
                            .header("Content-Type", api ? "application/json" : "application/x-www-form-urlencoded");
                    if (api) {
                        request.header("Authorization", "Bearer " + admin);
                    } else {
                        request.header("X-CSRF-TOKEN", csrf);
                    }
                    HttpResponse<String> response = send(api ? HttpClient.newHttpClient() : browser, request);
                    assertThat(response.statusCode()).as(method + " " + pattern + ": " + response.body()).isEqualTo(406);
                    checked.add(method + " " + pattern);
                }
            }
        });

        assertThat(checked).contains("POST /api/support/public/threads", "POST /api/support/public/links/{token}/messages",
                "POST /api/support/threads/{id}/messages", "PUT /api/settings", "POST /api/users", "POST /api/client-logs",
                "POST /portal", "POST /inbox/threads/{id}/messages", "POST /users", "POST /settings");
        assertThat(everyRow()).isEqualTo(before);
    }

    @Test
    void a_query_raised_asking_for_an_answer_the_api_cannot_give_is_not_stored() {
        long threads = count("threads");
        long emails = count("emails");

        var refused = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/support/public/threads"))
                .header("Content-Type", "application/json").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)));

        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(count("threads")).isEqualTo(threads);
        assertThat(count("emails")).isEqualTo(emails);
        var accepted = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/support/public/threads"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/csv;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(count("threads")).isEqualTo(threads + 1);
    }

    @Test
    void a_reply_by_link_asking_for_an_answer_the_api_cannot_give_is_not_posted() {
        String link = http.postJson("/api/support/public/threads", null, QUERY).json().path("linkToken").asString();
        long messages = count("thread_messages");
        URI replies = URI.create(http.base() + "/api/support/public/links/" + link + "/messages");

        var refused = http.send(HttpRequest.newBuilder(replies).header("Content-Type", "application/json")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Any news?\"}")));

        assertThat(refused.status()).isEqualTo(406);
        assertThat(count("thread_messages")).isEqualTo(messages);
        assertThat(http.postJson("/api/support/public/links/" + link + "/messages", null, "{\"body\":\"Any news?\"}").status())
                .isEqualTo(201);
        assertThat(count("thread_messages")).isEqualTo(messages + 1);
    }

    @Test
    void an_error_inside_a_handler_is_still_a_problem_document() {
        var response = http.postJson("/api/support/threads/" + UUID.randomUUID() + "/messages", admin,
                "{\"visibility\":\"INTERNAL\",\"body\":\"x\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every table, as text: the same before and after means nothing was written. */
    private String everyRow() {
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
                ORDER BY table_name""").query(String.class).list();
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            all.append(table).append('=').append(jdbc.sql("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                    + table + " t").query(String.class).single()).append('\n');
        }
        return all.toString();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
