package io.sagashop.hub.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Answers a unary call with what {@code call} returns, or with its failure as a gRPC status. */
final class UnaryCall {

    private UnaryCall() {
    }

    static <T> void answer(StreamObserver<T> responseObserver, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StatusRuntimeException e) {
            responseObserver.onError(e);
            return;
        } catch (RuntimeException e) {
            responseObserver.onError(ErrorCode.OTHER.asException(Status.INTERNAL, String.valueOf(e.getMessage())));
            return;
        }
        responseObserver.onNext(result);
        responseObserver.onCompleted();
    }
}
