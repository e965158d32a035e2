package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo.SegmentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The processors page's view of what the connector reports (Axon Framework 4.13's
 * {@code EventProcessorControlService}): a subscribing processor reports only its name and mode,
 * a streaming one its claimed segments as active threads and its capacity less those as available.
 */
class ProcessorViewTest {

    @Test
    void aSubscribingProcessorIsSubscribingNotPaused() {
        EventProcessorInfo subscribing = EventProcessorInfo.newBuilder().setProcessorName("mailer")
                .setMode("Subscribing").setIsStreamingProcessor(false).build();

        ProcessorView view = ProcessorView.ofReports(List.of(client("a-1", subscribing)), 10).get(0);

        assertThat(view.status()).isEqualTo("subscribing");
        assertThat(view.streaming()).isFalse();
        assertThat(view.threads()).isZero();
    }

    @Test
    void aPooledProcessorsThreadsAreItsWorkNotItsCapacityBound() {
        // Two instances, three segments claimed; each reports Short.MAX_VALUE capacity.
        ProcessorView view = ProcessorView.ofReports(List.of(
                client("a-1", streaming("Pooled Streaming", 32767, 0, 2)),
                client("a-2", streaming("Pooled Streaming", 32767, 1))), 10).get(0);

        assertThat(view.status()).isEqualTo("running");
        assertThat(view.threads()).isEqualTo(3);
        assertThat(view.instances()).extracting(ProcessorView.InstanceView::threads).containsExactly(2, 1);
        assertThat(view.activeThreads() + view.availableThreads()).isEqualTo(2 * 32767);
    }

    @Test
    void aTrackingProcessorsThreadsAreItsPool() {
        // Four threads configured, one segment claimed: 1 active, 3 available.
        ProcessorView view = ProcessorView.ofReports(List.of(client("a-1", streaming("Tracking", 4, 0))), 10).get(0);

        assertThat(view.threads()).isEqualTo(4);
        assertThat(view.activeThreads()).isEqualTo(1);
        assertThat(view.status()).isEqualTo("running");
    }

    @Test
    void aStoppedStreamingProcessorIsPaused() {
        EventProcessorInfo stopped = streaming("Tracking", 1).toBuilder().setRunning(false).build();
        assertThat(ProcessorView.ofReports(List.of(client("a-1", stopped)), 10).get(0).status()).isEqualTo("paused");
    }

    /** As the connector describes a streaming processor: active = claimed, available = capacity - claimed. */
    private static EventProcessorInfo streaming(String mode, int capacity, int... segments) {
        EventProcessorInfo.Builder info = EventProcessorInfo.newBuilder().setProcessorName("stock")
                .setTokenStoreIdentifier("store").setMode(mode).setIsStreamingProcessor(true).setRunning(true)
                .setActiveThreads(segments.length).setAvailableThreads(capacity - segments.length);
        for (int segment : segments) {
            info.addSegmentStatus(SegmentStatus.newBuilder().setSegmentId(segment).setOnePartOf(4).setTokenPosition(10));
        }
        return info.build();
    }

    private static Map.Entry<String, EventProcessorInfo> client(String clientId, EventProcessorInfo info) {
        return Map.entry(clientId, info);
    }
}
