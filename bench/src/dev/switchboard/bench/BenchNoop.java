package dev.switchboard.bench;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake benchmark's "Spring endpoint that does nothing": on the same server, security setup and
 * metrics as the intake, reading the same body, and skipping the security filter chain as the intake
 * does, so the two compare fairly. Not part of the product: bench/intake.sh compiles it and puts it beside
 * the jar ({@code loader.path}), under the {@code bench} profile.
 */
@Profile("bench")
@RestController
class BenchNoop {

    @PostMapping("/bench/noop")
    ResponseEntity<Void> noop(HttpServletRequest request) throws IOException {
        request.getInputStream().transferTo(OutputStream.nullOutputStream());
        return ResponseEntity.ok().build();
    }

    @Bean
    WebSecurityCustomizer benchNoopOutsideTheFilterChain() {
        return web -> web.ignoring().requestMatchers(HttpMethod.POST, "/bench/noop");
    }
}
