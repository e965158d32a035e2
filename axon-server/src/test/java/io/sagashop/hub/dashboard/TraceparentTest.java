package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.event.Event;
import org.junit.jupiter.api.Test;

/** The timeline's trace ids come from W3C {@code traceparent} metadata only when it is well formed. */
class TraceparentTest {

    @Test
    void readsTheTraceIdAndTheSampledFlagOfAWellFormedTraceparent() {
        assertThat(TimelineController.traceparent(event("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))
                .isEqualTo(new TimelineController.Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", true));
        // Upper case is tolerated (the header is case-insensitive in practice), answered in lower case.
        assertThat(TimelineController.traceparent(event("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")))
                .isEqualTo(new TimelineController.Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", true));
        // Left out by the sampler: the id travels, the trace was not recorded. Only bit 0 is the flag.
        assertThat(TimelineController.traceparent(event("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")))
                .isEqualTo(new TimelineController.Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", false));
        assertThat(TimelineController.traceparent(event("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02"))
                .sampled()).isFalse();
        assertThat(TimelineController.traceparent(event("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))
                .sampled()).isTrue();
    }

    @Test
    void ignoresMissingMalformedAndInvalidTraceparents() {
        assertThat(TimelineController.traceparent(Event.newBuilder().build())).isNull();
        assertThat(TimelineController.traceparent(event("not-a-traceparent"))).isNull();
        assertThat(TimelineController.traceparent(event("00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01"))).isNull();
        // The all-zero trace id means "no trace" in W3C trace context.
        assertThat(TimelineController.traceparent(event("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))).isNull();
        assertThat(TimelineController.traceparent(Event.newBuilder().putMetaData("traceparent",
                MetaDataValue.newBuilder().setNumberValue(7).build()).build())).isNull();
    }

    private static Event event(String traceparent) {
        return Event.newBuilder().putMetaData("traceparent", MetaDataValue.newBuilder().setTextValue(traceparent).build())
                .build();
    }
}
