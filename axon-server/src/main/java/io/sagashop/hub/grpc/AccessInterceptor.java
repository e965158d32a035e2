package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.EventSchedulerGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.sagashop.hub.access.AccessPolicy;
import io.sagashop.hub.access.Application;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every gRPC call must carry an application's token in {@code AxonIQ-Access-Token}, as with
 * Axon Server's access control: none is refused with AXONIQ-1000, an unknown one with
 * AXONIQ-1001 (both UNAUTHENTICATED). The call then runs as that application ({@link Caller});
 * this interceptor checks the rights a whole method needs (reading or appending events, the
 * control channel), and the services check per message (which command, which query).
 */
public final class AccessInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> TOKEN_HEADER =
            Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(AccessInterceptor.class);

    private static final Set<String> APPENDING = Set.of(
            EventStoreGrpc.getAppendEventMethod().getFullMethodName(),
            EventStoreGrpc.getAppendSnapshotMethod().getFullMethodName());

    private final AccessPolicy policy;

    public AccessInterceptor(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = headers.get(TOKEN_HEADER);
        if (token == null || token.isEmpty()) {
            return refuse(call, Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_TOKEN_MISSING,
                    "Access token missing: this hub requires the AxonIQ-Access-Token header (axon.axonserver.token)");
        }
        Optional<Application> caller = policy.authenticate(token);
        if (caller.isEmpty()) {
            return refuse(call, Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_INVALID_TOKEN,
                    "Invalid access token: AxonIQ-Access-Token (axon.axonserver.token) is not one of this hub's tokens");
        }
        Application application = caller.get();
        String refusal = methodRefusal(application, call.getMethodDescriptor());
        if (refusal != null) {
            log.warn("Refused {}: {}", call.getMethodDescriptor().getFullMethodName(), refusal);
            return refuse(call, Status.PERMISSION_DENIED, ErrorCode.AUTHENTICATION_INVALID_TOKEN, refusal);
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.APPLICATION, application), call, headers, next);
    }

    /** Null when the application may call the method at all, else why not. */
    static String methodRefusal(Application application, MethodDescriptor<?, ?> method) {
        String service = method.getServiceName();
        String name = method.getFullMethodName();
        if (PlatformServiceGrpc.SERVICE_NAME.equals(service)) {
            boolean controlChannel = name.equals(PlatformServiceGrpc.getOpenStreamMethod().getFullMethodName());
            return !controlChannel || application.platform() ? null : application.refusal("open the control channel");
        }
        if (CommandServiceGrpc.SERVICE_NAME.equals(service) || QueryServiceGrpc.SERVICE_NAME.equals(service)) {
            // Which commands and queries: checked per message by the services.
            return null;
        }
        if (EventStoreGrpc.SERVICE_NAME.equals(service)) {
            if (APPENDING.contains(name)) {
                return application.appendEvents() ? null : application.refusal("append events (" + method.getBareMethodName() + ")");
            }
            return application.readEvents() ? null : application.refusal("read events (" + method.getBareMethodName() + ")");
        }
        if (EventSchedulerGrpc.SERVICE_NAME.equals(service)) {
            return application.appendEvents() ? null : application.refusal("schedule events (" + method.getBareMethodName() + ")");
        }
        // Administration and services this hub does not implement: operators only.
        return application.isAdmin() ? null : application.refusal("call " + name);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, ErrorCode code, String message) {
        // The connector retries either after 5 s; the AXONIQ code in trailer and description says why.
        var error = code.asException(status, message);
        call.close(error.getStatus(), error.getTrailers());
        return new ServerCall.Listener<>() { };
    }
}
