package io.sagashop.platform.axon;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Carries {@code correlationId} and {@code traceId} from the message being handled onto every
 * message it causes (events applied by an aggregate, commands sent by a saga). A message that
 * came without them (a scheduled deadline, a message from a client that does not set them) starts
 * its own chain the way Axon's {@code MessageOriginProvider} would: its identifier becomes the
 * correlation id and, if absent, the trace id.
 */
final class CorrelationMetaDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlationId = message.getMetaData().get(Correlation.CORRELATION_ID);
        Object traceId = message.getMetaData().get(Correlation.TRACE_ID);
        data.put(Correlation.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(Correlation.TRACE_ID, traceId != null ? traceId : message.getIdentifier());
        return data;
    }
}
