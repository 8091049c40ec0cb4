package ai.deeplake4j.client.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long the remote client waits before sending a request again (ARCHITECTURE 2.2):
 * statuses 429, 500, 502, 503 and 504 and connection failures are retried up to
 * {@code maxAttempts} times in all, with exponential backoff ({@code baseDelay * 2^(attempt-1)},
 * full jitter, at most {@code maxDelay}); a {@code Retry-After} header (seconds or an HTTP date)
 * wins over the computed delay, capped at {@code maxDelay}.
 *
 * @param maxAttempts attempts in all, at least 1 (default 4)
 * @param baseDelay   first backoff (default 200 ms)
 * @param maxDelay    longest single wait (default 10 s)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** No retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** True when a response with this status may succeed if sent again. */
    public boolean retries(int status) {
        return RETRIED.contains(status);
    }

    /**
     * The wait before attempt {@code attempt + 1}.
     *
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter the response's {@code Retry-After} header, or null
     */
    public Duration delay(int attempt, String retryAfter) {
        Duration fromHeader = parseRetryAfter(retryAfter);
        if (fromHeader != null) {
            return fromHeader.compareTo(maxDelay) > 0 ? maxDelay : fromHeader;
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }
}
