package io.sagashop.order.saga;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what a saga handling decided only once that handling's transaction committed. A pooled
 * event processor handles a batch of events of several sagas in one unit of work; if anything in
 * it fails, the whole batch is rolled back and handled again from the old saga state. An effect
 * that had already left the service (a command sent, a deadline cancelled outside the
 * transaction) would then be a decision the saga no longer remembers — the way an order was once
 * confirmed by commands of a handling that was rolled back and then compensated.
 *
 * <p>The action runs with no current unit of work: Axon components that act "on prepare commit or
 * now" (the deadline manager, a local command bus) must act now, not register on a phase that has
 * passed. Without a unit of work (a callback), the action runs at once.
 */
final class AfterCommit {

    private static final String RESOURCE = AfterCommit.class.getName();
    private static final Logger LOGGER = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {
    }

    static void run(Runnable action) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.run();
            return;
        }
        // Axon runs after-commit handlers in reverse order of registration: one handler per unit of
        // work runs this handling's actions in the order they were decided.
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Runnable> actions = root.getOrComputeResource(RESOURCE, key -> {
            List<Runnable> list = new ArrayList<>();
            root.afterCommit(unitOfWork -> outsideUnitOfWork(() -> list.forEach(AfterCommit::runLogged)));
            return list;
        });
        actions.add(action);
    }

    private static void runLogged(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException failure) {
            // Already committed: one failing action must not keep the others from running.
            LOGGER.warn("An action after a saga commit failed", failure);
        }
    }

    private static void outsideUnitOfWork(Runnable action) {
        Deque<UnitOfWork<?>> suspended = new ArrayDeque<>();
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> current = CurrentUnitOfWork.get();
            suspended.push(current);
            CurrentUnitOfWork.clear(current);
        }
        try {
            action.run();
        } finally {
            while (!suspended.isEmpty()) {
                CurrentUnitOfWork.set(suspended.pop());
            }
        }
    }
}
