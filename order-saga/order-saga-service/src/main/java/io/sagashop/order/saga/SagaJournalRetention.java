package io.sagashop.order.saga;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Bounds the saga journal: the summary and timeline of a saga that ended longer ago than
 * {@code sagashop.order.journal-retention} (default 7 days) are deleted, a bounded batch at a
 * time, by a db-scheduler recurring task (so one instance of the service runs it, whatever the
 * number of instances). Active sagas are never pruned, however old.
 */
@Configuration(proxyBeanMethods = false)
class SagaJournalRetention {

    private static final Logger LOGGER = LoggerFactory.getLogger(SagaJournalRetention.class);
    private static final int BATCH = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration retention;

    SagaJournalRetention(NamedParameterJdbcTemplate jdbc, @Value("${sagashop.order.journal-retention:7d}") Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Bean
    Task<Void> sagaJournalRetentionTask() {
        return Tasks.recurring("saga-journal-retention", FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> prune(Clock.systemUTC().instant()));
    }

    /** Deletes the journal of sagas that ended before {@code now - retention}; answers how many sagas. */
    int prune(Instant now) {
        int pruned = 0;
        List<String> ended;
        do {
            ended = jdbc.queryForList("SELECT saga_id FROM saga_summary WHERE state <> 'ACTIVE' AND last_activity_at < :before "
                            + "ORDER BY last_activity_at LIMIT " + BATCH,
                    new MapSqlParameterSource("before", Timestamp.from(now.minus(retention))), String.class);
            if (!ended.isEmpty()) {
                MapSqlParameterSource ids = new MapSqlParameterSource("ids", ended);
                jdbc.update("DELETE FROM saga_timeline WHERE saga_id IN (:ids)", ids);
                jdbc.update("DELETE FROM saga_deadline WHERE saga_id IN (:ids)", ids);
                jdbc.update("DELETE FROM saga_summary WHERE saga_id IN (:ids)", ids);
                pruned += ended.size();
            }
        } while (ended.size() == BATCH);
        if (pruned > 0) {
            LOGGER.info("Pruned the journal of {} saga(s) ended more than {} ago", pruned, retention);
        }
        return pruned;
    }
}
