package io.sagashop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.sagashop.platform.axon.Correlation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The correlation of a request: its ids, and the tracer looked up once for all requests. */
class CorrelationFilterTest {

    @Test
    void theTracerIsLookedUpOnceAndEachRequestGetsItsCurrentTrace() throws Exception {
        Tracer tracer = mock(Tracer.class);
        AtomicInteger lookups = new AtomicInteger();
        CorrelationFilter filter = new CorrelationFilter(counting(tracer, lookups));
        List<String> traceIds = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            String current = "%032x".formatted(i + 1);
            Span span = span(current);
            when(tracer.currentSpan()).thenReturn(span);
            filter.doFilter(new MockHttpServletRequest("GET", "/x"), new MockHttpServletResponse(),
                    (request, response) -> traceIds.add(Correlation.current().orElseThrow().traceId()));
            assertThat(traceIds.get(i)).as("the request's own trace").isEqualTo(current);
        }

        assertThat(lookups).hasValue(1);
    }

    @Test
    void withoutATracerEachRequestGetsANewTraceIdAndTheCallersIsKept() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CorrelationFilter filter = new CorrelationFilter(counting(null, lookups));
        List<String> traceIds = new ArrayList<>();

        for (int i = 0; i < 2; i++) {
            filter.doFilter(new MockHttpServletRequest("GET", "/x"), new MockHttpServletResponse(),
                    (request, response) -> traceIds.add(Correlation.current().orElseThrow().traceId()));
        }
        MockHttpServletRequest traced = new MockHttpServletRequest("GET", "/x");
        traced.addHeader(CorrelationFilter.TRACEPARENT_HEADER, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        filter.doFilter(traced, new MockHttpServletResponse(),
                (request, response) -> traceIds.add(Correlation.current().orElseThrow().traceId()));

        assertThat(traceIds.get(0)).hasSize(32).isNotEqualTo(traceIds.get(1));
        assertThat(traceIds.get(2)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(lookups).as("an absent tracer is remembered as absent").hasValue(1);
    }

    private static Span span(String traceId) {
        Span span = mock(Span.class);
        TraceContext context = mock(TraceContext.class);
        when(span.context()).thenReturn(context);
        when(context.traceId()).thenReturn(traceId);
        return span;
    }

    /** A provider of the tracer (or of none) that counts how often it is asked. */
    private static ObjectProvider<Tracer> counting(Tracer tracer, AtomicInteger lookups) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (tracer != null) {
            beans.registerSingleton("tracer", tracer);
        }
        ObjectProvider<Tracer> provider = beans.getBeanProvider(Tracer.class);
        return new ObjectProvider<>() {
            @Override
            public Tracer getObject(Object... args) {
                lookups.incrementAndGet();
                return provider.getObject(args);
            }

            @Override
            public Tracer getIfAvailable() {
                lookups.incrementAndGet();
                return provider.getIfAvailable();
            }

            @Override
            public Tracer getIfUnique() {
                lookups.incrementAndGet();
                return provider.getIfUnique();
            }

            @Override
            public Tracer getObject() {
                lookups.incrementAndGet();
                return provider.getObject();
            }
        };
    }
}
