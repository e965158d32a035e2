package io.sagashop.hub.command;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandSubscription;

/**
 * A client's command provider stream as the gRPC adapter sees it: what the client sends is
 * handed to these methods; the router writes commands and acks back on the stream.
 */
public interface CommandProviderStream {

    /**
     * Subscribes the client as a handler of a command.
     *
     * @return null when done, else why the subscription was refused (nothing changed then)
     */
    String subscribe(CommandSubscription subscription);

    /** @return null when done, else why the request was refused (nothing changed then) */
    String unsubscribe(CommandSubscription subscription);

    /** Permits the client granted for more commands. */
    void flowControl(FlowControl flowControl);

    /** A handler's result, routed back to the command's sender. */
    void response(CommandResponse response);

    /** Sends an acknowledgement on the stream (it never waits for permits). */
    void acknowledge(InstructionAck ack);

    /** The client closed the stream ({@code cause} null) or it broke: drop its subscriptions. */
    void closed(Throwable cause);

    /** The hub ends the stream with {@code error}: what is queued is routed elsewhere, the client told why. */
    void refuse(Throwable error);
}
