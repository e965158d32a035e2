package io.sagashop.hub.eventstore;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads single fields out of a serialized {@code Event} without parsing the whole message (the
 * metadata map is the expensive part, and readers that filter on payload type need none of it).
 */
final class EventBytes {

    private static final int EVENT_PAYLOAD = 6;
    private static final int PAYLOAD_TYPE = 1;
    private static final int PAYLOAD_REVISION = 2;

    private EventBytes() {
    }

    static PayloadKey payloadKey(byte[] event) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(event);
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == EVENT_PAYLOAD
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return readPayload(in);
                }
                in.skipField(tag);
            }
            return new PayloadKey("", "");
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads a length-delimited {@code SerializedObject} payload: its type and revision. */
    static PayloadKey readPayload(CodedInputStream in) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String type = "";
        String revision = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case PAYLOAD_TYPE -> type = in.readStringRequireUtf8();
                case PAYLOAD_REVISION -> revision = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        return new PayloadKey(type, revision);
    }
}
