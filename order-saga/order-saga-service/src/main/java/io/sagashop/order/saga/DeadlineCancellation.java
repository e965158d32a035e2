package io.sagashop.order.saga;

import javax.sql.DataSource;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cancels a saga's deadline in the handling's own transaction, and never fails it.
 *
 * <p>Axon's db-scheduler deadline manager cancels on prepare-commit through db-scheduler's API,
 * which refuses a task it is executing at that moment ({@code TaskInstanceCurrentlyExecutingException})
 * and so rolled back the processor's whole batch. The saga therefore cancelled after the commit,
 * in a transaction of its own: a read and a delete per deadline, two such transactions per order
 * (docs/performance.md, session 17). Here the timer's row goes with one conditional delete in the
 * handling's transaction: a timer db-scheduler has picked is left to fire into a saga that has
 * moved on (its handlers find a stale generation or no saga and do nothing), exactly what a
 * refused cancel did; a handling rolled back keeps its timers, as it keeps the state that needs
 * them. {@code SagaCommitBoundaryServiceTest} runs both cases against db-scheduler's table.
 *
 * <p>Any other deadline manager (the saga test fixture's) cancels through its own API.
 */
@Component
class DeadlineCancellation {

    /** The task name Axon's {@code DbSchedulerDeadlineManager} gives every deadline (its {@code DbSchedulerDeadlineToken.TASK_NAME}). */
    static final String AXON_TASK_NAME = "AxonDeadline";

    private final JdbcClient jdbc;
    private final String delete;

    @Autowired
    DeadlineCancellation(DataSource dataSource, @Value("${db-scheduler.table-name:scheduled_tasks}") String table) {
        this.jdbc = JdbcClient.create(dataSource);
        this.delete = "DELETE FROM " + table + " WHERE task_name = ? AND task_instance = ? AND picked = FALSE";
    }

    private DeadlineCancellation() {
        this.jdbc = null;
        this.delete = null;
    }

    /** Cancels through the deadline manager only: for a saga test fixture, which has no database. */
    static DeadlineCancellation throughTheDeadlineManager() {
        return new DeadlineCancellation();
    }

    void cancel(DeadlineManager deadlines, String name, String deadlineId) {
        if (jdbc != null && deadlines instanceof DbSchedulerDeadlineManager) {
            jdbc.sql(delete).params(AXON_TASK_NAME, deadlineId).update();
        } else {
            deadlines.cancelSchedule(name, deadlineId);
        }
    }
}
