package io.sagashop.platform.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.SagaStorageException;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JDBC saga store, keeping the sagas it handled in memory and versioning every stored one.
 *
 * <p>Why: every event and deadline a saga handles loaded it afresh, two queries (its row and its
 * associations) and a JSON deserialization, though the same instance had stored it a moment
 * before; that was a sixth of the order saga's thread (docs/performance.md, session 20). A saga
 * loaded or stored here is kept, by identity, for the next handling in this instance.
 *
 * <p>Why the version ({@code saga_entry.entry_version}): a saga's events are handled in the one
 * instance that owns its segment, but its deadlines fire in whichever instance's db-scheduler picks
 * them up, and segments move between instances. An instance may therefore hold a saga another one
 * has changed since, or ended. Every update and delete names the version it loaded, and a row
 * changed meanwhile fails it with {@link SagaChangedElsewhereException}, which rolls the handling
 * back (its commands are sent only after the commit) and forgets the kept saga; the event is handled
 * again, the deadline fired again, from the stored state. Without a cache the same race was a lost
 * update: the later of two handlings overwrote the other's.
 *
 * <p>A saga is kept only by a handling that commits: one that rolls back may have changed the
 * instance, so it is forgotten. Outside a unit of work or transaction nothing is kept.
 */
class CachingJdbcSagaStore extends JdbcSagaStore {

    /** Sagas kept: far more than one instance has in flight (a few hundred at 60 orders/s), a few MB. */
    static final int KEPT = 4_096;

    private final ConnectionProvider connections;
    private final SagaSchema schema;
    private final SagaSqlSchema sql;
    private final Serializer serializer;
    private final Cache<String, Kept> kept = Caffeine.newBuilder().maximumSize(KEPT).build();

    /** A saga as this instance last loaded or stored it, and the version of its row then. */
    private record Kept(Object saga, Set<AssociationValue> associations, long version) {
    }

    CachingJdbcSagaStore(Builder builder, ConnectionProvider connections, SagaSchema schema, SagaSqlSchema sql,
                         Serializer serializer) {
        super(builder);
        this.connections = connections;
        this.schema = schema;
        this.sql = sql;
        this.serializer = serializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        boolean transactional = onRollback(() -> kept.invalidate(sagaIdentifier));
        Kept found = transactional ? kept.getIfPresent(sagaIdentifier) : null;
        if (found == null) {
            found = read(sagaType, sagaIdentifier);
            if (found == null) {
                return null;
            }
            if (transactional) {
                kept.put(sagaIdentifier, found);
            }
        }
        S saga = (S) found.saga();
        Set<AssociationValue> associations = found.associations();
        return new Entry<>() {
            @Override
            public Set<AssociationValue> associationValues() {
                return associations;
            }

            @Override
            public S saga() {
                return saga;
            }
        };
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        super.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
        Kept stored = new Kept(saga, Set.copyOf(associationValues), 0);
        afterCommit(() -> kept.put(sagaIdentifier, stored), () -> kept.invalidate(sagaIdentifier));
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        long version = loadedVersion(sagaIdentifier);
        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        String typeName = serializer.typeForClass(sagaType).getName();
        try (Connection connection = connections.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + schema.sagaEntryTable() + " SET "
                    + schema.serializedSagaColumn() + " = ?, " + schema.revisionColumn() + " = ?, entry_version = ? WHERE "
                    + schema.sagaIdColumn() + " = ? AND entry_version = ?")) {
                update.setBytes(1, serialized.getData());
                update.setString(2, serialized.getType().getRevision());
                update.setLong(3, version + 1);
                update.setString(4, sagaIdentifier);
                update.setLong(5, version);
                if (update.executeUpdate() != 1) {
                    throw changedElsewhere(sagaIdentifier, version);
                }
            }
            for (AssociationValue added : associationValues.addedAssociations()) {
                try (PreparedStatement statement = sql.sql_storeAssocValue(connection, added.getKey(), added.getValue(),
                        typeName, sagaIdentifier)) {
                    statement.executeUpdate();
                }
            }
            for (AssociationValue removed : associationValues.removedAssociations()) {
                try (PreparedStatement statement = sql.sql_removeAssocValue(connection, removed.getKey(), removed.getValue(),
                        typeName, sagaIdentifier)) {
                    statement.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new SagaStorageException("Exception occurred while attempting to update saga " + sagaIdentifier, e);
        }
        Kept stored = new Kept(saga, Set.copyOf(associationValues.asSet()), version + 1);
        afterCommit(() -> kept.put(sagaIdentifier, stored), () -> kept.invalidate(sagaIdentifier));
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        long version = loadedVersion(sagaIdentifier);
        try (Connection connection = connections.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + schema.sagaEntryTable()
                    + " WHERE " + schema.sagaIdColumn() + " = ? AND entry_version = ?")) {
                delete.setString(1, sagaIdentifier);
                delete.setLong(2, version);
                if (delete.executeUpdate() != 1) {
                    throw changedElsewhere(sagaIdentifier, version);
                }
            }
            try (PreparedStatement associations = sql.sql_deleteAssociationEntries(connection, sagaIdentifier)) {
                associations.executeUpdate();
            }
        } catch (SQLException e) {
            throw new SagaStorageException("Exception occurred while attempting to delete saga " + sagaIdentifier, e);
        }
        afterCommit(() -> kept.invalidate(sagaIdentifier), () -> kept.invalidate(sagaIdentifier));
    }

    /** Reads the saga's row, its version and its associations, or null when there is none. */
    private Kept read(Class<?> sagaType, String sagaIdentifier) {
        try (Connection connection = connections.getConnection()) {
            Object saga;
            long version;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + schema.serializedSagaColumn() + ", "
                    + schema.sagaTypeColumn() + ", " + schema.revisionColumn() + ", entry_version FROM "
                    + schema.sagaEntryTable() + " WHERE " + schema.sagaIdColumn() + " = ?")) {
                select.setString(1, sagaIdentifier);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    saga = serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(1), byte[].class,
                            new SimpleSerializedType(row.getString(2), row.getString(3))));
                    version = row.getLong(4);
                }
            }
            Set<AssociationValue> associations;
            try (PreparedStatement select = sql.sql_findAssociations(connection, sagaIdentifier,
                    serializer.typeForClass(sagaType).getName()); ResultSet rows = select.executeQuery()) {
                associations = Set.copyOf(sql.readAssociationValues(rows));
            }
            return new Kept(saga, associations, version);
        } catch (SQLException e) {
            throw new SagaStorageException("Exception while loading saga " + sagaIdentifier, e);
        }
    }

    /**
     * The version the handling loaded, which its update or delete expects. A saga no longer kept (only
     * if thousands of others were loaded since) cannot be checked: the handling is refused and
     * handled again, not stored unchecked.
     */
    private long loadedVersion(String sagaIdentifier) {
        Kept found = kept.getIfPresent(sagaIdentifier);
        if (found == null) {
            throw new SagaChangedElsewhereException("Saga " + sagaIdentifier
                    + " is no longer kept in this instance, so its version is unknown; handle it again");
        }
        return found.version();
    }

    private static SagaChangedElsewhereException changedElsewhere(String sagaIdentifier, long version) {
        return new SagaChangedElsewhereException("Saga " + sagaIdentifier + " was changed or ended elsewhere since this "
                + "instance loaded it (version " + version + "); handle it again from the stored state");
    }

    /** Runs {@code onRollback} if the current unit of work or transaction rolls back; false when there is none. */
    private static boolean onRollback(Runnable onRollback) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onRollback(unitOfWork -> onRollback.run());
            return true;
        }
        return onSpringCompletion(() -> { }, onRollback);
    }

    /** Runs {@code committed} once the current unit of work or transaction commits, else {@code otherwise}. */
    private static void afterCommit(Runnable committed, Runnable otherwise) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            unitOfWork.afterCommit(u -> committed.run());
            unitOfWork.onRollback(u -> otherwise.run());
        } else if (!onSpringCompletion(committed, otherwise)) {
            otherwise.run();
        }
    }

    /** The same for a Spring transaction without a unit of work; false when there is none. */
    private static boolean onSpringCompletion(Runnable committed, Runnable otherwise) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                (status == STATUS_COMMITTED ? committed : otherwise).run();
            }
        });
        return true;
    }
}
