package io.sagashop.order.saga;

import io.sagashop.inspection.SagaJournal;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.stereotype.Component;

/**
 * The saga's own collaborators (the journal is the saga-inspection library's), handed to its handlers as one parameter (Axon resolves it as a
 * Spring bean; tests register one with in-memory parts as a fixture resource). The command
 * gateway and the deadline manager come as separate parameters so that the test fixture can
 * supply its own. {@code transactions} is for the work a saga does after its handling committed
 * (a refusal reported): the service's connections do not auto-commit. {@code cancellation}
 * cancels a deadline in the handling's transaction. {@code backlog} tells a step deadline whether
 * the sagas' processor is behind the events (it then postpones its resend).
 */
@Component
record SagaResources(SagaJournal journal, SagaSettings settings, TransactionManager transactions,
                     DeadlineCancellation cancellation, SagaBacklog backlog) {
}
