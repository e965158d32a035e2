package io.sagashop.order;

import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.FindPaymentsPageQuery;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentPageView;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The payment service as the saga and the audit see it: one payment per payment id with its
 * captured and refunded amounts. A request is recorded ({@code PaymentRequested}) and captured at
 * once, unless its card token or its order was told to {@link #decline} (then declined) or to be
 * {@link #silence silent}: then the gateway's outcome, and every later command for that payment,
 * waits for {@link #resume}, as if the gateway hung. Cancelling a requested payment voids it, a
 * captured one is refunded; every command is idempotent per payment id, like the real service's.
 */
public class SimulatedPayments {

    private static final String GATEWAY = "simulated";

    private final EventGateway events;
    private final Map<PaymentId, Payment> payments = new LinkedHashMap<>();
    private final Set<String> declining = new HashSet<>();
    private final Set<String> silenced = new HashSet<>();
    private final List<Object> held = new ArrayList<>();
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> correlations = new java.util.concurrent.ConcurrentHashMap<>();

    SimulatedPayments(EventGateway events) {
        this.events = events;
    }

    // --- set up by the test ---

    /** Payments with this card token, or of this order id, are declined. */
    public synchronized void decline(String tokenOrOrderId) {
        declining.add(tokenOrOrderId);
    }

    /** Payments with this card token, or of this order id, get no answer until {@link #resume}. */
    public synchronized void silence(String tokenOrOrderId) {
        silenced.add(tokenOrOrderId);
    }

    /** Answers again, first what was kept while silent (a cancel kept there voids the payment). */
    public synchronized void resume(String tokenOrOrderId) {
        silenced.remove(tokenOrOrderId);
        List<Object> due = held.stream().filter(command -> !isSilenced(payments.get(paymentOf(command)))).toList();
        held.removeAll(due);
        due.forEach(command -> {
            boolean cancelledMeanwhile = command instanceof RequestPayment && due.stream()
                    .anyMatch(later -> later instanceof CancelPayment cancel && cancel.paymentId().equals(paymentOf(command)));
            if (!cancelledMeanwhile) {
                apply(command);
            }
        });
    }

    /** Sets what a payment of the order keeps, without any event, as a payment bug would. */
    public synchronized void tamperCaptured(String orderId, String captured) {
        payments.values().stream().filter(p -> p.orderId.equals(orderId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated payment of order " + orderId))
                .captured = new BigDecimal(captured);
    }

    /**
     * Adds {@code count} captured payments of orders named {@code orderIdPrefix} and a number,
     * orders the order service never saw, without any event: a long history for the audit to page
     * through. {@link #forget} removes them.
     */
    public synchronized void backfill(String orderIdPrefix, int count) {
        for (int i = 0; i < count; i++) {
            Payment payment = new Payment(new RequestPayment(PaymentId.random(), orderIdPrefix + i, "customer-" + i,
                    new BigDecimal("49.90"), "EUR", PaymentMethod.card("tok_backfill", "visa", "4242")));
            payment.captured = payment.amount;
            payment.status = PaymentStatus.CAPTURED;
            payments.put(payment.id, payment);
        }
    }

    /** Removes the payments of the orders named {@code orderIdPrefix} and a number ({@link #backfill}). */
    public synchronized void forget(String orderIdPrefix) {
        payments.values().removeIf(p -> p.orderId.startsWith(orderIdPrefix));
    }

    /** The correlation id the order's payment request carried, or null. */
    String requestCorrelation(String orderId) {
        return correlations.get(orderId);
    }

    /** The payment commands received for the order, of one type. */
    public <T> List<T> commands(Class<T> type, String orderId) {
        return received.stream().filter(type::isInstance).map(type::cast)
                .filter(command -> orderId.equals(orderOf(command))).toList();
    }

    /** The order's payment as {@code FindPaymentsPageQuery} answers it, or {@code null}. */
    public synchronized PaymentView paymentOfOrder(String orderId) {
        return payments.values().stream().filter(p -> p.orderId.equals(orderId)).map(Payment::view).findFirst().orElse(null);
    }

    // --- the payment service's commands ---

    @CommandHandler
    synchronized void handle(RequestPayment command, @MetaDataValue("correlationId") String correlationId) {
        received.add(command);
        if (correlationId != null) {
            correlations.put(command.orderId(), correlationId);
        }
        if (payments.containsKey(command.paymentId())) {
            return;
        }
        Payment payment = new Payment(command);
        payments.put(command.paymentId(), payment);
        events.publish(new PaymentRequested(command.paymentId(), command.orderId(), command.customerId(), command.amount(),
                command.currency(), command.method()));
        receive(command, payment);
    }

    @CommandHandler
    synchronized void handle(CancelPayment command) {
        received.add(command);
        receive(command, payments.get(command.paymentId()));
    }

    @CommandHandler
    synchronized void handle(RefundPayment command) {
        received.add(command);
        receive(command, payments.get(command.paymentId()));
    }

    private void receive(Object command, Payment payment) {
        if (isSilenced(payment)) {
            held.add(command);
        } else {
            apply(command);
        }
    }

    private void apply(Object command) {
        Payment payment = payments.get(paymentOf(command));
        if (payment == null) {
            return; // like the real service: nothing to cancel or refund
        }
        if (command instanceof RequestPayment) {
            decide(payment);
        } else if (command instanceof CancelPayment cancel) {
            if (payment.status == PaymentStatus.REQUESTED) {
                payment.change(PaymentStatus.VOIDED);
                events.publish(new PaymentVoided(payment.id, payment.orderId, cancel.reason()));
            } else if (payment.status == PaymentStatus.CAPTURED) {
                refund(payment, cancel.reason());
            }
        } else if (command instanceof RefundPayment refund && payment.status == PaymentStatus.CAPTURED) {
            refund(payment, refund.reason());
        }
    }

    private void decide(Payment payment) {
        if (payment.status != PaymentStatus.REQUESTED) {
            return;
        }
        if (declining.contains(payment.token) || declining.contains(payment.orderId)) {
            payment.declineReason = "card_declined";
            payment.change(PaymentStatus.DECLINED);
            events.publish(new PaymentDeclined(payment.id, payment.orderId, GATEWAY, payment.declineReason));
            return;
        }
        payment.captured = payment.amount;
        payment.change(PaymentStatus.CAPTURED);
        events.publish(new PaymentCaptured(payment.id, payment.orderId, payment.amount, payment.currency, GATEWAY, "ch_" + payment.id));
    }

    private void refund(Payment payment, String reason) {
        BigDecimal amount = payment.captured.subtract(payment.refunded);
        events.publish(new PaymentRefundRequested(payment.id, payment.orderId, amount, payment.currency, GATEWAY,
                "ch_" + payment.id, reason));
        payment.refunded = payment.captured;
        payment.change(PaymentStatus.REFUNDED);
        events.publish(new PaymentRefunded(payment.id, payment.orderId, amount, payment.currency, "re_" + payment.id));
    }

    // --- the payment service's queries ---

    /** Pages in payment id order, as the real service's (here Java's {@code String} order). */
    @QueryHandler
    synchronized PaymentPageView handle(FindPaymentsPageQuery query) {
        List<PaymentView> found = payments.values().stream()
                .filter(p -> query.status() == null || p.status == query.status())
                .filter(p -> query.afterPaymentId() == null || p.id.value().compareTo(query.afterPaymentId().value()) > 0)
                .sorted(java.util.Comparator.comparing(p -> p.id.value()))
                .limit(query.limit() + 1L).map(Payment::view).toList();
        List<PaymentView> page = found.subList(0, Math.min(query.limit(), found.size()));
        return new PaymentPageView(page, found.size() > query.limit() ? page.get(page.size() - 1).paymentId() : null);
    }

    private boolean isSilenced(Payment payment) {
        return payment != null && (silenced.contains(payment.token) || silenced.contains(payment.orderId));
    }

    private static PaymentId paymentOf(Object command) {
        if (command instanceof RequestPayment c) {
            return c.paymentId();
        } else if (command instanceof CancelPayment c) {
            return c.paymentId();
        }
        return ((RefundPayment) command).paymentId();
    }

    private String orderOf(Object command) {
        if (command instanceof RequestPayment request) {
            return request.orderId();
        }
        synchronized (this) {
            Payment payment = payments.get(paymentOf(command));
            return payment == null ? null : payment.orderId;
        }
    }

    private static final class Payment {
        final PaymentId id;
        final String orderId;
        final String customerId;
        final BigDecimal amount;
        final String currency;
        final PaymentMethodType methodType;
        final String token;
        final Instant requestedAt = Instant.now();
        PaymentStatus status = PaymentStatus.REQUESTED;
        BigDecimal captured = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        String declineReason;
        Instant updatedAt = requestedAt;

        Payment(RequestPayment request) {
            id = request.paymentId();
            orderId = request.orderId();
            customerId = request.customerId();
            amount = request.amount();
            currency = request.currency();
            methodType = request.method().type();
            token = request.method().token();
        }

        void change(PaymentStatus to) {
            status = to;
            updatedAt = Instant.now();
        }

        PaymentView view() {
            return new PaymentView(id, orderId, customerId, amount, currency, methodType, status, captured, refunded, GATEWAY,
                    "ch_" + id, declineReason, requestedAt, updatedAt);
        }
    }
}
