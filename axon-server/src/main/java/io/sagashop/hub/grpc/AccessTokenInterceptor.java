package io.sagashop.hub.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Refuses calls without the configured {@code AxonIQ-Access-Token}, as Axon Server does with access control on. */
public final class AccessTokenInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> TOKEN_HEADER =
            Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    public AccessTokenInterceptor(String accessToken) {
        this.expected = accessToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = headers.get(TOKEN_HEADER);
        if (token == null || token.isEmpty()) {
            return refuse(call, ErrorCode.AUTHENTICATION_TOKEN_MISSING,
                    "Access token missing: this hub requires the AxonIQ-Access-Token header (axon.axonserver.token)");
        }
        // Constant-time comparison: the token is a secret.
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            return refuse(call, ErrorCode.AUTHENTICATION_INVALID_TOKEN,
                    "Invalid access token: AxonIQ-Access-Token (axon.axonserver.token) does not match hub.access-token");
        }
        return next.startCall(call, headers);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, ErrorCode code, String message) {
        // UNAUTHENTICATED, not PERMISSION_DENIED: the caller has no valid credentials at all. The
        // connector retries either after 5 s; the AXONIQ code in trailer and description says which.
        var error = code.asException(Status.UNAUTHENTICATED, message);
        call.close(error.getStatus(), error.getTrailers());
        return new ServerCall.Listener<>() { };
    }
}
