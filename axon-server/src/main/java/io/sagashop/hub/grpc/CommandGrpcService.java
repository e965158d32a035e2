package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.config.NonBlockingService;
import io.sagashop.hub.command.CommandProviderStream;
import io.sagashop.hub.command.CommandRouter;
import org.springframework.stereotype.Component;

/**
 * CommandService: handler streams (subscriptions, permits, results) and command dispatch. Nothing
 * here blocks, so its calls run on the transport threads ({@link NonBlockingService}).
 */
@Component
public class CommandGrpcService extends CommandServiceGrpc.CommandServiceImplBase implements NonBlockingService {

    private final CommandRouter router;

    public CommandGrpcService(CommandRouter router) {
        this.router = router;
    }

    @Override
    public StreamObserver<CommandProviderOutbound> openStream(StreamObserver<CommandProviderInbound> responseObserver) {
        CommandProviderStream provider = router.openProviderStream(CallContext.current(), responseObserver);
        return new StreamObserver<>() {
            @Override
            public void onNext(CommandProviderOutbound message) {
                String id = message.getInstructionId();
                switch (message.getRequestCase()) {
                    case SUBSCRIBE -> ack(id, provider.subscribe(message.getSubscribe()));
                    case UNSUBSCRIBE -> ack(id, provider.unsubscribe(message.getUnsubscribe()));
                    case FLOW_CONTROL -> {
                        provider.flowControl(message.getFlowControl());
                        ack(id, null);
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

            @Override
            public void onError(Throwable t) {
                provider.closed(t);
            }

            @Override
            public void onCompleted() {
                provider.closed(null);
            }
        };
    }

    @Override
    public void dispatch(Command request, StreamObserver<CommandResponse> responseObserver) {
        router.dispatch(CallContext.current(), request, responseObserver);
    }
}
