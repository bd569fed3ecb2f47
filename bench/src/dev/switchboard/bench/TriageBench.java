package dev.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.switchboard.triage.TriageEngine;
import dev.switchboard.triage.TriageRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the labelled corpus through the default triage rules and prints per-intent precision and recall,
 * escalation precision and recall, and every miss (with the evidence) so a rule change can be judged.
 */
public final class TriageBench {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "bench/triage/corpus.jsonl");
        boolean verbose = args.length > 1 && args[1].equals("--misses");
        TriageEngine engine = TriageEngine.of(TriageRules.defaults());
        JsonMapper json = JsonMapper.builder().build();
        Map<String, int[]> perIntent = new TreeMap<>(); // tp, fp, fn
        int escTp = 0, escFp = 0, escFn = 0, total = 0, correct = 0;
        List<String> lines = Files.readAllLines(corpus);
        // the figure is for a warm engine, as on a running server: the first passes pay for class loading and JIT
        for (int warm = 0; warm < 200; warm++) {
            for (String line : lines) {
                if (!line.isBlank()) {
                    engine.classify(TriageEngine.Message.of(json.readTree(line).path("text").asString()));
                }
            }
        }
        long classifying = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String expected = row.path("intent").asString();
            boolean expectedEscalation = row.path("escalated").asBoolean();
            long started = System.nanoTime();
            TriageEngine.Triage triage = engine.classify(TriageEngine.Message.of(row.path("text").asString()));
            classifying += System.nanoTime() - started;
            total++;
            perIntent.computeIfAbsent(expected, k -> new int[3]);
            perIntent.computeIfAbsent(triage.intent(), k -> new int[3]);
            if (triage.intent().equals(expected)) {
                correct++;
                perIntent.get(expected)[0]++;
            } else {
                perIntent.get(triage.intent())[1]++;
                perIntent.get(expected)[2]++;
                if (verbose) {
                    System.out.printf("  intent  %-17s got %-17s %s  %s%n", expected, triage.intent(), row.path("text").asString(), triage.scores());
                }
            }
            if (triage.escalated() && expectedEscalation) {
                escTp++;
            } else if (triage.escalated()) {
                escFp++;
                if (verbose) {
                    System.out.printf("  escalation false alarm: %s  %s%n", row.path("text").asString(), triage.escalations());
                }
            } else if (expectedEscalation) {
                escFn++;
                if (verbose) {
                    System.out.printf("  escalation missed:      %s%n", row.path("text").asString());
                }
            }
        }
        double micros = classifying / 1000.0 / total;
        System.out.printf(Locale.ROOT, "triage corpus: %d messages, intent accuracy %.1f %%, %.0f µs per message%n", total,
                100.0 * correct / total, micros);
        System.out.printf("%-18s %9s %7s %8s%n", "intent", "precision", "recall", "messages");
        for (Map.Entry<String, int[]> e : perIntent.entrySet()) {
            int[] c = e.getValue();
            System.out.printf(Locale.ROOT, "%-18s %8.0f%% %6.0f%% %8d%n", e.getKey(), ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]),
                    c[0] + c[2]);
        }
        System.out.printf(Locale.ROOT, "%-18s %8.0f%% %6.0f%% %8d%n", "escalation", ratio(escTp, escTp + escFp), ratio(escTp, escTp + escFn),
                escTp + escFn);
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 100 : 100.0 * part / whole;
    }
}
