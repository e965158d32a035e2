package io.sagashop.hub.dashboard;

import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo.SegmentStatus;
import io.sagashop.hub.platform.ConnectedClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event processor of a component as its connected instances last reported it (the connector
 * reports every 500 ms by default), in the JSON of {@code GET /v1/components/{component}/processors}.
 *
 * @param name                 the processor (processing group) name
 * @param tokenStoreIdentifier the token store its instances share; processors with one name but different token stores are listed apart
 * @param mode                 {@code Tracking}, {@code Pooled Streaming}, {@code Subscribing}, ...
 * @param streaming            whether it has segments (split, merge and move apply)
 * @param status               {@code running} or {@code paused} for a streaming processor; {@code subscribing}
 *                             for a subscribing one, which handles events on the publishing thread and reports
 *                             no running state (the connector leaves {@code running} false), so it is never
 *                             shown as paused; {@code unknown} for another kind
 * @param running              whether any instance runs it (always false for a subscribing processor: not reported)
 * @param error                whether any instance stopped it on an error
 * @param activeThreads        segments being processed, over all instances
 * @param availableThreads     free capacity for more segments, over all instances (for a pooled processor a
 *                             bound on claimed segments, 32767 by default, not threads)
 * @param threads              threads at work over all instances: a tracking processor's thread pool
 *                             (active + available, one thread per segment); a pooled processor's claimed
 *                             segments (each processed by one work package at a time; its capacity is a bound,
 *                             not threads); 0 for a subscribing processor
 * @param segments             every claimed segment, ordered by id, with the instance that claims it
 * @param instances            the instances that run it
 */
record ProcessorView(String name, String tokenStoreIdentifier, String mode, boolean streaming, String status,
                     boolean running, boolean error, int activeThreads, int availableThreads, int threads,
                     String loadBalancingStrategyName, List<SegmentView> segments, List<InstanceView> instances) {

    static final String TRACKING = "Tracking";
    static final String SUBSCRIBING = "Subscribing";

    /**
     * @param onePartOf     the fraction of the stream it covers: 2 is a half, 4 a quarter
     * @param claimedBy     the client id of the instance processing it
     * @param tokenPosition the approximate position of its token in the event stream
     * @param errorState    the error it is in, empty when healthy
     * @param lag           events it is behind the head of the event store (head token − token position);
     *                      {@code null} when the head is unknown
     */
    record SegmentView(int segmentId, int onePartOf, String claimedBy, long tokenPosition, boolean caughtUp,
                       boolean replaying, String errorState, Long lag) {
    }

    /**
     * @param threads as {@link ProcessorView#threads()}, for this instance
     */
    record InstanceView(String clientId, boolean running, boolean error, int activeThreads, int availableThreads,
                        int threads, List<Integer> claimedSegments) {
    }

    /**
     * The processors the instances of one component report, by name and token store, with each
     * segment's lag behind {@code head} (the newest event's token; negative when unknown).
     */
    static List<ProcessorView> of(List<ConnectedClient> instances, long head) {
        List<Map.Entry<String, EventProcessorInfo>> reports = new ArrayList<>();
        instances.stream()
                .sorted(Comparator.comparing(ConnectedClient::clientId))
                .forEach(client -> client.processors().values().forEach(info ->
                        reports.add(Map.entry(client.clientId(), info))));
        return ofReports(reports, head);
    }

    /** The processors of {@code reports} (client id and what it reported), in the clients' order. */
    static List<ProcessorView> ofReports(List<Map.Entry<String, EventProcessorInfo>> reports, long head) {
        Map<String, List<Map.Entry<String, EventProcessorInfo>>> byProcessor = new LinkedHashMap<>();
        reports.forEach(report -> byProcessor.computeIfAbsent(report.getValue().getProcessorName() + '\u0000'
                + report.getValue().getTokenStoreIdentifier(), k -> new ArrayList<>()).add(report));
        return byProcessor.values().stream()
                .map(processorReports -> merged(processorReports, head))
                .sorted(Comparator.comparing(ProcessorView::name).thenComparing(ProcessorView::tokenStoreIdentifier))
                .toList();
    }

    private static ProcessorView merged(List<Map.Entry<String, EventProcessorInfo>> reports, long head) {
        EventProcessorInfo first = reports.get(0).getValue();
        List<SegmentView> segments = new ArrayList<>();
        List<InstanceView> instances = new ArrayList<>();
        for (var report : reports) {
            String clientId = report.getKey();
            EventProcessorInfo info = report.getValue();
            for (SegmentStatus s : info.getSegmentStatusList()) {
                segments.add(new SegmentView(s.getSegmentId(), s.getOnePartOf(), clientId, s.getTokenPosition(),
                        s.getCaughtUp(), s.getReplaying(), s.getErrorState(),
                        head < 0 ? null : Math.max(0, head - s.getTokenPosition())));
            }
            instances.add(new InstanceView(clientId, info.getRunning(), info.getError(), info.getActiveThreads(),
                    info.getAvailableThreads(), threads(info),
                    info.getSegmentStatusList().stream().map(SegmentStatus::getSegmentId).sorted().toList()));
        }
        segments.sort(Comparator.comparingInt(SegmentView::segmentId).thenComparing(SegmentView::claimedBy));
        boolean running = instances.stream().anyMatch(InstanceView::running);
        return new ProcessorView(first.getProcessorName(), first.getTokenStoreIdentifier(), first.getMode(),
                first.getIsStreamingProcessor(), status(first, running), running,
                instances.stream().anyMatch(InstanceView::error),
                instances.stream().mapToInt(InstanceView::activeThreads).sum(),
                instances.stream().mapToInt(InstanceView::availableThreads).sum(),
                instances.stream().mapToInt(InstanceView::threads).sum(),
                first.getLoadBalancingStrategyName(), segments, instances);
    }

    private static String status(EventProcessorInfo info, boolean running) {
        if (info.getIsStreamingProcessor()) {
            return running ? "running" : "paused";
        }
        return SUBSCRIBING.equals(info.getMode()) ? "subscribing" : "unknown";
    }

    /** Threads at work in one instance; see {@link ProcessorView#threads()}. */
    private static int threads(EventProcessorInfo info) {
        if (!info.getIsStreamingProcessor()) {
            return 0;
        }
        if (TRACKING.equals(info.getMode())) {
            return info.getActiveThreads() + info.getAvailableThreads();
        }
        return info.getActiveThreads();
    }
}
