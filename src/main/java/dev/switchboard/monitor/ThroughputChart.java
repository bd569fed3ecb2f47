package dev.switchboard.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import dev.switchboard.delivery.Throughput;

/**
 * The dashboard's chart as SVG drawn on the server: one x unit per minute, so the page needs no chart
 * library and no script, and a screen reader gets the totals from its label.
 */
record ThroughputChart(String receivedPoints, String deliveredPoints, long peak, long received, long delivered,
                       List<Tick> ticks) {

    static final int WIDTH = 1440;
    static final int HEIGHT = 200;

    static ThroughputChart of(Throughput.Series series, ZoneId zone) {
        long peak = Math.max(1, Math.max(LongStream.of(series.received()).max().orElse(0),
                LongStream.of(series.delivered()).max().orElse(0)));
        List<Tick> ticks = new ArrayList<>();
        DateTimeFormatter hours = DateTimeFormatter.ofPattern("HH:mm");
        for (int minute = 0; minute < series.received().length; minute++) {
            Instant at = series.start().plus(Duration.ofMinutes(minute));
            var local = at.atZone(zone);
            if (local.getMinute() == 0 && local.getHour() % 3 == 0) {
                ticks.add(new Tick(minute, hours.format(local)));
            }
        }
        return new ThroughputChart(points(series.received(), peak), points(series.delivered(), peak), peak,
                LongStream.of(series.received()).sum(), LongStream.of(series.delivered()).sum(), ticks);
    }

    private static String points(long[] perMinute, long peak) {
        StringBuilder points = new StringBuilder(perMinute.length * 9);
        for (int x = 0; x < perMinute.length; x++) {
            long y = HEIGHT - Math.round((double) perMinute[x] * (HEIGHT - 10) / peak);
            points.append(x).append(',').append(y).append(' ');
        }
        return points.toString().strip();
    }

    /** @param x the minute the label stands at */
    record Tick(int x, String label) {
    }
}
