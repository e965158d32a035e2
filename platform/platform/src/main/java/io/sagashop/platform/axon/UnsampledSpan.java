package io.sagashop.platform.axon;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;

/**
 * Axon's span for a handling or dispatch whose trace is not sampled: records nothing, but while it
 * is current its parent's context is, so the trace id stays in the logs and the "not sampled"
 * decision travels on with every message sent (see {@link TraceContinuingSpanFactory}).
 */
final class UnsampledSpan implements Span {

    private final Context parent;

    UnsampledSpan(Context parent) {
        this.parent = parent;
    }

    @Override
    public Span start() {
        return this;
    }

    @Override
    public SpanScope makeCurrent() {
        Scope scope = parent.makeCurrent();
        return scope::close;
    }

    @Override
    public void end() {
    }

    @Override
    public Span recordException(Throwable t) {
        return this;
    }
}
