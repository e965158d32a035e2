package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.event.CancelScheduledEventRequest;
import io.axoniq.axonserver.grpc.event.EventSchedulerGrpc;
import io.axoniq.axonserver.grpc.event.RescheduleEventRequest;
import io.axoniq.axonserver.grpc.event.ScheduleEventRequest;
import io.axoniq.axonserver.grpc.event.ScheduleToken;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.eventstore.ScheduledEvents;
import org.springframework.stereotype.Component;

/** EventScheduler service: durable scheduled events, published to the event store when due. */
@Component
public class EventSchedulerGrpcService extends EventSchedulerGrpc.EventSchedulerImplBase {

    private final ScheduledEvents scheduledEvents;

    public EventSchedulerGrpcService(ScheduledEvents scheduledEvents) {
        this.scheduledEvents = scheduledEvents;
    }

    @Override
    public void scheduleEvent(ScheduleEventRequest request, StreamObserver<ScheduleToken> responseObserver) {
        UnaryCall.answer(responseObserver, () -> token(scheduledEvents.schedule(CallContext.current(), request.getInstant(),
                request.getEvent())));
    }

    @Override
    public void rescheduleEvent(RescheduleEventRequest request, StreamObserver<ScheduleToken> responseObserver) {
        UnaryCall.answer(responseObserver, () -> token(scheduledEvents.reschedule(CallContext.current(), request.getToken(),
                request.getInstant(), request.getEvent())));
    }

    @Override
    public void cancelScheduledEvent(CancelScheduledEventRequest request, StreamObserver<InstructionAck> responseObserver) {
        UnaryCall.answer(responseObserver, () -> {
            scheduledEvents.cancel(CallContext.current(), request.getToken());
            return InstructionAck.newBuilder().setSuccess(true).build();
        });
    }

    private static ScheduleToken token(String token) {
        return ScheduleToken.newBuilder().setToken(token).build();
    }

}
