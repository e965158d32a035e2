package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo.SegmentStatus;

/** Processor info as the connector reports it, for hand-driven clients. */
final class Processors {

    static final String TOKEN_STORE = "raw-token-store";

    private Processors() {
    }

    /** A running tracking processor that claims {@code claimedSegments}, each covering one part of {@code onePartOf}. */
    static EventProcessorInfo tracking(String name, int onePartOf, int... claimedSegments) {
        EventProcessorInfo.Builder info = EventProcessorInfo.newBuilder()
                .setProcessorName(name).setMode("Tracking").setIsStreamingProcessor(true).setRunning(true)
                .setTokenStoreIdentifier(TOKEN_STORE).setActiveThreads(claimedSegments.length).setAvailableThreads(1);
        for (int segment : claimedSegments) {
            info.addSegmentStatus(SegmentStatus.newBuilder().setSegmentId(segment).setOnePartOf(onePartOf)
                    .setCaughtUp(true).setTokenPosition(41));
        }
        return info.build();
    }
}
