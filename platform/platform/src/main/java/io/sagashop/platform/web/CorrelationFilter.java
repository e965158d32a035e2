package io.sagashop.platform.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.sagashop.platform.axon.Correlation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes the request's {@link Correlation}: {@code X-Correlation-Id} if the caller sent a
 * sane one, else a new UUID; the trace id of the W3C {@code traceparent} header, else of the
 * current span, else a new one. Binds it for the messages the request dispatches,
 * puts {@code correlationId} in the log MDC and echoes it in the response.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The tracer, looked up at the first request and kept: a lookup through the provider resolves
     * the dependency in the bean factory again on every call, which cost about 4 % of the order
     * service's request threads (docs/performance.md, session 18). Empty when tracing is off.
     */
    private final SingletonSupplier<Optional<Tracer>> tracer;

    public CorrelationFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(() -> Optional.ofNullable(tracer.getIfAvailable()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Correlation correlation = new Correlation(correlationId(request), traceId(request));
        response.setHeader(CORRELATION_HEADER, correlation.correlationId());
        MDC.put(Correlation.CORRELATION_ID, correlation.correlationId());
        try (Correlation.Scope ignored = Correlation.open(correlation)) {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(Correlation.CORRELATION_ID);
        }
    }

    private static String correlationId(HttpServletRequest request) {
        String header = request.getHeader(CORRELATION_HEADER);
        return header != null && SAFE_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    private String traceId(HttpServletRequest request) {
        // The caller's trace first: with tracing on, the server span continues it anyway (same id);
        // with tracing off, the header is all there is.
        String traceparent = request.getHeader(TRACEPARENT_HEADER);
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) {
                return matcher.group(1);
            }
        }
        Span span = tracer.obtain().map(Tracer::currentSpan).orElse(null);
        if (span != null && span.context().traceId() != null && !span.context().traceId().isBlank()) {
            return span.context().traceId();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
