package dev.switchboard.thread;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.web.RateLimits;
import org.springframework.stereotype.Component;

/** New queries one client address may raise per hour, counted alike through the portal page and the API. */
@Component
class RaiseLimit {

    private final RateLimits raising;

    RaiseLimit(ThreadProperties properties) {
        this.raising = new RateLimits("raised queries", properties.raisePerHour(), Duration.ofHours(1));
    }

    void take(HttpServletRequest request) {
        raising.take(request);
    }
}
