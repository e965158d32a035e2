package io.sagashop.notification.deadletter;

import io.sagashop.notification.ProcessingGroups;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Service;

/**
 * Reads and retries the dead-letter queue of group {@value ProcessingGroups#NOTIFICATIONS}
 * (Axon's JPA queue, table {@code dead_letter_entry} in this service's schema).
 */
@Service
class DeadLetters {

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Every dead letter, sequence by sequence (a customer's letters in their order). */
    List<DeadLetterView> list() {
        List<DeadLetterView> views = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue().deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                views.add(view(letter));
            }
        }
        return views;
    }

    long size() {
        return queue().size();
    }

    /**
     * Sends every sequence's letters through the handlers again, oldest first; a sequence whose
     * first letter fails again stays queued (Axon requeues it with the new cause) and the others
     * are still tried.
     *
     * @return how many sequences were processed without failing
     */
    int retryAll() {
        List<String> firstOfEachSequence = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue().deadLetters()) {
            var letters = sequence.iterator();
            if (letters.hasNext()) {
                firstOfEachSequence.add(letters.next().message().getIdentifier());
            }
        }
        int succeeded = 0;
        for (String eventId : firstOfEachSequence) {
            if (processor().process(letter -> letter.message().getIdentifier().equals(eventId))) {
                succeeded++;
            }
        }
        return succeeded;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return processing.deadLetterQueue(ProcessingGroups.NOTIFICATIONS).orElseThrow(() ->
                new IllegalStateException("no dead-letter queue for " + ProcessingGroups.NOTIFICATIONS
                        + "; set axon.eventhandling.processors." + ProcessingGroups.NOTIFICATIONS + ".dlq.enabled"));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor() {
        return processing.sequencedDeadLetterProcessor(ProcessingGroups.NOTIFICATIONS).orElseThrow();
    }

    private static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        return new DeadLetterView(message.getIdentifier(), message.getPayloadType().getName(),
                String.valueOf(message.getPayload()), letter.cause().map(Cause::type).orElse(null),
                letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt(), letter.lastTouched());
    }
}
