package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.eventstore.BrowsedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored event in the JSON of {@code GET /v1/dashboard/events}: payload and metadata decoded
 * to JSON where they are JSON (services use Jackson for everything), as text otherwise.
 *
 * @param token           global index
 * @param messageId       the event's message identifier
 * @param aggregateId     its aggregate, or {@code null}
 * @param aggregateType   its aggregate type, or {@code null}
 * @param sequenceNumber  its sequence in the aggregate, or {@code null}
 * @param timestamp       when it was created
 * @param payloadType     the payload's class name
 * @param payloadRevision the payload revision, empty when none
 * @param payload         the payload as JSON
 * @param metadata        the metadata, each value as JSON
 * @param correlationId   the {@code correlationId} metadata value, or {@code null}
 */
record EventView(long token, String messageId, String aggregateId, String aggregateType, Long sequenceNumber,
                 Instant timestamp, String payloadType, String payloadRevision, JsonNode payload,
                 Map<String, JsonNode> metadata, String correlationId) {

    static EventView of(BrowsedEvent browsed, ObjectMapper json) {
        Event event = browsed.event();
        boolean inAggregate = !event.getAggregateIdentifier().isEmpty();
        Map<String, JsonNode> metadata = new TreeMap<>();
        event.getMetaDataMap().forEach((key, value) -> metadata.put(key, value(value, json)));
        return new EventView(browsed.token(), event.getMessageIdentifier(),
                inAggregate ? event.getAggregateIdentifier() : null,
                inAggregate ? event.getAggregateType() : null,
                inAggregate ? event.getAggregateSequenceNumber() : null,
                Instant.ofEpochMilli(event.getTimestamp()), event.getPayload().getType(),
                event.getPayload().getRevision(), data(event.getPayload().getData(), json),
                metadata, correlationId(event));
    }

    static String correlationId(Event event) {
        MetaDataValue value = event.getMetaDataMap().get("correlationId");
        return value == null || value.getDataCase() != MetaDataValue.DataCase.TEXT_VALUE ? null : value.getTextValue();
    }

    /** The simple name of a payload type: {@code com.example.api.ThingHappened} → {@code ThingHappened}. */
    static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        int dollar = type.lastIndexOf('$');
        return type.substring(Math.max(dot, dollar) + 1);
    }

    private static JsonNode value(MetaDataValue value, ObjectMapper json) {
        return switch (value.getDataCase()) {
            case TEXT_VALUE -> TextNode.valueOf(value.getTextValue());
            case NUMBER_VALUE -> LongNode.valueOf(value.getNumberValue());
            case BOOLEAN_VALUE -> BooleanNode.valueOf(value.getBooleanValue());
            case DOUBLE_VALUE -> DoubleNode.valueOf(value.getDoubleValue());
            case BYTES_VALUE -> data(value.getBytesValue().getData(), json);
            case DATA_NOT_SET -> NullNode.getInstance();
        };
    }

    private static JsonNode data(ByteString bytes, ObjectMapper json) {
        if (bytes.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(bytes.toByteArray());
        } catch (IOException notJson) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            // Not JSON (XStream XML, Java serialization): text if it reads as text, else the raw bytes.
            return text.indexOf('\uFFFD') < 0 ? TextNode.valueOf(text) : BinaryNode.valueOf(bytes.toByteArray());
        }
    }
}
