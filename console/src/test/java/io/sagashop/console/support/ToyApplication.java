package io.sagashop.console.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sagashop.inspection.api.SagaActionCommand;
import java.time.Duration;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Another Axon application connected to the test hub: plain Axon Framework (no Spring), the
 * Axon Server connector, JSON messages as the shop's services send them. It answers the
 * inspection queries for its {@link ToySagas} (unless it only handles actions) and subscribes
 * the type's actions under {@link SagaActionCommand#commandName(String)}.
 */
public final class ToyApplication implements AutoCloseable {

    private final Configuration configuration;

    private ToyApplication(Configuration configuration) {
        this.configuration = configuration;
    }

    /**
     * Starts an application and waits until the hub knows its handlers.
     *
     * @param clientId      its instance name
     * @param answerQueries whether it answers the inspection queries (a second instance of the same
     *                      application that only takes actions would answer every query twice)
     * @param actionDelay   how long each action takes (to show a console's timeout)
     */
    public static ToyApplication start(String clientId, ToySagas sagas, boolean answerQueries, Duration actionDelay) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer);
        configurer.registerComponent(AxonServerConfiguration.class, c -> AxonServerConfiguration.builder()
                .servers(ConsoleTestHub.servers())
                .token(ConsoleTestHub.ADMIN_TOKEN)
                .componentName("toy-" + sagas.sagaType())
                .clientId(clientId)
                .build());
        if (answerQueries) {
            configurer.registerQueryHandler(c -> sagas);
        }
        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        configuration.commandBus().subscribe(SagaActionCommand.commandName(sagas.sagaType()), message -> {
            if (!actionDelay.isZero()) {
                Thread.sleep(actionDelay.toMillis());
            }
            sagas.act(clientId, (SagaActionCommand) message.getPayload());
            return null;
        });
        return new ToyApplication(configuration);
    }

    @Override
    public void close() {
        configuration.shutdown();
    }
}
