package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.grpc.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Events scheduled for publication at a later time (the EventScheduler service). They are kept
 * in the database, so they survive a restart; one that fell due while the hub was down is
 * published when it starts. A due event is appended to its context's event store as a normal
 * event, and its row is deleted in the same database transaction as that append, so it is
 * published exactly once even if the hub dies in between.
 * <p>
 * One thread publishes: it sleeps until the earliest due time and is woken early when an
 * earlier event is scheduled.
 */
@Component
@DependsOnDatabaseInitialization
public class ScheduledEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledEvents.class);
    private static final long MAX_SLEEP_MILLIS = 60_000;

    private final EventStoreService eventStore;
    private final DataSource dataSource;
    private final int batch;
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private volatile long nextDue = Long.MAX_VALUE;
    private Thread thread;

    public ScheduledEvents(EventStoreService eventStore, DataSource dataSource, EventStoreProperties properties) {
        this.eventStore = eventStore;
        this.dataSource = dataSource;
        this.batch = properties.schedulerBatch();
    }

    /** Schedules an event for publication at {@code instant} (ms since the epoch); returns its token. */
    public String schedule(String context, long instant, Event event) {
        ContextStore store = eventStore.store(context);
        EventStoreService.validate(event);
        String token = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            insert(c, token, store.id(), instant, event);
        } catch (SQLException e) {
            throw storageFailure(e);
        }
        wake(instant);
        return token;
    }

    /** Cancels the schedule of {@code token} (if still pending) and schedules the event anew. */
    public String reschedule(String context, String token, long instant, Event event) {
        ContextStore store = eventStore.store(context);
        EventStoreService.validate(event);
        String newToken = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (token != null && !token.isEmpty()) {
                    delete(c, store.id(), token);
                }
                insert(c, newToken, store.id(), instant, event);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw storageFailure(e);
        }
        wake(instant);
        return newToken;
    }

    /** Cancels a pending schedule; an unknown or already published token changes nothing. */
    public void cancel(String context, String token) {
        ContextStore store = eventStore.store(context);
        try (Connection c = dataSource.getConnection()) {
            delete(c, store.id(), token);
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    private static void insert(Connection c, String token, short context, long instant, Event event) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO hub_scheduled_event (token, context_id, due_at, event) VALUES (?,?,?,?)")) {
            insert.setString(1, token);
            insert.setShort(2, context);
            insert.setLong(3, instant);
            insert.setBytes(4, event.toByteArray());
            insert.executeUpdate();
        }
    }

    private static boolean delete(Connection c, short context, String token) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM hub_scheduled_event WHERE token = ? AND context_id = ?")) {
            delete.setString(1, token);
            delete.setShort(2, context);
            return delete.executeUpdate() == 1;
        }
    }

    private static StatusRuntimeException storageFailure(SQLException e) {
        return ErrorCode.DATAFILE_WRITE_ERROR.asException(Status.INTERNAL,
                "The scheduled event could not be stored: " + e.getMessage());
    }

    private void wake(long instant) {
        if (instant < nextDue) {
            synchronized (wakeUp) {
                nextDue = instant;
                wakeUp.notifyAll();
            }
        }
    }

    // ---- publication

    private record Due(String token, short context, Event event) {
    }

    private void publishLoop() {
        while (running) {
            try {
                int published = publishDue();
                if (published < batch) {
                    sleepUntilNextDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Publishing scheduled events failed; retrying in a second", e);
                sleepQuietly(1000);
            }
        }
    }

    private int publishDue() throws SQLException, InterruptedException {
        long now = System.currentTimeMillis();
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT token, context_id, event FROM hub_scheduled_event WHERE due_at <= ? ORDER BY due_at LIMIT ?")) {
            select.setLong(1, now);
            select.setInt(2, batch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getShort(2), Event.parseFrom(rs.getBytes(3))));
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new SQLException("a scheduled event could not be read", e);
        }
        List<CompletableFuture<Long>> appends = new ArrayList<>(due.size());
        for (Due event : due) {
            appends.add(publish(event, now));
        }
        for (int i = 0; i < due.size(); i++) {
            awaitPublication(due.get(i), appends.get(i));
        }
        return due.size();
    }

    private CompletableFuture<Long> publish(Due due, long now) {
        ContextStore store = eventStore.store(due.context());
        if (store == null) {
            log.warn("Scheduled event {} belongs to a context this hub no longer serves; left pending", due.token());
            return CompletableFuture.completedFuture(null);
        }
        Event event = due.event().getTimestamp() == 0 ? due.event().toBuilder().setTimestamp(now).build() : due.event();
        // The row's deletion commits with the append; a row cancelled meanwhile withdraws it.
        return eventStore.append(store, event, c -> delete(c, due.context(), due.token()));
    }

    private void awaitPublication(Due due, CompletableFuture<Long> append) throws InterruptedException {
        try {
            Long token = append.get(1, TimeUnit.MINUTES);
            if (token != null) {
                log.debug("Scheduled event {} published at token {}", due.token(), token);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException refused
                    && refused.getStatus().getCode() == Status.Code.OUT_OF_RANGE) {
                // Its row was deleted with the refused batch's commit: it cannot ever be appended.
                log.warn("Scheduled event {} dropped: {}", due.token(), refused.getStatus().getDescription());
            } else {
                log.warn("Scheduled event {} not published yet: {}", due.token(), e.getCause().getMessage());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("Scheduled event {}: publication still pending after a minute", due.token());
        }
    }

    private void sleepUntilNextDue() throws SQLException, InterruptedException {
        long earliest;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MIN(due_at) FROM hub_scheduled_event");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            earliest = rs.getLong(1);
            if (rs.wasNull()) {
                earliest = Long.MAX_VALUE;
            }
        }
        synchronized (wakeUp) {
            // A schedule() between the query and here lowered nextDue; keep the earlier one.
            nextDue = Math.min(earliest, nextDue);
            long wait = Math.min(nextDue - System.currentTimeMillis(), MAX_SLEEP_MILLIS);
            if (wait > 0 && running) {
                wakeUp.wait(wait);
            }
            nextDue = Long.MAX_VALUE;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- lifecycle

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::publishLoop, "hub-event-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Starts after the event store and stops before it, so its appends are not refused.
        return Integer.MAX_VALUE - 40;
    }
}
