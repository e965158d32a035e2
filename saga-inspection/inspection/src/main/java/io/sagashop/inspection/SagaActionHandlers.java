package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Subscribes one command handler per {@link InspectedSagaType} on Axon's command bus, under
 * {@link SagaActionCommand#commandName(String)} of the type (with the Axon Server connector that
 * subscribes the name at the server, so the action reaches whichever instance runs the type). A
 * handler checks the command before the type sees it: its type, an operator, the action accepted
 * by the type, a reason for COMPENSATE and END, and a saga the journal knows as running.
 */
class SagaActionHandlers implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(SagaActionHandlers.class);

    private final CommandBus commandBus;
    private final List<InspectedSagaType> types;
    private final SagaJournalReader reader;
    private final List<Registration> registrations = new ArrayList<>();

    SagaActionHandlers(CommandBus commandBus, List<InspectedSagaType> types, SagaJournalReader reader) {
        this.commandBus = commandBus;
        this.types = List.copyOf(types);
        this.reader = reader;
    }

    @Override
    public synchronized void start() {
        for (InspectedSagaType type : types) {
            if (type.actions().isEmpty()) {
                continue;
            }
            String name = SagaActionCommand.commandName(type.sagaType());
            registrations.add(commandBus.subscribe(name, handler(type)));
            LOGGER.info("Operator actions {} of saga type {} subscribed as {}", type.actions(), type.sagaType(), name);
        }
    }

    @Override
    public synchronized void stop() {
        registrations.forEach(Registration::cancel);
        registrations.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !registrations.isEmpty();
    }

    /** The handler of one type's actions (also what a test can call without a bus). */
    MessageHandler<CommandMessage<?>> handler(InspectedSagaType type) {
        return message -> {
            if (!(message.getPayload() instanceof SagaActionCommand command)) {
                throw InspectionErrors.invalidCommand("not-a-saga-action", null,
                        "expected a SagaActionCommand, got " + message.getPayloadType().getName());
            }
            act(type, command);
            return null;
        };
    }

    void act(InspectedSagaType type, SagaActionCommand command) {
        if (!type.sagaType().equals(command.sagaType())) {
            throw InspectionErrors.invalidCommand("wrong-saga-type", "sagaType", "this handler takes actions on sagas of type "
                    + type.sagaType() + ", not " + command.sagaType());
        }
        if (blank(command.sagaId())) {
            throw InspectionErrors.invalidCommand("saga-id-missing", "sagaId", "sagaId is required");
        }
        if (command.action() == null) {
            throw InspectionErrors.invalidCommand("action-missing", "action", "action is required");
        }
        if (!type.actions().contains(command.action())) {
            throw InspectionErrors.invalidCommand("action-not-accepted", "action", "sagas of type " + type.sagaType()
                    + " accept " + type.actions().stream().sorted().toList() + ", not " + command.action());
        }
        if (blank(command.operator())) {
            throw InspectionErrors.invalidCommand("operator-missing", "operator", "operator is required");
        }
        if (command.action() != SagaAction.RETRY && blank(command.reason())) {
            throw InspectionErrors.invalidCommand("reason-missing", "reason", "a reason is required to " + command.action());
        }
        SagaSummaryView saga = reader.summary(command.sagaId()).filter(found -> found.sagaType().equals(type.sagaType()))
                .orElseThrow(() -> InspectionErrors.notFound("saga-not-found",
                        "no saga " + command.sagaId() + " of type " + type.sagaType()));
        if (saga.state() != SagaState.ACTIVE && saga.state() != SagaState.STUCK) {
            throw InspectionErrors.conflict("saga-finished", "saga " + command.sagaId() + " is over (" + saga.state() + "): nothing to "
                    + command.action());
        }
        LOGGER.info("{} asks {} of {} saga {} (key {}): {}", command.operator(), command.action(), type.sagaType(),
                command.sagaId(), saga.key(), command.reason());
        type.act(new SagaActionRequest(type.sagaType(), command.sagaId(), saga.key(), command.action(), command.operator(),
                blank(command.reason()) ? null : command.reason()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
