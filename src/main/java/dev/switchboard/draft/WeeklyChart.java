package dev.switchboard.draft;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The weekly chart of the stats page, as SVG coordinates: a stacked bar a week (approved as written, edited,
 * rejected, pending), scaled to the busiest week. Drawn on the server, so the page needs no script.
 */
record WeeklyChart(int width, int height, List<Bar> bars) {

    static final int BAR = 28;
    static final int GAP = 12;
    static final int PLOT = 120;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    public int barWidth() {
        return BAR;
    }

    static WeeklyChart of(DraftReports.Stats stats) {
        long tallest = stats.tallestWeek();
        List<Bar> bars = new ArrayList<>();
        int x = GAP;
        for (DraftReports.Row week : stats.byWeek()) {
            List<Segment> segments = new ArrayList<>();
            int y = PLOT;
            long[] counts = {week.approved(), week.edited(), week.rejected(), week.pending()};
            String[] kinds = {"approved", "edited", "rejected", "pending"};
            for (int i = 0; i < counts.length; i++) {
                int h = (int) Math.round(counts[i] * (double) PLOT / tallest);
                if (h > 0) {
                    y -= h;
                    segments.add(new Segment(kinds[i], y, h, counts[i]));
                }
            }
            bars.add(new Bar(x, LABEL.format(week.week()), week.drafts(), segments));
            x += BAR + GAP;
        }
        return new WeeklyChart(Math.max(x, 200), PLOT + 20, bars);
    }

    record Bar(int x, String label, long drafts, List<Segment> segments) {
        public int labelX() {
            return x + BAR / 2;
        }
    }

    record Segment(String kind, int y, int height, long count) {
    }
}
