package io.sagashop.platform.axon;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;

/**
 * Axon's OpenTelemetry span factory, with one rule added: a message sent where no span is current
 * but that carries its cause's trace context in its metadata ({@code traceparent}, put there by
 * {@link TraceContextCorrelation}) continues that trace. A saga sends its commands after its
 * transaction committed, when the span of the event it handled has ended; without this rule each
 * such command started a trace of its own, and an order's trace stopped at the first saga step.
 * An internal span (a lock, a deadline cancelled after commit) with no trace around it is not
 * recorded at all: it would be a one-span trace nobody can place.
 */
public final class TraceContinuingSpanFactory implements SpanFactory {

    private static final TextMapGetter<MetaData> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MetaData carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(MetaData carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            return value instanceof String text ? text : null;
        }
    };

    private final SpanFactory delegate;
    private final TextMapPropagator propagator;

    TraceContinuingSpanFactory(SpanFactory delegate, TextMapPropagator propagator) {
        this.delegate = delegate;
        this.propagator = propagator;
    }

    /** Axon's own factory, which this one decorates. */
    public SpanFactory delegate() {
        return delegate;
    }

    @Override
    public org.axonframework.tracing.Span createRootTrace(Supplier<String> operationName) {
        return delegate.createRootTrace(operationName);
    }

    @Override
    public org.axonframework.tracing.Span createHandlerSpan(Supplier<String> operationName, Message<?> parentMessage,
            boolean isChildTrace, Message<?>... linkedParents) {
        return delegate.createHandlerSpan(operationName, parentMessage, isChildTrace, linkedParents);
    }

    @Override
    public org.axonframework.tracing.Span createDispatchSpan(Supplier<String> operationName, Message<?> parentMessage,
            Message<?>... linkedSiblings) {
        Context cause = causeOf(parentMessage);
        if (cause == null) {
            return delegate.createDispatchSpan(operationName, parentMessage, linkedSiblings);
        }
        try (Scope ignored = cause.makeCurrent()) {
            return delegate.createDispatchSpan(operationName, parentMessage, linkedSiblings);
        }
    }

    @Override
    public org.axonframework.tracing.Span createInternalSpan(Supplier<String> operationName) {
        if (!inATrace()) {
            return NoOpSpanFactory.NoOpSpan.INSTANCE;
        }
        return delegate.createInternalSpan(operationName);
    }

    @Override
    public org.axonframework.tracing.Span createInternalSpan(Supplier<String> operationName, Message<?> message) {
        Context cause = causeOf(message);
        if (cause == null) {
            return delegate.createInternalSpan(operationName, message);
        }
        try (Scope ignored = cause.makeCurrent()) {
            return delegate.createInternalSpan(operationName, message);
        }
    }

    @Override
    public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        delegate.registerSpanAttributeProvider(provider);
    }

    @Override
    public <M extends Message<?>> M propagateContext(M message) {
        return delegate.propagateContext(message);
    }

    private static boolean inATrace() {
        return Span.current().getSpanContext().isValid();
    }

    /** The trace context a message carries, when no span is current and it carries a valid one; else null. */
    private Context causeOf(Message<?> message) {
        if (message == null || inATrace() || !message.getMetaData().containsKey(TraceContextCorrelation.TRACEPARENT)) {
            return null;
        }
        Context extracted = propagator.extract(Context.root(), message.getMetaData(), METADATA);
        return Span.fromContext(extracted).getSpanContext().isValid() ? extracted : null;
    }
}
