package dev.kinflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by all PostgreSQL processes, read from Linux's {@code /proc} (zero elsewhere),
 * so a benchmark can say where the machine's cores went during the part it measures.
 */
record CpuTimes(double jvmSeconds, double postgresSeconds) {

    private static final double TICKS_PER_SECOND = 100;

    static CpuTimes now() {
        return new CpuTimes(seconds(Path.of("/proc/self/stat")), postgres());
    }

    CpuTimes since(CpuTimes start) {
        return new CpuTimes(jvmSeconds - start.jvmSeconds, postgresSeconds - start.postgresSeconds);
    }

    private static double postgres() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> "postgres".equals(read(p.resolve("comm")).strip()))
                    .mapToDouble(p -> seconds(p.resolve("stat"))).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime (fields 14 and 15 of {@code stat}, counted after the command name's closing parenthesis). */
    private static double seconds(Path stat) {
        String text = read(stat);
        int end = text.lastIndexOf(')');
        if (end < 0) {
            return 0;
        }
        String[] fields = text.substring(end + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
