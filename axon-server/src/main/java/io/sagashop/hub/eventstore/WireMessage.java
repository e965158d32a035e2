package io.sagashop.hub.eventstore;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A protobuf message already in wire form, sent as is. The store keeps every event as the bytes
 * of its {@code Event} message, so aggregate and tracking reads hand those bytes to gRPC without
 * parsing and re-serializing them: an {@code EventWithToken} is just a token field followed by
 * the event bytes as field 2.
 */
public final class WireMessage {

    private static final int TOKEN_TAG = 1 << 3;          // field 1, varint
    private static final int EVENT_TAG = (2 << 3) | 2;    // field 2, length-delimited

    private final byte[] head;
    private final byte[] body;

    private WireMessage(byte[] head, byte[] body) {
        this.head = head;
        this.body = body;
    }

    /** A complete message. */
    public static WireMessage of(byte[] message) {
        return new WireMessage(new byte[0], message);
    }

    /** An {@code EventWithToken{token, event}} around the bytes of a stored event. */
    public static WireMessage eventWithToken(long token, byte[] event) {
        byte[] head = new byte[1 + 10 + 1 + 5];
        int at = 0;
        head[at++] = TOKEN_TAG;
        at = varint(head, at, token);
        head[at++] = EVENT_TAG;
        at = varint(head, at, event.length);
        return new WireMessage(java.util.Arrays.copyOf(head, at), event);
    }

    /** The serialized form, head and body together (tests and logs; sending does not copy). */
    public byte[] toByteArray() {
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    public int size() {
        return head.length + body.length;
    }

    private static int varint(byte[] target, int at, long value) {
        while ((value & ~0x7FL) != 0) {
            target[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        target[at++] = (byte) value;
        return at;
    }

    /** The marshaller for methods whose responses the store sends in wire form. */
    public static Marshaller<WireMessage> marshaller() {
        return MARSHALLER;
    }

    private static final Marshaller<WireMessage> MARSHALLER = new Marshaller<>() {
        @Override
        public InputStream stream(WireMessage value) {
            return new Stream(value);
        }

        @Override
        public WireMessage parse(InputStream stream) {
            try {
                return of(stream.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    /** gRPC drains a {@link Drainable} straight into its frame buffer, without an extra copy. */
    private static final class Stream extends InputStream implements Drainable, KnownLength {

        private final WireMessage message;
        private ByteArrayInputStream fallback;
        private boolean drained;

        Stream(WireMessage message) {
            this.message = message;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            if (drained || fallback != null) {
                throw new IllegalStateException("stream already read");
            }
            drained = true;
            target.write(message.head);
            target.write(message.body);
            return message.size();
        }

        @Override
        public int available() {
            if (drained) {
                return 0;
            }
            return fallback == null ? message.size() : fallback.available();
        }

        @Override
        public int read() {
            return fallback().read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return fallback().read(b, off, len);
        }

        private ByteArrayInputStream fallback() {
            if (drained) {
                return new ByteArrayInputStream(new byte[0]);
            }
            if (fallback == null) {
                fallback = new ByteArrayInputStream(message.toByteArray());
            }
            return fallback;
        }
    }
}
