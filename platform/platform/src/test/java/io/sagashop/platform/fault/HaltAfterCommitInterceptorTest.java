package io.sagashop.platform.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The halt comes after the commit and before anything the handler of the matching message left
 * for after the commit (the way a saga sends its commands), in a batch as a pooled processor
 * handles it, whichever message of the batch first registered that after-commit work.
 */
class HaltAfterCommitInterceptorTest {

    record StockReserved(String orderId) {
    }

    record PaymentCaptured(String orderId) {
    }

    private final List<String> happened = new ArrayList<>();

    private HaltAfterCommitInterceptor<EventMessage<?>> interceptor(String spec) {
        return new HaltAfterCommitInterceptor<>(HaltAfterCommit.parse(spec).get(0),
                status -> happened.add("halt " + status));
    }

    /**
     * Like a saga handler that sends its commands once its unit of work committed: one
     * after-commit callback per root unit of work, registered by the first handling that needs it,
     * runs every handling's actions in order.
     */
    private MessageHandler<EventMessage<?>> sagaSendingAfterCommit() {
        return message -> {
            UnitOfWork<?> root = org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().root();
            List<Runnable> actions = root.getOrComputeResource("after-commit", key -> {
                List<Runnable> list = new ArrayList<>();
                root.afterCommit(u -> list.forEach(Runnable::run));
                return list;
            });
            String name = message.getPayloadType().getSimpleName();
            actions.add(() -> happened.add("send after " + name));
            happened.add("handled " + name);
            HandlerInvocations.markInvoked(message);
            return null;
        };
    }

    private void handleBatch(HaltAfterCommitInterceptor<EventMessage<?>> interceptor, MessageHandler<EventMessage<?>> handler,
                             Object... payloads) throws Exception {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(GenericEventMessage.asEventMessage(payload));
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.onCommit(u -> happened.add("commit"));
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), handler).proceed());
        if (unitOfWork.getExecutionResult() != null && unitOfWork.getExecutionResult().isExceptionResult()) {
            throw (Exception) unitOfWork.getExecutionResult().getExceptionResult();
        }
    }

    @Test
    void haltsAfterTheCommitAndBeforeTheMatchingHandlersAfterCommitWork() throws Exception {
        handleBatch(interceptor("order-saga:StockReserved"), sagaSendingAfterCommit(), new StockReserved("o1"));

        assertThat(happened).containsExactly("handled StockReserved", "commit", "halt 86", "send after StockReserved");
    }

    @Test
    void haltsBeforeTheBatchsAfterCommitWorkWhenAnEarlierMessageRegisteredIt() throws Exception {
        handleBatch(interceptor("order-saga:StockReserved"), sagaSendingAfterCommit(),
                new PaymentCaptured("o1"), new StockReserved("o2"));

        assertThat(happened).containsExactly("handled PaymentCaptured", "handled StockReserved", "commit", "halt 86",
                "send after PaymentCaptured", "send after StockReserved");
    }

    @Test
    void haltsBeforeTheBatchsAfterCommitWorkWhenTheMatchingMessageIsFirst() throws Exception {
        handleBatch(interceptor("order-saga:StockReserved"), sagaSendingAfterCommit(),
                new StockReserved("o1"), new PaymentCaptured("o2"));

        assertThat(happened.indexOf("halt 86")).isEqualTo(happened.indexOf("commit") + 1);
        assertThat(happened).endsWith("halt 86", "send after StockReserved", "send after PaymentCaptured");
    }

    @Test
    void aRolledBackHandlingDoesNotHaltNorCount() {
        HaltAfterCommitInterceptor<EventMessage<?>> interceptor = interceptor("order-saga:StockReserved");

        assertThatThrownBy(() -> handleBatch(interceptor, message -> {
            throw new IllegalStateException("handler failed");
        }, new StockReserved("o1"))).hasMessage("handler failed");

        assertThat(happened).doesNotContain("halt 86");
        assertThat(interceptor.committedMatches()).isZero();
    }

    @Test
    void haltsAtTheNamedOccurrenceOnlyAndIgnoresOtherMessages() throws Exception {
        HaltAfterCommitInterceptor<EventMessage<?>> interceptor = interceptor("order-saga:StockReserved:2");
        MessageHandler<EventMessage<?>> handler = sagaSendingAfterCommit();

        handleBatch(interceptor, handler, new PaymentCaptured("o1"));
        handleBatch(interceptor, handler, new StockReserved("o1"));
        assertThat(happened).doesNotContain("halt 86");

        handleBatch(interceptor, handler, new StockReserved("o2"));
        assertThat(happened).containsOnlyOnce("halt 86");
        assertThat(happened.subList(happened.indexOf("halt 86"), happened.size()))
                .containsExactly("halt 86", "send after StockReserved");
    }

    @Test
    void aDeadlineMatchesByItsName() throws Exception {
        HaltAfterCommitInterceptor<DeadlineMessage<?>> interceptor = new HaltAfterCommitInterceptor<>(
                HaltAfterCommit.parse("deadlines:step-deadline").get(0), status -> happened.add("halt " + status));
        DeadlineMessage<?> deadline = GenericDeadlineMessage.asDeadlineMessage("step-deadline", new PaymentCaptured("o1"),
                java.time.Instant.now());
        DefaultUnitOfWork<DeadlineMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(deadline);
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), message -> {
            unitOfWork.afterCommit(u -> happened.add("send after deadline"));
            HandlerInvocations.markInvoked(message);
            return null;
        }).proceed());

        assertThat(happened).containsExactly("halt 86", "send after deadline");
    }

    @Test
    void aHandlingThatRanNoHandlerMethodNeitherHaltsNorCounts() throws Exception {
        // Another segment's work package: the processor's interceptors run, no saga takes the event.
        HaltAfterCommitInterceptor<EventMessage<?>> interceptor = interceptor("order-saga:StockReserved");
        handleBatch(interceptor, message -> null, new StockReserved("o1"));
        assertThat(happened).doesNotContain("halt 86");
        assertThat(interceptor.committedMatches()).isZero();

        handleBatch(interceptor, sagaSendingAfterCommit(), new StockReserved("o1"));
        assertThat(happened).containsSubsequence("halt 86", "send after StockReserved");
    }

    @Test
    void theMarkerNotesAnAnnotatedHandlersInvocation() throws Exception {
        record Target() {
        }
        org.axonframework.messaging.annotation.MessageHandlingMember<Target> member =
                org.mockito.Mockito.mock(org.axonframework.messaging.annotation.MessageHandlingMember.class);
        org.mockito.Mockito.when(member.handle(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("done");
        org.axonframework.messaging.annotation.MessageHandlingMember<Target> wrapped = new HandlerInvocations().wrapHandler(member);
        EventMessage<?> message = GenericEventMessage.asEventMessage(new StockReserved("o1"));
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        try {
            assertThat(HandlerInvocations.invoked(unitOfWork, message)).isFalse();
            assertThat(wrapped.handle(message, new Target())).isEqualTo("done");
            assertThat(HandlerInvocations.invoked(unitOfWork, message)).isTrue();
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void readsSeveralFaultsAndRefusesMalformedOnes() {
        assertThat(HaltAfterCommit.parse(" order-saga:StockReserved , order-cancellation-saga:OrderCancellationRequested:3"))
                .containsExactly(new HaltAfterCommit("order-saga", "StockReserved", 1),
                        new HaltAfterCommit("order-cancellation-saga", "OrderCancellationRequested", 3));
        assertThatThrownBy(() -> HaltAfterCommit.parse("order-saga")).hasMessageContaining("'order-saga' is not");
        assertThatThrownBy(() -> HaltAfterCommit.parse("order-saga::1")).hasMessageContaining("is not");
        assertThatThrownBy(() -> HaltAfterCommit.parse("order-saga:StockReserved:first"))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> HaltAfterCommit.parse("order-saga:StockReserved:0")).hasMessageContaining("counts from 1");
        assertThatThrownBy(() -> HaltAfterCommit.parse(" , ")).hasMessageContaining("names no fault");
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FaultInjectionAutoConfiguration.class));

    @Test
    void isOffUnlessConfiguredAndRefusesToStartOnABadValue() {
        context.run(started -> assertThat(started).doesNotHaveBean(FaultInjectionAutoConfiguration.ArmedFaults.class));
        context.withPropertyValues("sagashop.fault.halt-after-commit=order-saga:StockReserved")
                .run(started -> assertThat(started.getBean(FaultInjectionAutoConfiguration.ArmedFaults.class).faults())
                        .containsExactly(new HaltAfterCommit("order-saga", "StockReserved", 1)));
        context.withPropertyValues("sagashop.fault.halt-after-commit=StockReserved")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("'StockReserved' is not"));
        context.withPropertyValues("sagashop.fault.halt-after-commit=deadlines:step-deadline")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("this service has none"));
    }
}
