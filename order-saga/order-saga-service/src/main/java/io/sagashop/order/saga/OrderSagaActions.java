package io.sagashop.order.saga;

import io.sagashop.inspection.InspectedSagaType;
import io.sagashop.inspection.SagaActionRequest;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.order.api.CompensateOrder;
import io.sagashop.order.api.EndOrderSaga;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.RetryOrderStep;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two order saga types as the saga-inspection library lists them, and their operator
 * actions. An action becomes the order's own command ({@link RetryOrderStep}, {@link CompensateOrder},
 * {@link EndOrderSaga}) to the order named by the saga's key: the order records it in its history
 * with the operator's name, refuses it on a final order, and the order's sagas react to the event
 * it applies, in their own unit of work. The cancellation saga only resends or ends: it has nothing
 * to compensate.
 */
@Configuration(proxyBeanMethods = false)
class OrderSagaActions {

    /** How long an action waits for the order to accept it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Bean
    InspectedSagaType orderSagaType(CommandGateway commands) {
        return new Type(OrderSaga.TYPE, "Places an order: reserves its stock, takes the payment, confirms it; "
                + "compensates on a refusal or at the order deadline", Set.of(SagaAction.RETRY, SagaAction.COMPENSATE, SagaAction.END),
                commands);
    }

    @Bean
    InspectedSagaType orderCancellationSagaType(CommandGateway commands) {
        return new Type(OrderCancellationSaga.TYPE, "Cancels an order after its placement saga: refunds the payment, returns "
                + "the stock, records the refund", Set.of(SagaAction.RETRY, SagaAction.END), commands);
    }

    record Type(String sagaType, String description, Set<SagaAction> actions, CommandGateway commands)
            implements InspectedSagaType {

        @Override
        public void act(SagaActionRequest request) {
            OrderId order = OrderId.of(request.key());
            Object command = switch (request.action()) {
                case RETRY -> new RetryOrderStep(order, request.operator());
                case COMPENSATE -> new CompensateOrder(order, request.operator(), request.reason());
                case END -> new EndOrderSaga(order, request.operator(), request.reason());
            };
            commands.sendAndWait(command, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
