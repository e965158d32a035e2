package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A handler that grants few permits gets no more commands than it allowed, and eventually all of them. */
class CommandFlowControlTest {

    record Work(int number) { }

    static final CountDownLatch GATE = new CountDownLatch(1);
    static final Set<Integer> HANDLED = ConcurrentHashMap.newKeySet();

    static class SlowHandlers {
        @CommandHandler
        public int handle(Work work) throws InterruptedException {
            GATE.await(60, TimeUnit.SECONDS);
            HANDLED.add(work.number());
            return work.number();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowApp {
        @Bean
        SlowHandlers slowHandlers() {
            return new SlowHandlers();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SenderApp {
    }

    private static TestHub hub;
    private static ConfigurableApplicationContext handler;
    private static ConfigurableApplicationContext sender;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        // 16 is the least the connector will grant.
        handler = TestClient.start(hub, "slow", "slow-1",
                Map.of("axon.axonserver.command-flow-control.permits", 16), SlowApp.class);
        sender = TestClient.start(hub, "front", "front-1", SenderApp.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> workInfo() != null && !workInfo().handlers().isEmpty());
    }

    @AfterAll
    static void stop() {
        GATE.countDown();
        if (sender != null) {
            sender.close();
        }
        if (handler != null) {
            handler.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void queuesCommandsBeyondThePermitsAndDeliversAllOfThemLater() throws Exception {
        CommandGateway gateway = sender.getBean(CommandGateway.class);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(gateway.send(new Work(i)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            CommandHandlerInfo h = workInfo().handlers().get(0);
            return h.inFlight() + h.waiting() == 200 && h.permits() == 0;
        });
        CommandHandlerInfo blocked = workInfo().handlers().get(0);
        assertThat(blocked.inFlight()).as("never more in flight than the 16 permits granted").isLessThanOrEqualTo(16);
        assertThat(blocked.waiting()).isGreaterThanOrEqualTo(184);

        GATE.countDown();

        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(HANDLED).hasSize(200);
        CommandHandlerInfo done = workInfo().handlers().get(0);
        assertThat(done.waiting()).isZero();
        assertThat(done.inFlight()).isZero();
    }

    private static CommandInfo workInfo() {
        return hub.bean(CommandRouter.class).commands("default").stream()
                .filter(c -> c.name().equals(Work.class.getName())).findFirst().orElse(null);
    }
}
