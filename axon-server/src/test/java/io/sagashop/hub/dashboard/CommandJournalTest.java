package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.hub.command.RoutedCommand;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The journal is a bounded ring: it keeps the newest {@code journal-size} commands and forgets older ones. */
class CommandJournalTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void keepsOnlyTheNewestCommandsOldestFirst() {
        CommandJournal journal = new CommandJournal(new DashboardProperties(3, Duration.ofSeconds(1), 10, Duration.ofSeconds(1),
                "http://127.0.0.1:9411"));
        for (int i = 0; i < 5; i++) {
            journal.routed(command(i));
        }

        assertThat(journal.find(c -> true)).extracting(RoutedCommand::messageId).containsExactly("m2", "m3", "m4");
        assertThat(journal.find(c -> c.routingKey().equals("order-3"))).extracting(RoutedCommand::messageId)
                .containsExactly("m3");
        assertThat(journal.recorded()).isEqualTo(5);
    }

    private static RoutedCommand command(int i) {
        return new RoutedCommand("default", "m" + i, "ReserveStock", "order-" + i, "c" + i, "shop-1", "shop",
                T0.plusMillis(i), 100, "", "");
    }
}
