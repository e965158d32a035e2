package io.sagashop.hub.bench;

import ch.qos.logback.classic.Level;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.ReplyChannel;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.connector.query.QueryDefinition;
import io.axoniq.axonserver.connector.query.QueryHandler;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The benchmark's handler process (started by {@link RoutingBenchmark} as a child JVM): no-op
 * command and query handlers on the raw connector, and, with {@code --axon-framework}, an Axon
 * Framework application with a no-op {@code @CommandHandler}. Prints {@code READY} when subscribed
 * and runs until its standard input closes.
 */
public final class RoutingBenchmarkHandler {

    static final String COMMAND = "bench.Command";
    static final String QUERY = "bench.Query";
    static final ByteString PAYLOAD = ByteString.copyFrom(new byte[100]);

    /** The command of the Axon Framework case: 100 characters of payload. */
    public record AfBenchCommand(String data) { }

    public static class AfBenchHandler {
        @CommandHandler
        public void handle(AfBenchCommand command) {
            // no-op: the benchmark measures routing, not work
        }
    }

    @EnableAutoConfiguration
    @Configuration(proxyBeanMethods = false)
    static class AfHandlerApp {
        @Bean
        AfBenchHandler afBenchHandler() {
            return new AfBenchHandler();
        }
    }

    private RoutingBenchmarkHandler() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        boolean axonFramework = args.length > 2 && args[2].equals("--axon-framework");

        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("bench-handler", "bench-handler-raw")
                .routingServers(new ServerAddress(host, port))
                .token(io.sagashop.hub.testing.TestHub.ADMIN_TOKEN)
                .build();
        AxonServerConnection connection = factory.connect("default");
        SerializedObject result = SerializedObject.newBuilder().setType("bench.Result").setData(PAYLOAD).build();
        connection.commandChannel().registerCommandHandler(command -> CompletableFuture.completedFuture(
                        CommandResponse.newBuilder()
                                .setMessageIdentifier(command.getMessageIdentifier() + "-r")
                                .setRequestIdentifier(command.getMessageIdentifier())
                                .setPayload(result)
                                .build()),
                100, COMMAND).awaitAck(10, TimeUnit.SECONDS);
        connection.queryChannel().registerQueryHandler(new QueryHandler() {
            @Override
            public void handle(QueryRequest query, ReplyChannel<QueryResponse> reply) {
                reply.send(QueryResponse.newBuilder()
                        .setMessageIdentifier(query.getMessageIdentifier() + "-r")
                        .setRequestIdentifier(query.getMessageIdentifier())
                        .setPayload(result)
                        .build());
                reply.complete();
            }
        }, new QueryDefinition(QUERY, "bench.Result")).awaitAck(10, TimeUnit.SECONDS);

        if (axonFramework) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.main.web-application-type", "none");
            properties.put("spring.main.banner-mode", "off");
            properties.put("spring.autoconfigure.exclude", String.join(",",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration"));
            properties.put("axon.axonserver.servers", host + ":" + port);
            properties.put("axon.axonserver.component-name", "bench-af-handler");
            properties.put("axon.axonserver.client-id", "bench-af-handler-1");
            properties.put("axon.axonserver.token", io.sagashop.hub.testing.TestHub.ADMIN_TOKEN);
            properties.put("axon.serializer.general", "jackson");
            properties.put("axon.serializer.events", "jackson");
            properties.put("axon.serializer.messages", "jackson");
            properties.put("logging.level.root", "WARN");
            new SpringApplicationBuilder(AfHandlerApp.class).run(properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        }

        System.out.println("READY");
        System.out.flush();
        // Exit when the parent goes away (it closes our standard input).
        CountDownLatch parentGone = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading
                }
            } catch (java.io.IOException ignored) {
                // parent gone
            }
            parentGone.countDown();
        });
        watcher.setDaemon(true);
        watcher.start();
        parentGone.await();
        connection.disconnect();
        System.exit(0);
    }

    static void quietLogging() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
