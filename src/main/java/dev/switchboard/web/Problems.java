package dev.switchboard.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem documents from filters, where no controller advice reaches. */
final class Problems {

    /** Under these, every answer is a problem document, whoever gives it. */
    private static final List<String> API_PREFIXES = List.of("/api/", "/actuator/");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** @param path a request's path without the context path (raw or decoded alike) */
    static boolean isApi(String path) {
        return path != null && API_PREFIXES.stream().anyMatch(path::startsWith);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
                      String detail) throws IOException {
        write(request.getRequestURI(), response, status, slug, detail);
    }

    /** @param instance the address the problem is about */
    static void write(String instance, HttpServletResponse response, HttpStatus status, String slug, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        }
        response.getOutputStream().write(json(instance, status, slug, detail).getBytes(StandardCharsets.UTF_8));
    }

    static String json(String instance, HttpStatus status, String slug, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create("urn:switchboard:problem:" + slug).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        return JSON.writeValueAsString(problem);
    }
}
