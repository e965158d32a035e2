package io.sagashop.platform.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Puts the HTTP request's correlation onto messages dispatched outside a unit of work (a
 * controller sending a command or query). Inside a unit of work the correlation data providers
 * already copied the handled message's correlation onto the new one, and that wins.
 */
final class CorrelationDispatchInterceptor<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return message;
            }
            var correlation = Correlation.current();
            if (correlation.isEmpty()) {
                return message;
            }
            Map<String, Object> missing = new HashMap<>();
            correlation.get().asMetaData().forEach((key, value) -> {
                if (!message.getMetaData().containsKey(key)) {
                    missing.put(key, value);
                }
            });
            return missing.isEmpty() ? message : (M) message.andMetaData(missing);
        };
    }
}
