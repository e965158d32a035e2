package io.sagashop.hub.grpc;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.sagashop.hub.config.HubProperties;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Resolves the Axon context a call belongs to from the {@code AxonIQ-Context} header and makes
 * it available to the service implementations via {@link #current()}. A call for a context this
 * hub does not serve is refused before it reaches a service.
 */
public final class CallContext implements ServerInterceptor {

    public static final Metadata.Key<String> CONTEXT_HEADER =
            Metadata.Key.of("AxonIQ-Context", Metadata.ASCII_STRING_MARSHALLER);

    private static final Context.Key<String> CONTEXT = Context.key("axoniq-context");
    private static final Context.Key<String> REMOTE_HOST = Context.key("remote-host");

    private final HubProperties properties;

    public CallContext(HubProperties properties) {
        this.properties = properties;
    }

    /** The context of the call being served; {@code default} outside a call. */
    public static String current() {
        String context = CONTEXT.get();
        return context == null ? HubProperties.DEFAULT_CONTEXT : context;
    }

    /** The address the call came from (no reverse DNS lookup), empty when unknown or outside a call. */
    public static String remoteHost() {
        String host = REMOTE_HOST.get();
        return host == null ? "" : host;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String context = headers.get(CONTEXT_HEADER);
        if (context == null || context.isBlank()) {
            context = HubProperties.DEFAULT_CONTEXT;
        }
        if (!properties.servesContext(context)) {
            var error = ErrorCode.OTHER.asException(Status.NOT_FOUND,
                    "Unknown context '" + context + "': this hub serves " + properties.contexts());
            call.close(error.getStatus(), error.getTrailers());
            return new ServerCall.Listener<>() { };
        }
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String host = remote instanceof InetSocketAddress inet ? inet.getHostString()
                : remote == null ? "" : remote.toString();
        return Contexts.interceptCall(Context.current().withValues(CONTEXT, context, REMOTE_HOST, host),
                call, headers, next);
    }
}
