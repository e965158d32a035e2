package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo.SegmentStatus;
import io.axoniq.axonserver.grpc.control.EventProcessorReference;
import io.axoniq.axonserver.grpc.control.EventProcessorSegmentReference;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.sagashop.hub.config.HubProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Event processor instructions for the instances of a component, chosen from the processor info
 * they report: pause and start go to every instance running the processor; split, merge and
 * release go to the instance that claims the segment concerned. Each returns the outcomes the
 * clients reported (or their absence); an address naming nothing throws
 * {@link UnknownTargetException}, a state that rules the instruction out
 * {@link InstructionNotApplicableException}.
 */
@Component
public class EventProcessorInstructions {

    /**
     * Names a processor as Axon Server's HTTP API does (the HTTP API binds it from path and query).
     *
     * @param context              the Axon context; {@code default} when null or blank
     * @param tokenStoreIdentifier narrows the choice to instances using that token store; null or blank: any
     */
    public record ProcessorAddress(String context, String component, String processor, String tokenStoreIdentifier) {

        public ProcessorAddress {
            context = blank(context) ? HubProperties.DEFAULT_CONTEXT : context;
        }

        String describe() {
            return "processor '" + processor + "' of component '" + component + "'";
        }
    }

    private record Instance(ConnectedClient client, EventProcessorInfo info) {
    }

    private record Claim(Instance owner, SegmentStatus segment) {

        int id() {
            return segment.getSegmentId();
        }

        int onePartOf() {
            return Math.max(1, segment.getOnePartOf());
        }
    }

    private static final Duration RELEASE_POLL = Duration.ofMillis(200);

    private final ClientRegistry registry;
    private final HubProperties properties;
    private final Duration timeout;

    public EventProcessorInstructions(ClientRegistry registry, HubProperties properties) {
        this.registry = registry;
        this.properties = properties;
        this.timeout = properties.instructions().timeout();
    }

    public CompletableFuture<List<InstructionOutcome>> pause(ProcessorAddress address) {
        return thenRefresh(address, toAllRunning(address, "pause " + address.describe(),
                b -> b.setPauseEventProcessor(reference(address))));
    }

    public CompletableFuture<List<InstructionOutcome>> start(ProcessorAddress address) {
        return thenRefresh(address, toAllRunning(address, "start " + address.describe(),
                b -> b.setStartEventProcessor(reference(address))));
    }

    /**
     * Splits the largest claimed segment, on the instance that claims it. Among equals it takes the
     * highest segment id, as Axon Server does: it keeps the last of equal segments in the order the
     * instances report them, which is ascending; so of two halves, segment 1 is split (into 1 and 3).
     */
    public CompletableFuture<List<InstructionOutcome>> split(ProcessorAddress address) {
        Claim largest = claims(address).stream()
                .min(Comparator.comparingInt(Claim::onePartOf).thenComparing(Claim::id, Comparator.reverseOrder()))
                .orElseThrow();
        return thenRefresh(address, send(largest.owner(), "split segment " + largest.id() + " of " + address.describe(),
                b -> b.setSplitEventProcessorSegment(segment(address, largest.id()))));
    }

    /**
     * Merges the smallest claimed segment (the highest id among equals, as Axon Server picks; see
     * {@link #split}) with the segment it was split from: of four quarters, segment 3 merges with 1. The instance that claims the first must be able to claim the second, so when
     * another instance holds it, that instance releases it first, and the merge is sent once it
     * reports the segment gone (the release keeps it from reclaiming for a while).
     */
    public CompletableFuture<List<InstructionOutcome>> merge(ProcessorAddress address) {
        List<Claim> claims = claims(address);
        Claim smallest = claims.stream()
                .max(Comparator.comparingInt(Claim::onePartOf).thenComparingInt(Claim::id))
                .orElseThrow();
        if (smallest.onePartOf() == 1) {
            throw new InstructionNotApplicableException("The " + address.describe()
                    + " has a single segment: there is nothing to merge");
        }
        int sibling = smallest.id() ^ (smallest.onePartOf() / 2);
        CompletableFuture<List<InstructionOutcome>> released = claims.stream()
                .filter(c -> c.id() == sibling && c.owner().client() != smallest.owner().client())
                .findFirst()
                .map(c -> send(c.owner(), "release segment " + sibling + " of " + address.describe()
                                + " so that segment " + smallest.id() + " can merge with it",
                        b -> b.setReleaseSegment(segment(address, sibling)))
                        .thenCompose(outcomes -> outcomes.stream().allMatch(InstructionOutcome::succeeded)
                                ? released(c.owner().client(), address, sibling, System.nanoTime() + timeout.toNanos())
                                        .thenApply(done -> outcomes)
                                : CompletableFuture.completedFuture(outcomes)))
                .orElseGet(() -> CompletableFuture.completedFuture(List.of()));
        return thenRefresh(address, released.thenCompose(first -> {
            if (!first.stream().allMatch(InstructionOutcome::succeeded)) {
                return CompletableFuture.completedFuture(first);
            }
            return send(smallest.owner(), "merge segment " + smallest.id() + " of " + address.describe()
                            + " with segment " + sibling,
                    b -> b.setMergeEventProcessorSegment(segment(address, smallest.id())))
                    .thenApply(second -> concat(first, second));
        }));
    }

    /**
     * Moves a segment to the instance {@code targetClientId}: the instance that claims it releases
     * it, so that the target (which must run the processor and have a free thread) claims it.
     * Nothing is sent when the target claims it already.
     */
    public CompletableFuture<List<InstructionOutcome>> move(ProcessorAddress address, int segmentId,
                                                          String targetClientId) {
        List<Instance> instances = instancesRunning(address);
        if (instances.stream().noneMatch(i -> i.client().clientId().equals(targetClientId))) {
            throw new UnknownTargetException("No instance '" + targetClientId + "' runs the " + address.describe()
                    + " in context '" + address.context() + "'; instances that do: "
                    + instances.stream().map(i -> i.client().clientId()).toList());
        }
        Claim claim = claims(address, instances).stream().filter(c -> c.id() == segmentId).findFirst()
                .orElseThrow(() -> new InstructionNotApplicableException("Segment " + segmentId + " of the "
                        + address.describe() + " is not claimed by any instance"));
        if (claim.owner().client().clientId().equals(targetClientId)) {
            return CompletableFuture.completedFuture(List.of());
        }
        return thenRefresh(address, send(claim.owner(), "release segment " + segmentId + " of "
                        + address.describe() + " for instance '" + targetClientId + "'",
                b -> b.setReleaseSegment(segment(address, segmentId))));
    }

    /**
     * Completes when {@code client} reports that it no longer claims {@code segmentId}, or at
     * {@code deadline}. A release succeeds as soon as the client has marked the segment; its worker
     * lets go of the claim at its next turn (up to a second later for a tracking processor), and
     * until then no other instance can claim it.
     */
    private CompletableFuture<Void> released(ConnectedClient client, ProcessorAddress address, int segmentId,
                                             long deadline) {
        return client.instruct(PlatformOutboundInstruction.newBuilder()
                                .setRequestEventProcessorInfo(reference(address)),
                        "report status of " + address.describe(), timeout)
                .thenCompose(outcome -> {
                    EventProcessorInfo info = client.processors().get(address.processor());
                    boolean claimed = info != null && info.getSegmentStatusList().stream()
                            .anyMatch(s -> s.getSegmentId() == segmentId);
                    if (!claimed || !outcome.succeeded() || System.nanoTime() > deadline) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return CompletableFuture.runAsync(() -> { },
                                    CompletableFuture.delayedExecutor(RELEASE_POLL.toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(waited -> released(client, address, segmentId, deadline));
                });
    }

    /**
     * Once the instances report success, asks them for their processor status (the connector sends
     * it before the result of that request), so that a read right after the answer already shows
     * the change rather than the state of up to one update interval ago. Whether they answer does
     * not change the outcome.
     */
    private CompletableFuture<List<InstructionOutcome>> thenRefresh(
            ProcessorAddress address, CompletableFuture<List<InstructionOutcome>> change) {
        return change.thenCompose(outcomes -> {
            List<CompletableFuture<InstructionOutcome>> refreshes = outcomes.stream()
                    .filter(InstructionOutcome::succeeded)
                    .map(outcome -> registry.find(address.context(), outcome.clientId()))
                    .flatMap(Optional::stream)
                    .distinct()
                    .map(client -> client.instruct(PlatformOutboundInstruction.newBuilder()
                                    .setRequestEventProcessorInfo(reference(address)),
                            "report status of " + address.describe(), timeout))
                    .toList();
            return CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new)).thenApply(done -> outcomes);
        });
    }

    private CompletableFuture<List<InstructionOutcome>> toAllRunning(
            ProcessorAddress address, String description,
            UnaryOperator<PlatformOutboundInstruction.Builder> instruction) {
        List<CompletableFuture<InstructionOutcome>> outcomes = instancesRunning(address).stream()
                .map(instance -> instance.client().instruct(
                        instruction.apply(PlatformOutboundInstruction.newBuilder()), description, timeout))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<List<InstructionOutcome>> send(
            Instance instance, String description, UnaryOperator<PlatformOutboundInstruction.Builder> instruction) {
        return instance.client()
                .instruct(instruction.apply(PlatformOutboundInstruction.newBuilder()), description, timeout)
                .thenApply(List::of);
    }

    /** Every segment claimed by an instance of the processor; at least one, or the instruction is refused. */
    private List<Claim> claims(ProcessorAddress address) {
        return claims(address, instancesRunning(address));
    }

    private List<Claim> claims(ProcessorAddress address, List<Instance> instances) {
        if (instances.stream().noneMatch(i -> i.info().getIsStreamingProcessor())) {
            throw new InstructionNotApplicableException("The " + address.describe() + " is a "
                    + instances.get(0).info().getMode() + " processor, which has no segments");
        }
        List<Claim> claims = instances.stream()
                .flatMap(i -> i.info().getSegmentStatusList().stream().map(s -> new Claim(i, s)))
                .toList();
        if (claims.isEmpty()) {
            throw new InstructionNotApplicableException("No instance claims a segment of the " + address.describe()
                    + "; is it running?");
        }
        return claims;
    }

    /** The connected instances of {@code component} in {@code context}, which must be one this hub serves. */
    public List<ConnectedClient> instancesOf(String context, String component) {
        if (!properties.servesContext(context)) {
            throw new UnknownTargetException("Unknown context '" + context + "': this hub serves "
                    + properties.contexts());
        }
        return registry.inContext(context).stream().filter(c -> c.componentName().equals(component)).toList();
    }

    /** The connected instances of the component that report the processor; at least one. */
    private List<Instance> instancesRunning(ProcessorAddress address) {
        List<ConnectedClient> ofComponent = instancesOf(address.context(), address.component());
        if (ofComponent.isEmpty()) {
            throw new UnknownTargetException("No instance of component '" + address.component()
                    + "' is connected to context '" + address.context() + "'");
        }
        List<Instance> running = new ArrayList<>();
        for (ConnectedClient client : ofComponent) {
            EventProcessorInfo info = client.processors().get(address.processor());
            if (info != null && matchesTokenStore(address, info)) {
                running.add(new Instance(client, info));
            }
        }
        if (running.isEmpty()) {
            String tokenStore = blank(address.tokenStoreIdentifier()) ? ""
                    : " with token store '" + address.tokenStoreIdentifier() + "'";
            throw new UnknownTargetException("Component '" + address.component() + "' has no event processor '"
                    + address.processor() + "'" + tokenStore + " in context '" + address.context() + "'");
        }
        return running;
    }

    private static boolean matchesTokenStore(ProcessorAddress address, EventProcessorInfo info) {
        return blank(address.tokenStoreIdentifier()) || blank(info.getTokenStoreIdentifier())
                || address.tokenStoreIdentifier().equals(info.getTokenStoreIdentifier());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static EventProcessorReference reference(ProcessorAddress address) {
        return EventProcessorReference.newBuilder().setProcessorName(address.processor()).build();
    }

    private static EventProcessorSegmentReference segment(ProcessorAddress address, int segmentId) {
        return EventProcessorSegmentReference.newBuilder()
                .setProcessorName(address.processor()).setSegmentIdentifier(segmentId).build();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
