package ai.deeplake4j.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of this process and of other processes, from the JVM and {@code /proc}. */
final class Cpu {
    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private Cpu() {
    }

    /** CPU seconds this process has used (all threads, native ones included). */
    static double processSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** CPU seconds (user + system) of process {@code pid}, from /proc/PID/stat. */
    static double ofPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds of every process named {@code comm} (e.g. all PostgreSQL processes), each with
     * the time of its exited children it has waited for (cutime, cstime): PostgreSQL's parallel
     * maintenance workers exit when an index build ends, and only the postmaster's children time
     * still holds their CPU.
     */
    static double ofCommand(String comm) {
        double sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(" + comm + ")")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS;
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return sum;
    }
}
