package dev.switchboard.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exists only under the {@code bench} profile: the intake benchmark's "Spring endpoint that does
 * nothing", on the same server, security setup and metrics as the intake, reading the same body.
 */
@Profile("bench")
@RestController
class BenchNoopController {

    @PostMapping("/bench/noop")
    ResponseEntity<Void> noop(HttpServletRequest request) throws IOException {
        request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return ResponseEntity.ok().build();
    }
}
