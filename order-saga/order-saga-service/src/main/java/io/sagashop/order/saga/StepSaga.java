package io.sagashop.order.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderCompensationRequested;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStepRetryRequested;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReturned;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentVoided;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaScopeDescriptor;

/**
 * The engine both order sagas run on ({@link OrderSaga}: placement; {@link OrderCancellationSaga}:
 * cancellation after confirmation and refunds made outside the saga). It holds what a saga knows
 * (lines, payment, what the order applied) and runs {@link StepTable}: after every handled message
 * it moves through the rows whose step is done, sends the current row's outstanding commands not
 * sent yet in this step, records progress and re-arms the step deadline — all in the handling's
 * unit of work. The sagas' handlers only record what a message means ({@link #handle}); they never
 * send, journal or schedule themselves.
 *
 * <p>Replies: an event is the answer to a command. A refusal (4xx) of a command comes back as a
 * {@code command-refused} deadline scheduled from the command's callback ({@link SagaCommands}) and is
 * handled here in the saga's own unit of work: a forward command's refusal fails the order
 * ({@link StepTable#refused}), any other is resent by the step deadline at most
 * {@link #REFUSALS_BEFORE_HOLD} times and then held for an operator. Lost in a crash, the refusal
 * comes again with the step deadline's resend. No answer at all: the step deadline resends.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
// Fields of earlier versions (cancelPaymentSent, refundPaymentSent, cancelOrderSent) are now derived.
@JsonIgnoreProperties(ignoreUnknown = true)
abstract class StepSaga {

    static final String SERVICE = "order-saga";
    static final String ORDER_ID = "orderId";
    static final String PAYMENT_ID = "paymentId";
    static final String ORDER_DEADLINE = "order-deadline";
    static final String STEP_DEADLINE = "step-deadline";
    static final String REFUSED_DEADLINE = "command-refused";
    /** A refused command is resent this many times (a refusal may be a race, e.g. ReturnStock before its CommitStock landed), then held. */
    static final int REFUSALS_BEFORE_HOLD = 3;
    /** A resend postponed for the processor's backlog ({@link SagaBacklog}) is looked at again after at least this. */
    static final Duration SHORTEST_POSTPONEMENT = Duration.ofSeconds(1);

    String sagaId;
    String orderId;
    String customerId;
    BigDecimal total;
    String currency;
    PaymentMethod paymentMethod;
    Map<String, SagaLine> lines = new LinkedHashMap<>();
    String paymentId;
    PaymentStage payment = PaymentStage.NONE;
    SagaStep step;
    RejectionReason rejection;
    String rejectionDetail;
    String cancellationReason;
    String orderDeadlineId;
    Instant orderDeadlineAt;
    boolean orderDeadlinePassed;
    long retryGeneration;
    int retriesInStep;
    /** The pending step-deadline timer ({@link #armStepDeadline}), and when it fires. */
    String stepDeadlineId;
    Instant stepDeadlineAt;
    /** When the step deadline is due (null: none wanted); the timer may fire earlier and is then moved here. */
    Instant stepDueAt;
    boolean orderConfirmed;
    boolean orderRejected;
    boolean orderCancelled;
    boolean refundRecorded;
    /** Keys ({@link #key}) of the commands sent since the current step was entered: each goes out once, then only on resends. */
    Set<String> sentInStep = new LinkedHashSet<>();
    /** Refusals per command key in the current step; at {@link #REFUSALS_BEFORE_HOLD} the command is held. */
    Map<String, Integer> refusals = new LinkedHashMap<>();

    /** The handling in progress (never stored). */
    private transient Handling h;

    // ---- what the sagas' handlers call --------------------------------------------------------

    /**
     * Handles one message: journals it, and unless {@code ignoredBecause} says why it changes
     * nothing (a duplicate, a late answer), applies {@code transition}, then runs the table.
     */
    final void handle(Object message, Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources,
                      String ignoredBecause, Runnable transition) {
        begin(at, gateway, deadlines, resources);
        apply(message, ignoredBecause, transition);
    }

    /** {@link #handle} once {@link #begin} was called (a start handler decides after it). */
    final void apply(Object message, String ignoredBecause, Runnable transition) {
        if (ignoredBecause != null) {
            received(message, ignoredBecause);
            return;
        }
        received(message, null);
        transition.run();
        advance();
        progressed();
    }

    final void begin(Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        ScopeDescriptor scope = Scope.describeCurrentScope();
        if (sagaId == null && scope instanceof SagaScopeDescriptor sagaScope) {
            sagaId = String.valueOf(sagaScope.getIdentifier());
        }
        h = new Handling(at, gateway, deadlines, resources, scope);
    }

    /**
     * The saga's type for inspection (the saga-inspection library's journal and protocol): the
     * name operators see and that its actions are sent under. Not stored with the saga.
     */
    abstract String sagaType();

    /** A new saga: its row in the inspection journal, keyed by the order id, due at the order deadline if any. */
    final void started(Instant orderDeadline) {
        h.resources().journal().started(sagaType(), sagaId, orderId, h.at(), orderDeadline);
    }

    /** Sets the saga's lifetime deadline (placement only), in this handling's unit of work. */
    final void setOrderDeadline() {
        Duration deadline = h.resources().settings().deadline();
        orderDeadlineAt = now().plus(deadline);
        orderDeadlineId = h.deadlines().schedule(deadline, ORDER_DEADLINE, new OrderDeadline(orderId, orderDeadlineAt));
        h.resources().journal().deadlineSet(sagaId, ORDER_DEADLINE, orderDeadlineId, orderDeadlineAt);
        log(SagaTimelineEntryKind.DEADLINE_SET, ORDER_DEADLINE, "order deadline at " + orderDeadlineAt);
    }

    /**
     * The order deadline fired: answers whether it is the first time (a second firing is journalled
     * and ignored). The caller then applies what it means for the current step.
     */
    final boolean orderDeadlineFired(OrderDeadline deadline) {
        if (orderDeadlinePassed) {
            log(SagaTimelineEntryKind.DEADLINE_FIRED, ORDER_DEADLINE, "fired again, ignored");
            return false;
        }
        orderDeadlineId = null;
        orderDeadlinePassed = true;
        h.resources().journal().deadlinesGone(sagaId, ORDER_DEADLINE, deadline.dueAt());
        log(SagaTimelineEntryKind.DEADLINE_FIRED, ORDER_DEADLINE, "order deadline passed in step " + step);
        return true;
    }

    /** After a deadline or an operator changed the facts: run the table and record progress. */
    final void advanceAndProgress() {
        advance();
        progressed();
    }

    /** Enters a step: runs the row's entry, and the commands it sends go out once each. */
    final void enter(SagaStep next) {
        if (step != next) {
            log(SagaTimelineEntryKind.STEP_CHANGED, null, (step == null ? "" : step + " -> ") + next);
            step = next;
            retriesInStep = 0;
            sentInStep.clear();
            refusals.clear();
            StepTable.of(next).entered(this);
        }
    }

    /** A forward step failed: compensate (the order is rejected with this reason). */
    final void fail(RejectionReason reason, String detail) {
        rejection = reason;
        rejectionDetail = detail;
        log(SagaTimelineEntryKind.COMPENSATION, null, reason + ": " + detail);
        enter(SagaStep.COMPENSATING);
    }

    /** A note in the timeline, e.g. why a step went the way it did. */
    final void note(SagaTimelineEntryKind kind, String messageName, String detail) {
        log(kind, messageName, detail);
    }

    /** The one place a saga ends. */
    final void finish(SagaState state) {
        if (orderDeadlineId != null) {
            cancelDeadline(ORDER_DEADLINE, orderDeadlineId);
            log(SagaTimelineEntryKind.DEADLINE_CANCELLED, ORDER_DEADLINE, null);
            orderDeadlineId = null;
        }
        step = SagaStep.DONE;
        armStepDeadline();
        log(SagaTimelineEntryKind.ENDED, null, state.name());
        h.resources().journal().ended(sagaType(), sagaId, state, h.at());
        SagaLifecycle.end();
    }

    // ---- the engine ------------------------------------------------------------------------------

    /**
     * Runs the table: while the current row is done, its {@code next} moves on (entering a step or
     * finishing); then what the current row has outstanding and not yet sent in this step goes out.
     */
    private void advance() {
        for (int moves = 0; step != null && step != SagaStep.DONE && moves < SagaStep.values().length; moves++) {
            StepTable row = StepTable.of(step);
            if (!row.done(this)) {
                break;
            }
            row.next(this);
        }
        sendOutstanding(false);
    }

    /** Sends the current row's outstanding commands: those not sent in this step yet, or all of them on a resend; held ones not. */
    private void sendOutstanding(boolean resend) {
        if (step == null || step == SagaStep.DONE) {
            return;
        }
        for (Object command : StepTable.of(step).outstanding(this)) {
            String key = key(command);
            if (held(key)) {
                continue;
            }
            if (sentInStep.add(key) || resend) {
                sender().send(command);
            }
        }
    }

    boolean held(String key) {
        return refusals.getOrDefault(key, 0) >= REFUSALS_BEFORE_HOLD;
    }

    /** What identifies a command within a step: its type, and the product for a per-line command. */
    static String key(Object command) {
        String name = command.getClass().getSimpleName();
        ProductId product = null;
        if (command instanceof ReserveStock c) {
            product = c.productId();
        } else if (command instanceof ReleaseStock c) {
            product = c.productId();
        } else if (command instanceof CommitStock c) {
            product = c.productId();
        } else if (command instanceof ReturnStock c) {
            product = c.productId();
        }
        return product == null ? name : name + ":" + product;
    }

    // ---- answers every saga shares ------------------------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReleased event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        String product = event.productId().toString();
        handle(event, at, gateway, deadlines, resources, lineIs(product, LineStatus.RELEASING) ? null : DUPLICATE,
                () -> line(product, LineStatus.RELEASED));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockCommitted event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        String product = event.productId().toString();
        // In REFUNDING (a saga stored by an earlier version, cancelled while committing) the sold units go straight back.
        handle(event, at, gateway, deadlines, resources, lineIs(product, LineStatus.COMMITTING) ? null : DUPLICATE,
                () -> line(product, step == SagaStep.REFUNDING ? LineStatus.RETURNING : LineStatus.COMMITTED));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReturned event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        String product = event.productId().toString();
        handle(event, at, gateway, deadlines, resources, lineIs(product, LineStatus.RETURNING) ? null : DUPLICATE,
                () -> line(product, LineStatus.RETURNED));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentVoided event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        handle(event, at, gateway, deadlines, resources, payment == PaymentStage.REQUESTED ? null : DUPLICATE,
                () -> payment = PaymentStage.VOIDED);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderRefunded event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        handle(event, at, gateway, deadlines, resources, refundRecorded ? DUPLICATE : null, () -> refundRecorded = true);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancelled event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        boolean expected = step == SagaStep.CANCELLING || step == SagaStep.REFUNDING;
        handle(event, at, gateway, deadlines, resources, expected && !orderCancelled ? null : DUPLICATE, () -> orderCancelled = true);
    }

    // ---- operators ----------------------------------------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderStepRetryRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        begin(at, gateway, deadlines, resources);
        log(SagaTimelineEntryKind.OPERATOR_ACTION, "OrderStepRetryRequested", event.operator() + " retries step " + step);
        refusals.clear(); // held commands go out again
        sendOutstanding(true);
        progressed();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCompensationRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        begin(at, gateway, deadlines, resources);
        log(SagaTimelineEntryKind.OPERATOR_ACTION, "OrderCompensationRequested", event.operator() + ": " + event.reason());
        if (StepTable.of(step).forward()) {
            fail(RejectionReason.COMPENSATED_BY_OPERATOR, "compensated by " + event.operator() + ": " + event.reason());
            advance();
        } else {
            log(SagaTimelineEntryKind.OPERATOR_ACTION, "OrderCompensationRequested", "nothing to compensate in step " + step);
        }
        progressed();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderSagaEndRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        begin(at, gateway, deadlines, resources);
        log(SagaTimelineEntryKind.OPERATOR_ACTION, "OrderSagaEndRequested", event.operator() + " ends the saga: " + event.reason());
        finish(SagaState.ENDED_BY_OPERATOR);
    }

    // ---- deadlines ------------------------------------------------------------------------------

    /**
     * The step deadline's timer. If the saga made progress since it was set, the deadline is not
     * due yet: the timer moves to {@link #stepDueAt} ({@link #armStepDeadline} explains why it
     * lags). Otherwise nothing moved the saga on for the whole wait: the current row's outstanding
     * commands are sent again (all are idempotent at their handlers; held ones not) and it is armed
     * again with a doubled wait. Not progress: a saga that only resends shows up as stuck after
     * {@code stuck-after}, for an operator to look at.
     */
    @DeadlineHandler(deadlineName = STEP_DEADLINE)
    void on(RetryDue retry, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        begin(now(), gateway, deadlines, resources);
        if (retry.generation() != retryGeneration) {
            log(SagaTimelineEntryKind.DEADLINE_FIRED, STEP_DEADLINE, "stale: the saga moved on since, nothing to do");
            return;
        }
        if (stepDeadlineId != null) {
            resources.journal().deadlineGone(sagaId, stepDeadlineId);
            stepDeadlineId = null;
            stepDeadlineAt = null;
        }
        // Compared with the timer's own due time, not the clock: the wait left is the same on
        // either. A saga stored by a version that re-armed the timer on every step has no
        // stepDueAt: its timer is the deadline.
        if (stepDueAt != null && stepDueAt.isAfter(retry.dueAt())) {
            scheduleStepTimer(Duration.between(retry.dueAt(), stepDueAt), stepDueAt);
            return;
        }
        Duration behind = resources.backlog().behind(now());
        if (behind.compareTo(resources.settings().retry().backlogTolerance()) > 0) {
            postponeResend(behind);
            return;
        }
        log(SagaTimelineEntryKind.DEADLINE_FIRED, STEP_DEADLINE, "no answer in step " + step);
        retriesInStep++;
        log(SagaTimelineEntryKind.RETRY, null, "resending step " + step + " (retry " + retriesInStep + ")"
                + (refusals.keySet().stream().anyMatch(this::held) ? "; held for an operator: " + heldKeys() : ""));
        sendOutstanding(true);
        armStepDeadline();
    }

    /**
     * A participant refused a command (4xx), reported from the command's callback. Handled in the
     * saga's unit of work: the row decides (a forward command's refusal fails the order); any
     * other refusal counts towards holding the command for an operator.
     */
    @DeadlineHandler(deadlineName = REFUSED_DEADLINE)
    void on(CommandRefused refused, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        begin(now(), gateway, deadlines, resources);
        if (step == null || step == SagaStep.DONE || !refused.step().equals(step.name())) {
            log(SagaTimelineEntryKind.DEADLINE_FIRED, REFUSED_DEADLINE, refused.command() + " refused in step " + refused.step()
                    + ", the saga is in " + step + " now: nothing to do");
            return;
        }
        if (StepTable.of(step).outstanding(this).stream().map(StepSaga::key).noneMatch(refused.command()::equals)) {
            // Answered in the meantime (e.g. the refusal of a resend that raced the first send's success).
            log(SagaTimelineEntryKind.DEADLINE_FIRED, REFUSED_DEADLINE, refused.command() + " refused, but no longer outstanding: "
                    + "nothing to do (" + refused.detail() + ")");
            return;
        }
        int count = refusals.merge(refused.command(), 1, Integer::sum);
        log(SagaTimelineEntryKind.DEADLINE_FIRED, REFUSED_DEADLINE, refused.command() + " refused (" + count + "): " + refused.detail());
        if (StepTable.of(step).refused(this, refused.command(), refused.detail())) {
            advance();
            progressed();
        } else if (held(refused.command())) {
            log(SagaTimelineEntryKind.COMMAND_FAILED, refused.command(), "refused " + count
                    + " times: no longer resent; held for an operator (retry the step, compensate or end the saga)");
        }
    }

    private String heldKeys() {
        return String.join(", ", refusals.keySet().stream().filter(this::held).toList());
    }

    /**
     * Arms the step deadline for the saga's current state in this handling's unit of work (so it
     * exists exactly if the state that needs it was committed). The wait is {@code
     * retry.initial-backoff} doubled per resend already made in this state, up to {@code
     * retry.max-backoff}. In a forward step a resend that would come at or after the order deadline
     * is not armed: the order deadline is then the pending one, and it compensates.
     *
     * <p>Every handling that makes progress moves the deadline, but the timer behind it (a row in
     * db-scheduler's table, and one in the inspection journal) is only replaced when the new due
     * time is earlier than the pending timer's. Otherwise the timer stays and, firing early, moves
     * itself to {@link #stepDueAt}: most sagas end before their first timer fires, so an order pays
     * one timer instead of a cancel and a schedule (a row in each of two tables, written and deleted) per step.
     */
    final void armStepDeadline() {
        Instant due = nextStepDue();
        stepDueAt = due;
        if (due == null) {
            cancelStepTimer();
        } else if (stepDeadlineId == null || stepDeadlineAt == null || stepDeadlineAt.isAfter(due)) {
            cancelStepTimer();
            scheduleStepTimer(h.resources().settings().backoff(retriesInStep), due);
        } else {
            // The pending timer fires first and moves itself; the journal shows when the step is due.
            h.resources().journal().deadlineSet(sagaId, STEP_DEADLINE, stepDeadlineId, due);
        }
    }

    /**
     * The step deadline fired while the sagas' processor handles events {@code behind} old: the
     * answer may be among those it has yet to reach. No resend, and no retry counted; the timer
     * comes back after about as long as the processor needs to reach the present: {@code behind},
     * at least {@link #SHORTEST_POSTPONEMENT}, at most the step's backoff. In a forward step, a
     * timer that would come at or after the order deadline is not set: the order deadline decides.
     */
    private void postponeResend(Duration behind) {
        Duration backoff = h.resources().settings().backoff(retriesInStep);
        Duration wait = behind.compareTo(SHORTEST_POSTPONEMENT) < 0 ? SHORTEST_POSTPONEMENT : behind;
        if (wait.compareTo(backoff) > 0) {
            wait = backoff;
        }
        log(SagaTimelineEntryKind.DEADLINE_FIRED, STEP_DEADLINE, "no answer in step " + step + " yet, but the saga's processor is "
                + behind.toMillis() + " ms behind the events: resend postponed by " + wait.toMillis() + " ms");
        Instant due = now().plus(wait);
        if (orderDeadlineDecidesBy(due)) {
            stepDueAt = null;
            return;
        }
        stepDueAt = due;
        scheduleStepTimer(wait, due);
    }

    /** Whether, in a forward step, the pending order deadline comes no later than {@code due}: it then decides, not a resend. */
    private boolean orderDeadlineDecidesBy(Instant due) {
        return StepTable.of(step).forward() && !orderDeadlinePassed && orderDeadlineId != null && !due.isBefore(orderDeadlineAt);
    }

    /** When the current state's step deadline is due, or null if it needs none. */
    private Instant nextStepDue() {
        if (step == null || step == SagaStep.DONE) {
            return null;
        }
        Instant due = now().plus(h.resources().settings().backoff(retriesInStep));
        if (orderDeadlineDecidesBy(due)) {
            return null;
        }
        return due;
    }

    /** Schedules the step-deadline timer, firing after {@code wait} at {@code due}, under a new generation (a timer of an older one is stale). */
    private void scheduleStepTimer(Duration wait, Instant due) {
        retryGeneration++;
        stepDeadlineId = h.deadlines().schedule(wait, STEP_DEADLINE, new RetryDue(retryGeneration, due));
        stepDeadlineAt = due;
        h.resources().journal().deadlineSet(sagaId, STEP_DEADLINE, stepDeadlineId, due);
    }

    /** Cancels the pending timer; one that fires anyway is stale. */
    private void cancelStepTimer() {
        if (stepDeadlineId != null) {
            cancelDeadline(STEP_DEADLINE, stepDeadlineId);
            h.resources().journal().deadlineGone(sagaId, stepDeadlineId);
            stepDeadlineId = null;
            stepDeadlineAt = null;
        }
        retryGeneration++;
    }

    /** The handling moved the saga on: recorded as progress, and the step deadline starts over. */
    final void progressed() {
        if (step != null && step != SagaStep.DONE) {
            h.resources().journal().progressed(sagaId, step.name(), h.at());
            retriesInStep = 0;
            armStepDeadline();
        }
    }

    /** Cancels a deadline in this handling's transaction ({@link DeadlineCancellation}); one that fires anyway is stale. */
    private void cancelDeadline(String name, String deadlineId) {
        h.resources().cancellation().cancel(h.deadlines(), name, deadlineId);
    }

    // ---- state helpers (the table's vocabulary) --------------------------------------------------

    static final String DUPLICATE = "duplicate or unexpected, ignored";

    final void line(String productId, LineStatus status) {
        lines.put(productId, lines.get(productId).with(status));
    }

    final boolean lineIs(String productId, LineStatus status) {
        SagaLine line = lines.get(productId);
        return line != null && line.is(status);
    }

    final boolean allLines(Predicate<SagaLine> condition) {
        return !lines.isEmpty() && lines.values().stream().allMatch(condition);
    }

    final boolean noLine(Predicate<SagaLine> condition) {
        return lines.values().stream().noneMatch(condition);
    }

    final List<SagaLine> linesIn(LineStatus status) {
        return lines.values().stream().filter(line -> line.is(status)).toList();
    }

    final void replaceLines(LineStatus from, LineStatus to) {
        lines.replaceAll((id, line) -> line.is(from) ? line.with(to) : line);
    }

    /** The deadline manager's clock (Axon's), which its due times are counted from. */
    static Instant now() {
        return org.axonframework.eventhandling.GenericEventMessage.clock.instant();
    }

    // ---- journal ---------------------------------------------------------------------------------

    private void received(Object event, String note) {
        String detail = MessageNames.describe(event);
        h.resources().journal().record(sagaId, h.at(), SagaTimelineEntryKind.EVENT_RECEIVED, MessageNames.name(event),
                MessageNames.service(event.getClass()), note == null ? detail : note + " - " + detail);
    }

    private void log(SagaTimelineEntryKind kind, String messageName, String detail) {
        h.resources().journal().record(sagaId, h.at(), kind, messageName, SERVICE, detail);
    }

    private SagaCommands sender() {
        return new SagaCommands(h.gateway(), h.deadlines(), h.resources().journal(), h.resources().transactions(), sagaId,
                h.scope(), step == null ? null : step.name(), h.at());
    }

    /** What one handling works with: its time, the resources it was given and the saga's scope. */
    record Handling(Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources, ScopeDescriptor scope) {
    }
}
