package io.sagashop.order.saga;

import io.sagashop.inspection.SagaJournal;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The journal in memory, for the saga fixture: what was recorded can be asserted. */
class InMemorySagaJournal implements SagaJournal {

    record Entry(String sagaId, SagaTimelineEntryKind kind, String messageName, String service, String detail) {
    }

    final List<Entry> entries = new CopyOnWriteArrayList<>();
    final Map<String, String> steps = new ConcurrentHashMap<>();
    final Map<String, SagaState> states = new ConcurrentHashMap<>();
    final Map<String, Instant> pendingDeadlines = new ConcurrentHashMap<>();
    final Map<String, String> orders = new ConcurrentHashMap<>();
    final Map<String, String> types = new ConcurrentHashMap<>();

    @Override
    public void started(String sagaType, String sagaId, String orderId, Instant at, Instant orderDeadline) {
        states.put(sagaId, SagaState.ACTIVE);
        orders.put(sagaId, orderId);
        types.put(sagaId, sagaType);
    }

    @Override
    public boolean otherSagaFor(String orderId, String sagaId) {
        return orders.entrySet().stream().anyMatch(entry -> entry.getValue().equals(orderId) && !entry.getKey().equals(sagaId));
    }

    @Override
    public boolean activeSagaFor(String orderId) {
        return orders.entrySet().stream().anyMatch(entry -> entry.getValue().equals(orderId)
                && states.get(entry.getKey()) == SagaState.ACTIVE);
    }

    @Override
    public void record(String sagaId, Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail) {
        entries.add(new Entry(sagaId, kind, messageName, service, detail));
    }

    @Override
    public void progressed(String sagaId, String step, Instant at) {
        steps.put(sagaId, step);
    }

    @Override
    public void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt) {
        pendingDeadlines.put(deadlineId, dueAt);
    }

    @Override
    public void deadlineGone(String sagaId, String deadlineId) {
        pendingDeadlines.remove(deadlineId);
    }

    @Override
    public void deadlinesGone(String sagaId, String deadlineName, Instant dueAt) {
        pendingDeadlines.values().removeIf(due -> !due.isAfter(dueAt));
    }

    @Override
    public void ended(String sagaType, String sagaId, SagaState state, Instant at) {
        states.put(sagaId, state);
    }

    List<Entry> ofKind(SagaTimelineEntryKind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).toList();
    }
}
