package io.sagashop.hub.eventstore;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.axoniq.axonserver.grpc.event.Event;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event to append, as the client's protobuf bytes plus the few fields the store looks at.
 * The store keeps the bytes exactly as received, so it never builds the full {@code Event}
 * (its metadata map is the costly part) nor serializes it again. A message that cannot be read
 * is not an exception in the transport: {@link #malformed()} says what is wrong, and the store
 * refuses the transaction with INVALID_ARGUMENT.
 * <p>
 * What the single writer needs per event is prepared here, on the gRPC thread that received it,
 * so the writer's own (serial) work per event stays small: the aggregate identifier's UTF-8 bytes
 * as they came (the column value) and one shared {@link PayloadKey} per payload type (so the
 * recent events do not hold a copy of the type name each).
 */
public final class IncomingEvent {

    private static final byte[] NO_BYTES = new byte[0];
    /** One instance per payload type and revision; cleared when clients send absurdly many. */
    private static final ConcurrentHashMap<PayloadKey, PayloadKey> PAYLOAD_KEYS = new ConcurrentHashMap<>();
    private static final int MAX_PAYLOAD_KEYS = 10_000;

    private final byte[] bytes;
    String messageIdentifier = "";
    String aggregateIdentifier = "";
    /** The UTF-8 of {@link #aggregateIdentifier}: the aggregate_id column. */
    byte[] aggregateIdBytes = NO_BYTES;
    long sequence;
    String aggregateType = "";
    long timestamp;
    boolean snapshot;
    PayloadKey payload = new PayloadKey("", "");
    private String malformed;

    private IncomingEvent(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Reads the fields the store needs; never throws. */
    public static IncomingEvent read(byte[] bytes) {
        IncomingEvent event = new IncomingEvent(bytes);
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> event.messageIdentifier = in.readStringRequireUtf8();
                    case 2 -> {
                        event.aggregateIdentifier = in.readStringRequireUtf8();
                        event.aggregateIdBytes = event.aggregateIdentifier.getBytes(StandardCharsets.UTF_8);
                    }
                    case 3 -> event.sequence = in.readInt64();
                    case 4 -> event.aggregateType = in.readStringRequireUtf8();
                    case 5 -> event.timestamp = in.readInt64();
                    case 6 -> event.payload = canonical(EventBytes.readPayload(in));
                    case 8 -> event.snapshot = in.readBool();
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            event.malformed = "the event is not a valid protobuf Event: " + e.getMessage();
        }
        return event;
    }

    private static PayloadKey canonical(PayloadKey key) {
        PayloadKey known = PAYLOAD_KEYS.putIfAbsent(key, key);
        if (known != null) {
            return known;
        }
        if (PAYLOAD_KEYS.size() > MAX_PAYLOAD_KEYS) {
            PAYLOAD_KEYS.clear();
        }
        return key;
    }

    /** An event built in the hub (tests, the scheduler). */
    public static IncomingEvent of(Event event) {
        return read(event.toByteArray());
    }

    byte[] bytes() {
        return bytes;
    }

    /** Why the bytes are not a readable event, or null. */
    String malformed() {
        return malformed;
    }

    /** The gRPC marshaller that hands AppendEvent's messages to the store in this form. */
    public static Marshaller<IncomingEvent> marshaller() {
        return MARSHALLER;
    }

    private static final Marshaller<IncomingEvent> MARSHALLER = new Marshaller<>() {
        @Override
        public InputStream stream(IncomingEvent value) {
            return new ByteArrayInputStream(value.bytes);
        }

        @Override
        public IncomingEvent parse(InputStream stream) {
            try {
                if (stream instanceof KnownLength) {
                    // One exact-size copy out of gRPC's buffers instead of readAllBytes' chunks.
                    byte[] bytes = new byte[stream.available()];
                    int read = stream.readNBytes(bytes, 0, bytes.length);
                    if (read == bytes.length && stream.read() == -1) {
                        return read(bytes);
                    }
                    throw new IOException("message length changed while reading");
                }
                return read(stream.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
