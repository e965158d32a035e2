package io.sagashop.hub.eventstore;

import java.sql.SQLException;
import java.util.concurrent.Executor;

/** The event store of one context: its number in the database, its writer and its recent events. */
final class ContextStore {

    private final String name;
    private final short id;
    private final EventTable table;
    private final RecentEvents recent;
    private final EventWriter writer;
    private final EventStoreProperties properties;
    private final Executor readers;

    private ContextStore(String name, short id, EventTable table, EventStoreProperties properties, Executor readers)
            throws SQLException {
        this.name = name;
        this.id = id;
        this.table = table;
        this.properties = properties;
        this.readers = readers;
        // The next token continues after what the database holds, whatever happened before.
        this.recent = new RecentEvents(properties.recentEvents(), table.maxIndex(id));
        this.writer = new EventWriter(name, id, table, recent, properties);
    }

    /** Opens a context's store; {@code readers} runs database reads ahead of streams that catch up. */
    static ContextStore open(String name, EventTable table, EventStoreProperties properties, Executor readers)
            throws SQLException {
        ContextStore store = new ContextStore(name, table.contextId(name), table, properties, readers);
        store.writer.start();
        return store;
    }

    String name() {
        return name;
    }

    short id() {
        return id;
    }

    EventTable table() {
        return table;
    }

    RecentEvents recent() {
        return recent;
    }

    EventWriter writer() {
        return writer;
    }

    EventStoreProperties properties() {
        return properties;
    }

    Executor readers() {
        return readers;
    }
}
