package io.sagashop.platform.axon;

import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;

/**
 * A dispatch span that ends only once every scope opened on it is closed. A query this service
 * answers itself completes inside the connector's {@code try (span.makeCurrent())} block, so the
 * connector ends the span before it closes the span's scope; Axon's OpenTelemetry span then logs a
 * warning with a stack trace ("Span ended without all scopes"), once per sampled query. Here the
 * end waits for the scope instead, and the span covers the same work.
 */
final class EndAfterScopesSpan implements Span {

    private final Span delegate;
    private int openScopes;
    private boolean endAsked;

    EndAfterScopesSpan(Span delegate) {
        this.delegate = delegate;
    }

    @Override
    public Span start() {
        delegate.start();
        return this;
    }

    @Override
    public SpanScope makeCurrent() {
        SpanScope scope = delegate.makeCurrent();
        synchronized (this) {
            openScopes++;
        }
        return () -> {
            scope.close();
            boolean endNow;
            synchronized (this) {
                openScopes--;
                endNow = openScopes == 0 && endAsked;
                if (endNow) {
                    endAsked = false;
                }
            }
            if (endNow) {
                delegate.end();
            }
        };
    }

    @Override
    public void end() {
        synchronized (this) {
            if (openScopes > 0) {
                endAsked = true;
                return;
            }
        }
        delegate.end();
    }

    @Override
    public Span recordException(Throwable t) {
        delegate.recordException(t);
        return this;
    }

    @Override
    public Span addAttribute(String key, String value) {
        delegate.addAttribute(key, value);
        return this;
    }
}
