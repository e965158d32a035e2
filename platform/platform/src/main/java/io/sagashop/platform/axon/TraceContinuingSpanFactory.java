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
 *
 * <p>A span whose trace was not sampled (its parent, current or carried by the message, says so)
 * is not built either: Axon's factory would still format its name, compute its attributes and
 * start and end a span that records nothing. An {@link UnsampledSpan} keeps the parent's context
 * current instead, so the trace id still reaches the logs and every message sent from there
 * carries the "not sampled" decision on. With one trace in ten sampled, that was most of what
 * tracing cost per message (docs/performance.md, session 16).
 *
 * <p>A dispatch span that is built ends only after its scopes are closed ({@link EndAfterScopesSpan}):
 * a query answered in this JVM completes before the connector closes the scope it opened.
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

    /** {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. */
    private static final int TRACEPARENT_LENGTH = 55;

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
        if (isChildTrace && carriesUnsampledTrace(parentMessage)) {
            Context parent = propagator.extract(Context.current(), parentMessage.getMetaData(), METADATA);
            if (isUnsampled(Span.fromContext(parent))) {
                return new UnsampledSpan(parent);
            }
        }
        return delegate.createHandlerSpan(operationName, parentMessage, isChildTrace, linkedParents);
    }

    @Override
    public org.axonframework.tracing.Span createDispatchSpan(Supplier<String> operationName, Message<?> parentMessage,
            Message<?>... linkedSiblings) {
        return inCauseOf(parentMessage,
                () -> new EndAfterScopesSpan(delegate.createDispatchSpan(operationName, parentMessage, linkedSiblings)));
    }

    @Override
    public org.axonframework.tracing.Span createInternalSpan(Supplier<String> operationName) {
        if (!inATrace()) {
            return NoOpSpanFactory.NoOpSpan.INSTANCE;
        }
        if (isUnsampled(Span.current())) {
            return new UnsampledSpan(Context.current());
        }
        return delegate.createInternalSpan(operationName);
    }

    @Override
    public org.axonframework.tracing.Span createInternalSpan(Supplier<String> operationName, Message<?> message) {
        return inCauseOf(message, () -> delegate.createInternalSpan(operationName, message));
    }

    /**
     * A span about a message: in the current trace if there is one, else in the trace the message
     * carries (its cause's), else a root as Axon would make it; never built when that trace is not sampled.
     */
    private org.axonframework.tracing.Span inCauseOf(Message<?> message, Supplier<org.axonframework.tracing.Span> create) {
        if (isUnsampled(Span.current())) {
            return new UnsampledSpan(Context.current());
        }
        Context cause = causeOf(message);
        if (cause == null) {
            return create.get();
        }
        if (isUnsampled(Span.fromContext(cause))) {
            return new UnsampledSpan(cause);
        }
        try (Scope ignored = cause.makeCurrent()) {
            return create.get();
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

    private static boolean isUnsampled(Span span) {
        return span.getSpanContext().isValid() && !span.getSpanContext().isSampled();
    }

    /**
     * Whether the message's {@code traceparent} has the sampled flag off, read from the header's
     * last hex digit (W3C: version, trace id, parent id, flags; bit 0 of the flags is "sampled") so
     * that a sampled message is not parsed twice: Axon's factory extracts it again.
     */
    static boolean carriesUnsampledTrace(Message<?> message) {
        if (message == null || !(message.getMetaData().get(TraceContextCorrelation.TRACEPARENT) instanceof String header)) {
            return false;
        }
        return header.length() == TRACEPARENT_LENGTH && (Character.digit(header.charAt(TRACEPARENT_LENGTH - 1), 16) & 1) == 0;
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
