package io.sagashop.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A saga's command sent after its commit (no span current, the handling's trace context in the
 * metadata) continues the order's trace; without that context it starts one; an orphan internal
 * span is not recorded.
 */
class TraceContinuationTest {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }).build();
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private final TraceContinuingSpanFactory spans = new TraceContinuingSpanFactory(OpenTelemetrySpanFactory.builder()
            .tracer(tracing.get("test")).contextPropagators(propagator).build(), propagator);
    private final TraceContextCorrelation correlation = new TraceContextCorrelation(propagator);

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aCommandSentAfterTheHandlersSpanEndedContinuesItsTrace() {
        var event = GenericEventMessage.asEventMessage("StockReserved");
        Span handler = tracing.get("test").spanBuilder("saga handles StockReserved").startSpan();
        Map<String, ?> captured;
        try (Scope ignored = handler.makeCurrent()) {
            // what the saga keeps from its unit of work's correlation data while it handles the event
            captured = correlation.correlationDataFor(event);
        } finally {
            handler.end();
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();

        var command = GenericCommandMessage.asCommandMessage("RequestPayment").andMetaData(captured);
        spans.createDispatchSpan(() -> "CommandBus.dispatch", command).start().end();

        SpanData dispatch = ended.get(ended.size() - 1);
        assertThat(dispatch.getTraceId()).isEqualTo(handler.getSpanContext().getTraceId());
        assertThat(dispatch.getParentSpanId()).isEqualTo(handler.getSpanContext().getSpanId());
    }

    @Test
    void outsideASpanTheHandledMessagesOwnContextIsPassedOn() {
        Span publisher = tracing.get("test").spanBuilder("publish").startSpan();
        Map<String, String> carrier = new java.util.HashMap<>();
        propagator.inject(Context.root().with(publisher), carrier, Map::put);
        publisher.end();
        var event = GenericEventMessage.asEventMessage("OrderPlaced").andMetaData(carrier);

        Map<String, ?> data = correlation.correlationDataFor(event);

        assertThat(data.get("traceparent")).isEqualTo(carrier.get("traceparent"));
    }

    @Test
    void aMessageWithoutTraceContextStartsItsOwnTrace() {
        var command = GenericCommandMessage.asCommandMessage("RegisterUser").andMetaData(MetaData.with("correlationId", "c1"));
        spans.createDispatchSpan(() -> "CommandBus.dispatch", command).start().end();

        SpanData dispatch = ended.get(ended.size() - 1);
        assertThat(dispatch.getParentSpanContext().isValid()).isFalse();
        assertThat(dispatch.getTraceId()).isNotBlank();
    }

    @Test
    void anInternalSpanOutsideAnyTraceIsNotRecordedButInsideOneItIs() {
        assertThat(spans.createInternalSpan(() -> "DeadlineManager.cancelDeadline"))
                .isSameAs(NoOpSpanFactory.NoOpSpan.INSTANCE);

        Span handler = tracing.get("test").spanBuilder("handler").startSpan();
        try (Scope ignored = handler.makeCurrent()) {
            spans.createInternalSpan(() -> "LockingRepository.obtainLock").start().end();
        } finally {
            handler.end();
        }
        assertThat(ended).extracting(SpanData::getName).contains("LockingRepository.obtainLock");
        assertThat(ended.get(0).getTraceId()).isEqualTo(handler.getSpanContext().getTraceId());
    }
}
