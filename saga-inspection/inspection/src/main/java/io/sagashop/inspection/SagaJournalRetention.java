package io.sagashop.inspection;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Bounds the journal: the row, timeline and deadlines of a saga that ended longer ago than
 * {@code sagashop.inspection.retention} are deleted, a bounded batch at a time. Running sagas are
 * never pruned, however old. Run every {@code retention-interval}: by db-scheduler when the
 * application has it (one instance runs it), else by every instance (the deletes are idempotent).
 */
public class SagaJournalRetention {

    /** The db-scheduler task's name. */
    public static final String TASK = "saga-inspection-retention";

    private static final Logger LOGGER = LoggerFactory.getLogger(SagaJournalRetention.class);
    private static final int BATCH = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration retention;

    public SagaJournalRetention(DataSource dataSource, Duration retention) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.retention = retention;
    }

    /** Deletes the journal of sagas that ended before {@code now - retention}; answers how many sagas. */
    public int prune(Instant now) {
        int pruned = 0;
        List<String> ended;
        do {
            ended = jdbc.queryForList("SELECT saga_id FROM saga_inspection_saga WHERE state <> 'ACTIVE' AND last_activity_at < :before "
                            + "ORDER BY last_activity_at LIMIT " + BATCH,
                    new MapSqlParameterSource("before", Timestamp.from(now.minus(retention))), String.class);
            if (!ended.isEmpty()) {
                MapSqlParameterSource ids = new MapSqlParameterSource("ids", ended);
                jdbc.update("DELETE FROM saga_inspection_timeline WHERE saga_id IN (:ids)", ids);
                jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id IN (:ids)", ids);
                jdbc.update("DELETE FROM saga_inspection_saga WHERE saga_id IN (:ids)", ids);
                pruned += ended.size();
            }
        } while (ended.size() == BATCH);
        if (pruned > 0) {
            LOGGER.info("Pruned the inspection journal of {} saga(s) ended more than {} ago", pruned, retention);
        }
        return pruned;
    }
}
