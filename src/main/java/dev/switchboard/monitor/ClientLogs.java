package dev.switchboard.monitor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.switchboard.web.RateLimits;
import dev.switchboard.web.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/client-logs}: the pages report their JavaScript errors here (anyone may, within a size
 * cap and a rate per address); admins read them. Reports are kept for the configured number of days. Any
 * token in a report is masked here, whoever sent it: the pages' script masks too, but anyone may post.
 */
@RestController
class ClientLogs {

    private static final Logger log = LoggerFactory.getLogger(ClientLogs.class);
    private static final String INSERT = """
            INSERT INTO client_logs (received_at, level, message, page, stack, user_agent, client)
            VALUES (:now, :level, :message, :page, :stack, :agent, :client)
            """;
    private static final String LIST = """
            SELECT received_at, level, message, page, stack, user_agent, client FROM client_logs
            ORDER BY id DESC LIMIT :limit
            """;
    private static final String DELETE_OLD = "DELETE FROM client_logs WHERE received_at < :cutoff";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClientLogProperties properties;
    private final RateLimits rate;

    ClientLogs(JdbcClient jdbc, Clock clock, ClientLogProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.rate = new RateLimits("client logs", properties.perMinute(), Duration.ofMinutes(1));
    }

    @PostMapping("/api/client-logs")
    ResponseEntity<Void> report(@Valid @RequestBody Report report, HttpServletRequest request) {
        rate.take(request);
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        jdbc.sql(INSERT).param("now", Timestamp.from(clock.instant())).param("level", report.level().name())
                .param("message", Secrets.maskTokens(report.message())).param("page", Secrets.maskTokens(report.page()))
                .param("stack", Secrets.maskTokens(report.stack()))
                .param("agent", agent == null ? null : Secrets.maskTokens(agent.substring(0, Math.min(300, agent.length()))))
                .param("client", request.getRemoteAddr()).update();
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/api/client-logs")
    List<StoredReport> recent(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return latest(limit);
    }

    List<StoredReport> latest(int limit) {
        return jdbc.sql(LIST).param("limit", limit).query((rs, n) -> new StoredReport(rs.getTimestamp("received_at").toInstant(),
                Level.valueOf(rs.getString("level")), rs.getString("message"), rs.getString("page"), rs.getString("stack"),
                rs.getString("user_agent"), rs.getString("client"))).list();
    }

    @Scheduled(fixedDelayString = "1h", initialDelayString = "10m")
    void deleteOld() {
        try {
            int deleted = jdbc.sql(DELETE_OLD).param("cutoff", Timestamp.from(clock.instant().minus(properties.retention()))).update();
            if (deleted > 0) {
                log.info("Deleted {} browser error reports older than {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.error("Could not delete old browser error reports; trying again in an hour", e);
        }
    }

    enum Level {
        ERROR, WARN, INFO
    }

    record Report(@NotNull Level level,
                  @NotBlank @Size(max = 2000) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String message,
                  @Size(max = 500) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String page,
                  @Size(max = 8000) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String stack) {
    }

    record StoredReport(Instant receivedAt, Level level, String message, String page, String stack, String userAgent,
                        String client) {
    }
}
