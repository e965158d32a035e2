package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.ErrorMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The error codes of the Axon Server API that clients turn into specific exceptions.
 * A gRPC failure carries its code in the {@code AxonIQ-ErrorCode} trailer (that is where the
 * connector looks) and in the description, so a human reading a log sees it too.
 */
public enum ErrorCode {
    AUTHENTICATION_TOKEN_MISSING("AXONIQ-1000"),
    AUTHENTICATION_INVALID_TOKEN("AXONIQ-1001"),
    UNSUPPORTED_INSTRUCTION("AXONIQ-1002"),
    INSTRUCTION_ACK_ERROR("AXONIQ-1003"),
    INSTRUCTION_EXECUTION_ERROR("AXONIQ-1004"),
    /** Axon Server's capacity refusal (RESOURCE_EXHAUSTED): a bound was reached; the message names the setting. */
    TOO_MANY_REQUESTS("AXONIQ-1900"),
    INVALID_EVENT_SEQUENCE("AXONIQ-2000"),
    NO_EVENT_STORE_MASTER_AVAILABLE("AXONIQ-2100"),
    CONNECTION_FAILED("AXONIQ-3001"),
    GRPC_MESSAGE_TOO_LARGE("AXONIQ-3002"),
    NO_HANDLER_FOR_COMMAND("AXONIQ-4000"),
    COMMAND_EXECUTION_ERROR("AXONIQ-4002"),
    COMMAND_DISPATCH_ERROR("AXONIQ-4003"),
    CONCURRENCY_EXCEPTION("AXONIQ-4004"),
    NO_HANDLER_FOR_QUERY("AXONIQ-5000"),
    QUERY_EXECUTION_ERROR("AXONIQ-5001"),
    QUERY_DISPATCH_ERROR("AXONIQ-5002"),
    DATAFILE_READ_ERROR("AXONIQ-9000"),
    DATAFILE_WRITE_ERROR("AXONIQ-9100"),
    VALIDATION_FAILED("AXONIQ-9200"),
    OTHER("AXONIQ-0001");

    /** The trailer the connector reads the code from. */
    public static final Metadata.Key<String> TRAILER =
            Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A gRPC failure with this code in its trailer and {@code [code] message} as description. */
    public StatusRuntimeException asException(Status status, String message) {
        Metadata trailers = new Metadata();
        trailers.put(TRAILER, code);
        return status.withDescription("[" + code + "] " + message).asRuntimeException(trailers);
    }

    /** The error message body used inside responses (command, query, instruction results). */
    public ErrorMessage asErrorMessage(String message) {
        return ErrorMessage.newBuilder().setErrorCode(code).setMessage(message).setLocation("sagashop-hub").build();
    }
}
