package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaState;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bounds the journal: the row, timeline and deadlines of a saga that ended longer ago than
 * {@code sagashop.inspection.retention} are deleted, a bounded batch at a time. Running sagas are
 * never pruned, however old. Run every {@code retention-interval}: by db-scheduler when the
 * application has it (one instance runs it), else by every instance: a batch another instance
 * deleted first is rolled back and the run stops, so no saga is taken off the ended counts twice.
 */
public class SagaJournalRetention {

    /** The db-scheduler task's name. */
    public static final String TASK = "saga-inspection-retention";

    private static final Logger LOGGER = LoggerFactory.getLogger(SagaJournalRetention.class);
    private static final int BATCH = 500;
    /** The states a saga ends in: what may be pruned. */
    private static final List<String> ENDED = Arrays.stream(SagaState.values())
            .filter(state -> state != SagaState.ACTIVE && state != SagaState.STUCK).map(SagaState::name).toList();
    /**
     * The ended sagas past retention, by the (state, last_activity_at) index: one range per ended
     * state, so a run reads the expired rows only, not every saga the journal keeps (with
     * {@code state <> 'ACTIVE'} it read them all: 23 334 rows at about 23 500 orders; docs/performance.md).
     */
    private static final String EXPIRED = "SELECT saga_id, saga_type, state FROM saga_inspection_saga "
            + "WHERE state IN (:ended) AND last_activity_at < :before LIMIT " + BATCH;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration retention;

    public SagaJournalRetention(DataSource dataSource, Duration retention) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.retention = retention;
    }

    /** Deletes the journal of sagas that ended before {@code now - retention}; answers how many sagas. */
    public int prune(Instant now) {
        int pruned = 0;
        List<Expired> ended;
        do {
            ended = jdbc.query(EXPIRED, new MapSqlParameterSource("before", Timestamp.from(now.minus(retention)))
                    .addValue("ended", ENDED), (row, i) -> new Expired(row.getString(1), row.getString(2), row.getString(3)));
            if (ended.isEmpty()) {
                break;
            }
            List<Expired> batch = ended;
            if (!Boolean.TRUE.equals(transactions.execute(status -> delete(batch) || rollBack(status)))) {
                LOGGER.info("Another instance is pruning the inspection journal; this run stops");
                break;
            }
            pruned += ended.size();
        } while (ended.size() == BATCH);
        if (pruned > 0) {
            LOGGER.info("Pruned the inspection journal of {} saga(s) ended more than {} ago", pruned, retention);
        }
        return pruned;
    }

    private static boolean rollBack(TransactionStatus status) {
        status.setRollbackOnly();
        return false;
    }

    private record Expired(String sagaId, String sagaType, String state) {
    }

    /**
     * One batch's rows, and its sagas taken off the ended counts, in one transaction: a saga
     * deleted is a saga no longer counted. A saga counted in {@code saga_inspection_ended} was
     * counted in its own slot, or in slot 0 when it ended before the counts were kept; taking it
     * back from its own slot keeps the sum right either way.
     */
    private boolean delete(List<Expired> batch) {
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", batch.stream().map(Expired::sagaId).toList());
        jdbc.update("DELETE FROM saga_inspection_timeline WHERE saga_id IN (:ids)", ids);
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id IN (:ids)", ids);
        int deleted = jdbc.update("DELETE FROM saga_inspection_saga WHERE saga_id IN (:ids)", ids);
        if (deleted != batch.size()) {
            return false; // another instance deleted some of them first, and took them off the counts
        }
        Map<List<Object>, Long> bySlot = batch.stream().collect(Collectors.groupingBy(
                saga -> List.of(saga.sagaType(), saga.state(), JdbcSagaJournal.slot(saga.sagaId())), Collectors.counting()));
        bySlot.forEach((key, sagas) -> jdbc.update("INSERT INTO saga_inspection_ended (saga_type, state, slot, sagas) "
                        + "VALUES (:type, :state, :slot, :minus) ON DUPLICATE KEY UPDATE sagas = sagas + :minus",
                new MapSqlParameterSource("type", key.get(0)).addValue("state", key.get(1)).addValue("slot", key.get(2))
                        .addValue("minus", -sagas)));
        return true;
    }
}
