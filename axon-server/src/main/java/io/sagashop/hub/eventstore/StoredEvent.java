package io.sagashop.hub.eventstore;

/**
 * A committed event as readers get it: its token and its protobuf {@code Event} bytes. The
 * payload type is what stream blacklists filter on; it is read from the bytes only when needed.
 */
final class StoredEvent {

    private final long token;
    private final byte[] bytes;
    private PayloadKey payload;

    StoredEvent(long token, byte[] bytes, PayloadKey payload) {
        this.token = token;
        this.bytes = bytes;
        this.payload = payload;
    }

    StoredEvent(long token, byte[] bytes) {
        this(token, bytes, null);
    }

    long token() {
        return token;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The payload type and revision; racy but idempotent lazy initialisation. */
    PayloadKey payload() {
        PayloadKey key = payload;
        if (key == null) {
            key = EventBytes.payloadKey(bytes);
            payload = key;
        }
        return key;
    }
}
