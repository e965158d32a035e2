package io.sagashop.order.placement;

import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Whether {@link PriceList} may price an order: when this instance's {@value PriceListProjection#GROUP}
 * processor holds its segment, has caught up with the event stream at least once since it claimed
 * it, and is not failing. Before that (a new table being filled from the catalog's history, where a
 * product's old price comes before its change), and in an instance that does not hold the segment,
 * orders are priced by the catalog. {@code sagashop.order.local-prices=false} always asks the catalog.
 */
@Component
class PriceListStatus {

    private final boolean enabled;
    /** Looked up at the first order, then kept (a provider resolves the bean again on every call). */
    private final SingletonSupplier<Optional<StreamingEventProcessor>> processor;

    PriceListStatus(ObjectProvider<EventProcessingConfiguration> processing,
                    @Value("${sagashop.order.local-prices:true}") boolean enabled) {
        this.enabled = enabled;
        this.processor = SingletonSupplier.of(() -> Optional.ofNullable(processing.getIfAvailable())
                .flatMap(config -> config.eventProcessor(PriceListProjection.GROUP, StreamingEventProcessor.class)));
    }

    boolean current() {
        if (!enabled) {
            return false;
        }
        return processor.obtain().map(StreamingEventProcessor::processingStatus).filter(status -> !status.isEmpty())
                .map(PriceListStatus::caughtUp).orElse(false);
    }

    private static boolean caughtUp(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream().allMatch(segment -> segment.isCaughtUp() && !segment.isErrorState());
    }
}
