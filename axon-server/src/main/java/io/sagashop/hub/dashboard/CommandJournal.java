package io.sagashop.hub.dashboard;

import io.sagashop.hub.command.CommandObserver;
import io.sagashop.hub.command.RoutedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The newest routed commands, in a fixed-size ring ({@code hub.dashboard.journal-size}): what the
 * timeline shows of commands. Writers claim a slot with one atomic increment, so recording
 * costs the routing path next to nothing; old entries are overwritten, never blocked on.
 */
@Component
class CommandJournal implements CommandObserver {

    private final AtomicReferenceArray<RoutedCommand> ring;
    private final AtomicLong next = new AtomicLong();

    CommandJournal(DashboardProperties properties) {
        this.ring = new AtomicReferenceArray<>(properties.journalSize());
    }

    @Override
    public void routed(RoutedCommand command) {
        long slot = next.getAndIncrement();
        ring.set((int) (slot % ring.length()), command);
    }

    /** The remembered commands that match, oldest first. */
    List<RoutedCommand> find(Predicate<RoutedCommand> filter) {
        long end = next.get();
        long start = Math.max(0, end - ring.length());
        List<RoutedCommand> found = new ArrayList<>();
        for (long i = start; i < end; i++) {
            RoutedCommand command = ring.get((int) (i % ring.length()));
            if (command != null && filter.test(command)) {
                found.add(command);
            }
        }
        found.sort(java.util.Comparator.comparing(RoutedCommand::start));
        return found;
    }

    /** How many commands were recorded since the hub started (also those overwritten since). */
    long recorded() {
        return next.get();
    }
}
