package dev.switchboard.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves; shared by everything in the application context. */
public final class MutableClock extends Clock {

    private volatile Instant now;
    /** while ticking: the offset from the system clock */
    private volatile Duration ticking;

    public MutableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        this.ticking = null;
        this.now = instant;
    }

    public void advance(Duration duration) {
        this.now = instant().plus(duration);
        this.ticking = null;
    }

    /** From now on it follows the system clock, from where it stands (for tests of real timers); {@link #set} stops it. */
    public void tick() {
        this.ticking = Duration.between(Instant.now(), now);
    }

    @Override
    public Instant instant() {
        Duration offset = ticking;
        return offset == null ? now : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
