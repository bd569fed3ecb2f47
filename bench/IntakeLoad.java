import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the intake benchmark: HTTP/1.1 keep-alive over plain sockets (the JDK HttpClient costs too
 * much CPU on a 2-core machine that also runs the server and PostgreSQL), each webhook a unique,
 * freshly signed ~1.5 KB message_created body, so nothing is deduplicated.
 *
 *   java IntakeLoad rate      PORT SECRET RATE SECONDS [CONNECTIONS]   open loop, fixed rate
 *   java IntakeLoad saturate  PORT SECRET CONNECTIONS SECONDS          closed loop, as fast as it goes
 *   java IntakeLoad noop      PORT -      CONNECTIONS SECONDS          closed loop, POST /bench/noop, same body
 *   java IntakeLoad liveness  PORT -      CONNECTIONS SECONDS          closed loop, GET liveness
 * (bench/intake.sh compiles it with Http1Client.java into bench/target)
 *
 * Open-loop latency is measured from when a request was due, not when it was sent, so a stalled
 * server is not hidden (coordinated omission). Prints one line: mode, offered, achieved, p50, p99, max, errors.
 */
public class IntakeLoad {


    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        String secret = args[2];
        switch (mode) {
            case "rate" -> openLoop(port, secret, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 64);
            case "saturate", "noop", "liveness" -> closedLoop(mode, port, secret, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static void openLoop(int port, String secret, int rate, int seconds, int connections) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        BlockingQueue<long[]> due = new ArrayBlockingQueue<>(total);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (Http1Client connection = new Http1Client(port)) {
                    while (true) {
                        long[] job = due.poll(2, TimeUnit.SECONDS);
                        if (job == null) {
                            return;
                        }
                        int status = connection.webhook(secret);
                        long done = System.nanoTime();
                        latencies[(int) job[0]] = done - job[1];
                        lastDone.accumulateAndGet(done, Math::max);
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }));
        }
        long start = System.nanoTime() + 200_000_000L;
        int[] index = {0};
        Http1Client.pace(start, rate, total, at -> due.add(new long[] {index[0]++, at}));
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (lastDone.get() - start) / 1e9;
        report("rate", rate, total / elapsed, latencies, errors.get());
    }

    static void closedLoop(String mode, int port, String secret, int connections, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[] samples = new long[2_000_000];
            perThread.add(samples);
            workers.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                try (Http1Client connection = new Http1Client(port)) {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        int status = switch (mode) {
                            case "noop" -> connection.noop();
                            case "liveness" -> connection.liveness();
                            default -> connection.webhook(secret);
                        };
                        samples[++n] = System.nanoTime() - sent;
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                samples[0] = n;
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int count = perThread.stream().mapToInt(s -> (int) s[0]).sum();
        long[] latencies = new long[count];
        int k = 0;
        for (long[] s : perThread) {
            System.arraycopy(s, 1, latencies, k, (int) s[0]);
            k += (int) s[0];
        }
        report(mode, 0, count / elapsed, latencies, errors.get());
    }

    static void report(String mode, int offered, double achieved, long[] latencies, long errors) {
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf("%s offered=%d achieved=%.0f p50=%.2f p99=%.2f max=%.2f errors=%d completed=%d%n", mode, offered, achieved,
                ms(sorted, 0.50), ms(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, errors, sorted.length);
    }

    static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}
