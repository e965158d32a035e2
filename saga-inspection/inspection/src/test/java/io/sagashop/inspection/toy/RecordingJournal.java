package io.sagashop.inspection.toy;

import io.sagashop.inspection.SagaJournal;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The journal in memory, for the saga fixture: what the saga wrote can be asserted. */
class RecordingJournal implements SagaJournal {

    record Saga(String sagaType, String key, Instant dueAt) {
    }

    record Entry(String sagaId, SagaTimelineEntryKind kind, String messageName, String detail) {
    }

    final Map<String, Saga> sagas = new ConcurrentHashMap<>();
    final Map<String, SagaState> states = new ConcurrentHashMap<>();
    final Map<String, String> steps = new ConcurrentHashMap<>();
    final Map<String, String> pendingDeadlines = new ConcurrentHashMap<>();
    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void started(String sagaType, String sagaId, String key, Instant at, Instant dueAt) {
        sagas.put(sagaId, new Saga(sagaType, key, dueAt));
        states.put(sagaId, SagaState.ACTIVE);
    }

    @Override
    public boolean otherSagaFor(String key, String sagaId) {
        return sagas.entrySet().stream().anyMatch(saga -> saga.getValue().key().equals(key) && !saga.getKey().equals(sagaId));
    }

    @Override
    public boolean activeSagaFor(String key) {
        return sagas.entrySet().stream().anyMatch(saga -> saga.getValue().key().equals(key)
                && states.get(saga.getKey()) == SagaState.ACTIVE);
    }

    @Override
    public void record(String sagaId, Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail) {
        entries.add(new Entry(sagaId, kind, messageName, detail));
    }

    @Override
    public void progressed(String sagaId, String step, Instant at) {
        steps.put(sagaId, step);
    }

    @Override
    public void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt) {
        pendingDeadlines.put(deadlineId, deadlineName);
    }

    @Override
    public void deadlineGone(String sagaId, String deadlineId) {
        pendingDeadlines.remove(deadlineId);
    }

    @Override
    public void deadlinesGone(String sagaId, String deadlineName, Instant dueAt) {
        pendingDeadlines.values().removeIf(deadlineName::equals);
    }

    @Override
    public void ended(String sagaType, String sagaId, SagaState state, Instant at) {
        states.put(sagaId, state);
        steps.put(sagaId, DONE);
    }

    List<SagaTimelineEntryKind> kinds() {
        return entries.stream().map(Entry::kind).toList();
    }
}
