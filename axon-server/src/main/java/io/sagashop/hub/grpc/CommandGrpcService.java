package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.access.Application;
import io.sagashop.hub.access.ClientOwnership;
import io.sagashop.hub.config.NonBlockingService;
import io.sagashop.hub.command.CommandProviderStream;
import io.sagashop.hub.command.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * CommandService: handler streams (subscriptions, permits, results) and command dispatch. Nothing
 * here blocks, so its calls run on the transport threads ({@link NonBlockingService}). The caller's
 * application must be allowed to dispatch a command, or to handle it to subscribe; a handler
 * stream is bound to its client id for that application ({@link StreamOwner}).
 */
@Component
public class CommandGrpcService extends CommandServiceGrpc.CommandServiceImplBase implements NonBlockingService {

    private static final Logger log = LoggerFactory.getLogger(CommandGrpcService.class);

    private final CommandRouter router;
    private final ClientOwnership ownership;

    public CommandGrpcService(CommandRouter router, ClientOwnership ownership) {
        this.router = router;
        this.ownership = ownership;
    }

    @Override
    public StreamObserver<CommandProviderOutbound> openStream(StreamObserver<CommandProviderInbound> responseObserver) {
        Application caller = Caller.current();
        StreamOwner owner = new StreamOwner(ownership, caller, responseObserver);
        CommandProviderStream provider = router.openProviderStream(CallContext.current(), responseObserver);
        return new StreamObserver<>() {
            @Override
            public void onNext(CommandProviderOutbound message) {
                String id = message.getInstructionId();
                switch (message.getRequestCase()) {
                    case SUBSCRIBE -> {
                        var subscription = message.getSubscribe();
                        String refusal = caller.mayHandleCommand(subscription.getCommand());
                        if (refusal != null) {
                            log.warn("Refused a command subscription: {}", refusal);
                            Acks.deny(id, refusal, provider::acknowledge);
                        } else if (bound(subscription.getClientId())) {
                            ack(id, provider.subscribe(subscription));
                        }
                    }
                    case UNSUBSCRIBE -> ack(id, provider.unsubscribe(message.getUnsubscribe()));
                    case FLOW_CONTROL -> {
                        if (bound(message.getFlowControl().getClientId())) {
                            provider.flowControl(message.getFlowControl());
                            ack(id, null);
                        }
                    }
                    case COMMAND_RESPONSE -> {
                        provider.response(message.getCommandResponse());
                        ack(id, null);
                    }
                    case ACK -> {
                        // The hub sends no instruction that needs an ack on this stream.
                    }
                    default -> Acks.unsupported(id, message.getRequestCase(), provider::acknowledge);
                }
            }

            private void ack(String id, String refusal) {
                Acks.reply(id, refusal, provider::acknowledge);
            }

            /** False, with the stream failed, when the client id belongs to another application. */
            private boolean bound(String clientId) {
                String refusal = owner.bind(clientId);
                if (refusal == null) {
                    return true;
                }
                log.warn("Closed a command stream: {}", refusal);
                provider.refuse(ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException(Status.PERMISSION_DENIED, refusal));
                return false;
            }

            @Override
            public void onError(Throwable t) {
                owner.release();
                provider.closed(t);
            }

            @Override
            public void onCompleted() {
                owner.release();
                provider.closed(null);
            }
        };
    }

    @Override
    public void dispatch(Command request, StreamObserver<CommandResponse> responseObserver) {
        String refusal = Caller.current().mayDispatchCommand(request.getName());
        if (refusal != null) {
            log.warn("Refused a command: {}", refusal);
            responseObserver.onError(ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException(Status.PERMISSION_DENIED, refusal));
            return;
        }
        router.dispatch(CallContext.current(), request, responseObserver);
    }
}
