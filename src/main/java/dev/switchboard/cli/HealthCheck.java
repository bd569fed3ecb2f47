package dev.switchboard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A run of HTTP checks that ends in an exit code and a JSON report a monitor can keep. */
final class HealthCheck {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Map<String, Object>> checks = new ArrayList<>();
    private final String subject;

    HealthCheck(String subject) {
        this.subject = subject;
    }

    /** GETs the URL; passes when the status is 2xx and the body satisfies {@code expected}. */
    boolean check(String name, URI url, Map<String, String> headers, Predicate<String> expected, String expectation) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", name);
        check.put("url", url.toString());
        long started = System.nanoTime();
        boolean ok;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            check.put("status", response.statusCode());
            ok = response.statusCode() / 100 == 2 && expected.test(response.body());
            if (!ok) {
                check.put("detail", "expected " + expectation + ", got " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(200, response.body().length())));
            }
        } catch (IOException e) {
            ok = false;
            check.put("detail", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
            check.put("detail", "interrupted");
        }
        check.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        check.put("ok", ok);
        checks.add(check);
        return ok;
    }

    /** A check that could not run: it neither passes nor fails the run, and the report says why. */
    void skipped(String name, String why) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", name);
        check.put("skipped", true);
        check.put("detail", why);
        checks.add(check);
    }

    /** @return 0 when every check that ran passed, 1 otherwise (skipped checks count neither way) */
    int finish(Path report, PrintStream out) {
        boolean ok = checks.stream().filter(c -> !isSkipped(c)).allMatch(c -> Boolean.TRUE.equals(c.get("ok")));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subject", subject);
        result.put("ok", ok);
        result.put("checkedAt", Instant.now().toString());
        result.put("skipped", checks.stream().filter(HealthCheck::isSkipped).map(c -> c.get("name")).toList());
        result.put("checks", checks);
        for (Map<String, Object> c : checks) {
            out.printf("%-4s %-22s %s%n", isSkipped(c) ? "skip" : Boolean.TRUE.equals(c.get("ok")) ? "ok" : "FAIL", c.get("name"),
                    c.getOrDefault("detail", c.getOrDefault("status", "")));
        }
        try {
            Files.writeString(report, ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            out.println("Report: " + report.toAbsolutePath());
        } catch (IOException e) {
            out.println("Could not write the report " + report + ": " + e.getMessage());
            return 1;
        }
        return ok ? 0 : 1;
    }

    private static boolean isSkipped(Map<String, Object> check) {
        return Boolean.TRUE.equals(check.get("skipped"));
    }
}
