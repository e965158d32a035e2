package io.sagashop.order.audit;

import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.inspection.SagaJournalReader;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.FindOrderRangeQuery;
import io.sagashop.order.api.OrderRangeView;
import io.sagashop.payment.api.FindPaymentsPageQuery;
import io.sagashop.payment.api.PaymentPageView;
import io.sagashop.platform.DomainError;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs the audit: asks the catalog, the payments and then the order views (each page by page)
 * through the hub, reads the stuck sagas from the inspection journal of this service, and applies
 * {@link ConsistencyRules} to each piece as it comes. A participant that does not answer fails the
 * audit with 503 naming it: an audit without its figures would prove nothing. {@code GET /audit} runs it, and so does the
 * inspection protocol's consistency report ({@link AuditConsistencyCheck}).
 *
 * <p>Orders and payments grow with history, so both come in pages: one answer with all of them
 * would outgrow a gRPC message (4 MB by default; the payments did past about 10 500), and all of
 * them held at once outgrew the order service's heap (at about 140 000 orders). The stock
 * figures come in one answer: one entry per product, whose open reservations are only those of
 * orders still in progress (committing or releasing removes them), so that answer grows with the
 * catalog and the orders in flight, not with history.
 */
@Component
class ConsistencyAudit {

    private static final int PAGE = FindOrderRangeQuery.MAX_LIMIT;

    /** Payments per page: the most the payment service answers at once, a few hundred KB. */
    static final int PAYMENT_PAGE = FindPaymentsPageQuery.MAX_LIMIT;

    /** The stuck sagas the audit looks at, at most. */
    static final int MAX_STUCK_SAGAS = FindSagasQuery.MAX_LIMIT;

    private final QueryGateway queries;
    private final SagaJournalReader sagas;
    private final ConsistencyRules rules;
    private final Clock clock;

    @Autowired
    ConsistencyAudit(QueryGateway queries, SagaJournalReader sagas, AuditSettings settings, ObjectProvider<Clock> clock) {
        this(queries, sagas, new ConsistencyRules(settings.deadline(), settings.audit().grace()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    ConsistencyAudit(QueryGateway queries, SagaJournalReader sagas, ConsistencyRules rules, Clock clock) {
        this.queries = queries;
        this.sagas = sagas;
        this.rules = rules;
        this.clock = clock;
    }

    /** Runs the audit now, listing at most {@code maxViolations} violations (1 to 10 000; the counts cover all). */
    AuditReportView run(int maxViolations) {
        if (maxViolations < 1 || maxViolations > 10_000) {
            throw DomainError.invalid("max-violations-out-of-range", "maxViolations",
                    "must be between 1 and 10000").exception();
        }
        // The stock figures are asked first and wait while the payments are read: both are needed
        // before the first order is checked.
        CompletableFuture<StockLevelsListView> stock = ask("catalog",
                queries.query(FindStockLevelsQuery.all(), StockLevelsListView.class));
        List<SagaSummaryView> stuck = sagas.find(new FindSagasQuery(null, SagaState.STUCK, null, null, MAX_STUCK_SAGAS));
        ConsistencyRules.Check check = rules.start(clock.instant(), maxViolations);
        readPayments(check);
        check.stock(join(stock));
        readOrders(check);
        return check.stuckSagas(stuck).report();
    }

    /**
     * Every payment, page by page, before any order: payments are in payment id order, which is
     * not the orders', so the check keeps what it needs of them ({@link KeptPayments}) and then
     * takes the orders one range at a time. Each page is asked from this thread, not from the
     * callback of the page before, so that every query carries this audit's correlation and trace.
     */
    private void readPayments(ConsistencyRules.Check check) {
        for (FindPaymentsPageQuery page = FindPaymentsPageQuery.first(PAYMENT_PAGE); page != null; ) {
            PaymentPageView found = join(ask("payment", queries.query(page, PaymentPageView.class)));
            check.payments(found.payments());
            page = found.last() ? null : page.after(found.nextAfter());
        }
    }

    /** Every order, range by range, each checked and then let go. */
    private void readOrders(ConsistencyRules.Check check) {
        for (FindOrderRangeQuery range = FindOrderRangeQuery.first(PAGE); range != null; ) {
            OrderRangeView found = join(ask("order-tracking", queries.query(range, OrderRangeView.class)));
            check.orders(found.orders());
            range = found.last() ? null : range.after(found.nextAfter());
        }
    }

    private static <T> CompletableFuture<T> ask(String participant, CompletableFuture<T> answer) {
        return answer.exceptionally(failure -> {
            throw unavailable(participant, failure);
        });
    }

    private static <T> T join(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
    }

    private static RuntimeException unavailable(String participant, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!undeliverable(cause)) {
            return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        return new DomainError(participant + "-unavailable", 503,
                "The audit needs the " + participant + " service, which is not reachable right now", null).exception();
    }

    /** No handler connected for the query, or no way to reach the hub. */
    private static boolean undeliverable(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof NoHandlerForQueryException || t instanceof NoHandlerForCommandException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("AXONIQ-5000") || message.contains("AXONIQ-5002") || message.contains("AXONIQ-3001")
                    || message.contains("No handler")) {
                return true;
            }
        }
        return false;
    }
}
