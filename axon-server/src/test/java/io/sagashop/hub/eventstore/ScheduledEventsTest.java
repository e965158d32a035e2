package io.sagashop.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventStream;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.ScheduleToken;
import org.junit.jupiter.api.Test;

/** Axon's AxonServerEventScheduler against the hub: durable, published as normal events when due. */
class ScheduledEventsTest {

    public record Reminder(String text) {
    }

    @Test
    void aScheduledEventIsPublishedWhenDueAndACancelledOneNever() throws Exception {
        try (HubFixture fixture = HubFixture.start("scheduler")) {
            EventScheduler scheduler = fixture.bean(EventScheduler.class);
            Instant scheduledAt = Instant.now();
            scheduler.schedule(Duration.ofMillis(1_500), new Reminder("due"));
            // Due later than everything else, so a slow machine cannot publish them before
            // the cancel or the reschedule reaches the hub.
            ScheduleToken cancelled = scheduler.schedule(Duration.ofMillis(3_000), new Reminder("cancelled"));
            ScheduleToken moved = scheduler.schedule(Duration.ofMillis(3_500), new Reminder("rescheduled"));
            scheduler.cancelSchedule(cancelled);
            scheduler.reschedule(moved, Duration.ofMillis(2_000), new Reminder("rescheduled"));

            List<EventWithToken> published = awaitEvents(fixture.events(), 2);
            assertThat(published).extracting(e -> e.getEvent().getPayload().getData().toStringUtf8())
                    .containsExactly("{\"text\":\"due\"}", "{\"text\":\"rescheduled\"}");
            assertThat(published.get(0).getEvent().getPayload().getType()).isEqualTo(Reminder.class.getName());
            assertThat(published.get(0).getEvent().getTimestamp())
                    .isGreaterThanOrEqualTo(scheduledAt.plusMillis(1_500).toEpochMilli());
            assertThat(published.get(1).getEvent().getTimestamp())
                    .isGreaterThanOrEqualTo(scheduledAt.plusMillis(2_000).toEpochMilli());

            // Past the cancelled and the original due times: still only those two.
            long untilAfterBoth = scheduledAt.plusMillis(4_500).toEpochMilli() - System.currentTimeMillis();
            TimeUnit.MILLISECONDS.sleep(Math.max(0, untilAfterBoth));
            assertThat(fixture.events().getLastToken().get(10, TimeUnit.SECONDS)).as("nothing else published").isEqualTo(1);
        }
    }

    @Test
    void scheduledEventsSurviveARestartAndOneDueWhileTheHubWasDownIsPublishedAtStart() throws Exception {
        try (TestHub hub = TestHub.start();
             HubFixture fixture = HubFixture.connect(hub, "scheduler-restart", java.util.Map.of())) {
            EventScheduler scheduler = fixture.bean(EventScheduler.class);
            Instant scheduledAt = Instant.now();
            scheduler.schedule(Duration.ofMillis(1_500), new Reminder("due while down"));
            scheduler.schedule(Duration.ofSeconds(20), new Reminder("due after restart"));

            hub.stop();
            TimeUnit.MILLISECONDS.sleep(2_000);
            hub.restart();

            EventChannel channel = fixture.events();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> channel.getLastToken().get(5, TimeUnit.SECONDS) >= 0);
            List<EventWithToken> first = awaitEvents(channel, 1);
            assertThat(first.get(0).getEvent().getPayload().getData().toStringUtf8()).contains("due while down");
            // Published at start-up, not at the next due time.
            assertThat(Instant.now()).isBefore(scheduledAt.plusSeconds(20));
            assertThat(channel.getLastToken().get(5, TimeUnit.SECONDS)).isZero();

            List<EventWithToken> both = awaitEvents(channel, 2);
            assertThat(both).extracting(e -> e.getEvent().getPayload().getData().toStringUtf8())
                    .containsExactly("{\"text\":\"due while down\"}", "{\"text\":\"due after restart\"}");
        }
    }

    /** Reads the event stream from the start until {@code count} events arrived (30 s at most). */
    private static List<EventWithToken> awaitEvents(EventChannel channel, int count) throws Exception {
        List<EventWithToken> events = new ArrayList<>();
        EventStream stream = channel.openStream(-1, 64);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (events.size() < count && System.nanoTime() < deadline) {
                EventWithToken next = stream.nextIfAvailable(200, TimeUnit.MILLISECONDS);
                if (next != null) {
                    events.add(next);
                }
            }
        } finally {
            stream.close();
        }
        assertThat(events).hasSize(count);
        return events;
    }
}
