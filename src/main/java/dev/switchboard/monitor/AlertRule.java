package dev.switchboard.monitor;

import java.util.function.Function;

/**
 * One condition that needs a person, with hysteresis: it fires when its reading reaches {@code openAt} (or falls under
 * it, for a rate that must stay high) and clears only once the reading is back past {@code clearAt}, so a reading
 * hovering at the threshold is one alert, not a storm. A reading that cannot be taken (nothing configured, no
 * traffic) neither fires nor holds an alert open.
 *
 * @param reading the value judged, null when there is none
 * @param detail  the reading in words, for the notification and the page
 */
record AlertRule(String id, Severity severity, String title, boolean fallsBelow, double openAt, double clearAt,
                 Function<Readings, Number> reading, Function<Readings, String> detail) {

    Verdict judge(Readings readings) {
        Number value = reading.apply(readings);
        if (value == null) {
            return new Verdict(null, false, true, "no reading");
        }
        double v = value.doubleValue();
        boolean firing = fallsBelow ? v < openAt : v >= openAt;
        boolean clear = fallsBelow ? v >= clearAt : v < clearAt;
        return new Verdict(v, firing, clear, detail.apply(readings));
    }

    /** @param clear whether an open alert of this rule may resolve */
    record Verdict(Double value, boolean firing, boolean clear, String detail) {
    }
}
