package io.sagashop.platform.axon;

import java.util.Map;
import java.util.Optional;

/**
 * The correlation of the work the current thread does on behalf of an outside request: a
 * {@code correlationId} (the caller's {@code X-Correlation-Id}, or one made up for it) and a
 * {@code traceId} (W3C trace id of the request). Set by the platform's HTTP filter, read when a
 * message is dispatched outside any Axon unit of work.
 *
 * @param correlationId the id one business request is followed by across services
 * @param traceId       the 32-hex-digit W3C trace id
 */
public record Correlation(String correlationId, String traceId) {

    /** Metadata key of the correlation id on every message. */
    public static final String CORRELATION_ID = "correlationId";
    /** Metadata key of the trace id on every message. */
    public static final String TRACE_ID = "traceId";

    private static final ThreadLocal<Correlation> CURRENT = new ThreadLocal<>();

    public static Optional<Correlation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Binds a correlation to the current thread; close the returned scope to unbind it. */
    public static Scope open(Correlation correlation) {
        Correlation previous = CURRENT.get();
        CURRENT.set(correlation);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public Map<String, String> asMetaData() {
        return Map.of(CORRELATION_ID, correlationId, TRACE_ID, traceId);
    }

    /** Ends a binding made by {@link #open(Correlation)}. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
