package io.sagashop.payment.gateway;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal in table {@code gateway_attempt}, each write in its own committed transaction so it
 * survives a crash of the event handler's transaction that follows.
 */
class JdbcChargeJournal implements ChargeJournal {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    JdbcChargeJournal(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Optional<String> gatewayFor(String idempotencyKey, Operation operation) {
        return ownTransaction.execute(status -> pinned(idempotencyKey, operation));
    }

    @Override
    public Optional<String> attemptingUnlessPinned(String idempotencyKey, Operation operation, String gateway) {
        return ownTransaction.execute(status -> {
            try {
                jdbc.update("insert into gateway_attempt (idempotency_key, operation, gateway, attempted_at)"
                        + " values (?, ?, ?, current_timestamp(6))", idempotencyKey, operation.name(), gateway);
                return Optional.<String>empty();
            } catch (DuplicateKeyException earlierAttempt) {
                // Only the statement failed (not INSERT IGNORE, which would also turn a too long
                // key into a silently truncated one); the transaction goes on.
                return pinned(idempotencyKey, operation);
            }
        });
    }

    @Override
    public void notReached(String idempotencyKey, Operation operation, String gateway) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "delete from gateway_attempt where idempotency_key = ? and operation = ? and gateway = ?",
                idempotencyKey, operation.name(), gateway));
    }

    private Optional<String> pinned(String idempotencyKey, Operation operation) {
        return jdbc.queryForList("select gateway from gateway_attempt where idempotency_key = ? and operation = ?",
                String.class, idempotencyKey, operation.name()).stream().findFirst();
    }
}
