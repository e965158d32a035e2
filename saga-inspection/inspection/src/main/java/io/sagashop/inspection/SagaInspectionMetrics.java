package io.sagashop.inspection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sagashop.inspection.api.SagaState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@value #NAME}{@code {type, state}} (Prometheus: {@code saga_inspection_sagas}): how
 * many sagas of each type are in each state, STUCK apart from ACTIVE. A scrape reads numbers
 * taken by {@link #refresh()} every {@code metrics-interval}, never the tables. Every state of
 * every known type is reported, 0 included, so an alert on STUCK has a series from the start.
 */
public class SagaInspectionMetrics {

    /** The gauge's name; the alert rules use it with the tags {@code type} and {@code state}. */
    public static final String NAME = "saga.inspection.sagas";

    private final MeterRegistry registry;
    private final SagaJournalReader reader;
    private final List<InspectedSagaType> types;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public SagaInspectionMetrics(MeterRegistry registry, SagaJournalReader reader, List<InspectedSagaType> types) {
        this.registry = registry;
        this.reader = reader;
        this.types = List.copyOf(types);
        for (InspectedSagaType type : this.types) {
            for (SagaState state : SagaState.values()) {
                gauge(type.sagaType(), state);
            }
        }
    }

    /** Takes the counts now. */
    public void refresh() {
        Map<String, Map<SagaState, Long>> counts = reader.counts();
        Set<String> known = new TreeSet<>(counts.keySet());
        types.forEach(type -> known.add(type.sagaType()));
        for (String type : known) {
            Map<SagaState, Long> byState = counts.getOrDefault(type, Map.of());
            for (SagaState state : SagaState.values()) {
                gauge(type, state).set(byState.getOrDefault(state, 0L));
            }
        }
    }

    private AtomicLong gauge(String type, SagaState state) {
        return values.computeIfAbsent(type + '\u0000' + state.name(), id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(NAME, value, AtomicLong::get)
                    .description("Sagas of a type in a state (STUCK counted apart from ACTIVE), as the inspection journal holds them")
                    .tag("type", type)
                    .tag("state", state.name())
                    .register(registry);
            return value;
        });
    }
}
