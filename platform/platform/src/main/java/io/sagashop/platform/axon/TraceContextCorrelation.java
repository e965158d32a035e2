package io.sagashop.platform.axon;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts the trace context on every message a handling causes, as correlation data: the current
 * span's (the handler's) when there is one, else the handled message's own {@code traceparent}.
 * Axon's span factory sets {@code traceparent} itself when a message is dispatched inside a span,
 * and that wins; this is for what is sent later, outside any span — a saga's commands after its
 * commit, a deadline — so that it still belongs to the order's trace ({@link TraceContinuingSpanFactory}).
 */
final class TraceContextCorrelation implements CorrelationDataProvider {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private final TextMapPropagator propagator;

    TraceContextCorrelation(TextMapPropagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, String> data = new HashMap<>(4);
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            propagator.inject(current, data, (carrier, key, value) -> {
                if (carrier != null && (TRACEPARENT.equals(key) || TRACESTATE.equals(key))) {
                    carrier.put(key, value);
                }
            });
            if (data.containsKey(TRACEPARENT)) {
                return data;
            }
        }
        copy(message, TRACEPARENT, data);
        copy(message, TRACESTATE, data);
        return data;
    }

    private static void copy(Message<?> message, String key, Map<String, String> data) {
        Object value = message.getMetaData().get(key);
        if (value instanceof String text) {
            data.put(key, text);
        }
    }
}
