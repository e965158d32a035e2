package io.sagashop.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
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
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpan;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A saga's command sent after its commit (no span current, the handling's trace context in the
 * metadata) continues the order's trace; without that context it starts one; an orphan internal
 * span is not recorded; a trace that is not sampled gets no spans built, yet its context is passed
 * on; a dispatch span ends only once its scope is closed.
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

    private static final SpanContext NOT_SAMPLED = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());

    private Map<String, String> traceparentOf(SpanContext context) {
        Map<String, String> carrier = new java.util.HashMap<>();
        propagator.inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier;
    }

    @Test
    void inATraceNotSampledNoSpanIsBuiltButTheContextTravelsOn() {
        var command = GenericCommandMessage.asCommandMessage("ReserveStock");
        org.axonframework.tracing.Span dispatch;
        Map<String, ?> sent;
        try (Scope ignored = Context.root().with(Span.wrap(NOT_SAMPLED)).makeCurrent()) {
            dispatch = spans.createDispatchSpan(() -> "CommandBus.dispatch", command).start();
            try (var scope = dispatch.makeCurrent()) {
                sent = spans.propagateContext(command).getMetaData();
            }
            dispatch.end();
            assertThat(spans.createInternalSpan(() -> "LockingRepository.obtainLock")).isInstanceOf(UnsampledSpan.class);
        }

        assertThat(dispatch).isInstanceOf(UnsampledSpan.class);
        assertThat((String) sent.get("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
        assertThat(ended).isEmpty();
    }

    @Test
    void aMessageOfATraceNotSampledIsHandledInItsContextWithoutASpan() {
        var event = GenericEventMessage.asEventMessage("StockReserved").andMetaData(traceparentOf(NOT_SAMPLED));

        org.axonframework.tracing.Span handler = spans.createHandlerSpan(() -> "EventProcessor.process", event, true).start();
        String traceInHandler;
        try (var scope = handler.makeCurrent()) {
            traceInHandler = Span.current().getSpanContext().getTraceId();
        }
        handler.end();

        assertThat(handler).isInstanceOf(UnsampledSpan.class);
        assertThat(traceInHandler).isEqualTo(NOT_SAMPLED.getTraceId());
        assertThat(Span.current().getSpanContext().isValid()).as("the scope is closed again").isFalse();
    }

    @Test
    void aSampledMessageStillGetsItsHandlerSpan() {
        SpanContext sampled = SpanContext.createFromRemoteParent(NOT_SAMPLED.getTraceId(), NOT_SAMPLED.getSpanId(),
                TraceFlags.getSampled(), TraceState.getDefault());
        var event = GenericEventMessage.asEventMessage("StockReserved").andMetaData(traceparentOf(sampled));

        spans.createHandlerSpan(() -> "EventProcessor.process", event, true).start().end();

        assertThat(ended).singleElement().satisfies(span -> {
            assertThat(span.getTraceId()).isEqualTo(sampled.getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(sampled.getSpanId());
        });
    }

    @Test
    void aSagasCommandAfterTheCommitOfATraceNotSampledBuildsNoSpan() {
        var command = GenericCommandMessage.asCommandMessage("RequestPayment").andMetaData(traceparentOf(NOT_SAMPLED));

        org.axonframework.tracing.Span dispatch = spans.createDispatchSpan(() -> "CommandBus.dispatch", command).start();
        Map<String, ?> sent;
        try (var scope = dispatch.makeCurrent()) {
            sent = spans.propagateContext(command).getMetaData();
        }
        dispatch.end();

        assertThat(dispatch).isInstanceOf(UnsampledSpan.class);
        assertThat((String) sent.get("traceparent")).startsWith("00-" + NOT_SAMPLED.getTraceId() + "-").endsWith("-00");
        assertThat(ended).isEmpty();
    }

    @Test
    void aDispatchEndedInsideItsOwnScopeEndsWhenTheScopeClosesWithoutAxonsWarning() {
        Logger axonSpans = (Logger) LoggerFactory.getLogger(OpenTelemetrySpan.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        axonSpans.addAppender(warnings);
        try {
            var query = new GenericQueryMessage<>("FindOrderQuery", ResponseTypes.instanceOf(String.class));
            org.axonframework.tracing.Span dispatch = spans.createDispatchSpan(() -> "QueryBus.query", query).start();
            try (var scope = dispatch.makeCurrent()) {
                // what the connector does for a query answered in this JVM: it is complete here
                dispatch.end();
                assertThat(ended).as("not ended while its scope is open").isEmpty();
            }

            assertThat(ended).extracting(SpanData::getName).singleElement().asString().startsWith("QueryBus.query");
            assertThat(Span.current().getSpanContext().isValid()).as("the scope is closed").isFalse();
            assertThat(warnings.list).isEmpty();
        } finally {
            axonSpans.detachAppender(warnings);
        }
    }

    @Test
    void aDispatchEndedAfterItsScopeEndsAtOnce() {
        org.axonframework.tracing.Span dispatch = spans.createDispatchSpan(() -> "CommandBus.dispatch",
                GenericCommandMessage.asCommandMessage("ReserveStock")).start();
        try (var scope = dispatch.makeCurrent()) {
            assertThat(Span.current().getSpanContext().isValid()).isTrue();
        }
        assertThat(ended).isEmpty();

        dispatch.end();

        assertThat(ended).extracting(SpanData::getName).singleElement().asString().startsWith("CommandBus.dispatch");
    }

    @Test
    void onlyAWellFormedTraceparentWithTheSampledBitOffCountsAsNotSampled() {
        assertThat(TraceContinuingSpanFactory.carriesUnsampledTrace(GenericEventMessage.asEventMessage("e")
                .andMetaData(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")))).isTrue();
        assertThat(TraceContinuingSpanFactory.carriesUnsampledTrace(GenericEventMessage.asEventMessage("e")
                .andMetaData(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")))).isFalse();
        assertThat(TraceContinuingSpanFactory.carriesUnsampledTrace(GenericEventMessage.asEventMessage("e")
                .andMetaData(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0")))).isFalse();
        assertThat(TraceContinuingSpanFactory.carriesUnsampledTrace(GenericEventMessage.asEventMessage("e"))).isFalse();
        assertThat(TraceContinuingSpanFactory.carriesUnsampledTrace(null)).isFalse();
    }
}
