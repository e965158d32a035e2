package io.sagashop.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.InstructionResult;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.sagashop.hub.testing.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Processor instructions sent over HTTP to a hand-driven client, which answers each one the way a
 * test chooses: the HTTP answer reports what the client did, or that it did nothing.
 */
class InstructionTrackingTest {

    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;
    private RawClient client;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start(Map.of("hub.instructions.timeout", "1s"));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @BeforeEach
    void connectOwnerOfTwoSegments() {
        client = RawClient.connect(hub.grpcPort()).register("raw-app", "raw-1");
        client.send(PlatformInboundInstruction.newBuilder()
                .setEventProcessorInfo(Processors.tracking("orders", 2, 0, 1)).build());
        await().until(() -> hub.bean(ClientRegistry.class).find("default", "raw-1")
                .map(c -> c.processors().containsKey("orders")).orElse(false));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        client.close();
        await().until(() -> hub.bean(ClientRegistry.class).find("default", "raw-1").isEmpty());
    }

    @Test
    void pauseIsAnsweredWithTheClientsSuccess() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/pause");

        PlatformOutboundInstruction pause = client.next(PlatformOutboundInstruction::hasPauseEventProcessor, SHORT);
        assertThat(pause.getPauseEventProcessor().getProcessorName()).isEqualTo("orders");
        assertThat(pause.getInstructionId()).isNotEmpty();
        acknowledge();
        succeed(pause);
        // Before answering, the hub asks for the processor's status, so the next read shows the pause.
        answerStatusRequest(Processors.tracking("orders", 2).toBuilder().setRunning(false).build());

        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(answer.body()).get(0);
        assertThat(outcome.get("clientId").asText()).isEqualTo("raw-1");
        assertThat(outcome.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(outcome.get("acknowledged").asBoolean()).isTrue();
        JsonNode processor = JSON.readTree(Http.get(hub.httpUrl() + "/v1/components/raw-app/processors").body()).get(0);
        assertThat(processor.get("running").asBoolean()).isFalse();
    }

    @Test
    void aStatusRequestTheClientDoesNotAnswerDoesNotChangeTheOutcome() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/start");
        PlatformOutboundInstruction start = client.next(PlatformOutboundInstruction::hasStartEventProcessor, SHORT);
        acknowledge();
        succeed(start);
        client.next(PlatformOutboundInstruction::hasRequestEventProcessorInfo, SHORT);

        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void aFailureReportedByTheClientIsABadGateway() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/start");

        PlatformOutboundInstruction start = client.next(PlatformOutboundInstruction::hasStartEventProcessor, SHORT);
        acknowledge();
        client.send(PlatformInboundInstruction.newBuilder().setResult(InstructionResult.newBuilder()
                .setInstructionId(start.getInstructionId()).setSuccess(false)
                .setError(ErrorMessage.newBuilder().setErrorCode("AXONIQ-1004").setMessage("Unknown processor"))).build());

        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("detail").asText()).contains("raw-1", "AXONIQ-1004", "Unknown processor");
        assertThat(problem.get("results").get(0).get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void anInstructionTheClientDoesNotKnowFailsOnItsNegativeAck() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/pause");

        client.next(PlatformOutboundInstruction::hasPauseEventProcessor, SHORT);
        // As the connector answers an instruction it has no handler for: no id, AXONIQ-1002, no result.
        client.send(PlatformInboundInstruction.newBuilder().setAck(InstructionAck.newBuilder().setSuccess(false)
                .setError(ErrorMessage.newBuilder().setErrorCode("AXONIQ-1002").setMessage("No handler for instruction")))
                .build());

        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("AXONIQ-1002");
    }

    @Test
    void aClientThatDoesNotAnswerIsAGatewayTimeout() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/pause");
        client.next(PlatformOutboundInstruction::hasPauseEventProcessor, SHORT);
        acknowledge();

        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(504);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("results").get(0).get("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(problem.get("results").get(0).get("acknowledged").asBoolean()).isTrue();
    }

    @Test
    void splitGoesToTheOwnerOfTheLargestSegment() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/segments/split");

        PlatformOutboundInstruction split = client.next(
                PlatformOutboundInstruction::hasSplitEventProcessorSegment, SHORT);
        assertThat(split.getSplitEventProcessorSegment().getProcessorName()).isEqualTo("orders");
        // Of the two equal halves, the last reported (the highest id), as Axon Server picks.
        assertThat(split.getSplitEventProcessorSegment().getSegmentIdentifier()).isEqualTo(1);
        acknowledge();
        succeed(split);
        answerStatusRequest(Processors.tracking("orders", 4, 1, 3));
        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void mergeGoesToTheOwnerOfTheSmallestSegment() throws Exception {
        CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/segments/merge");

        PlatformOutboundInstruction merge = client.next(
                PlatformOutboundInstruction::hasMergeEventProcessorSegment, SHORT);
        // Of the two equal halves, the last reported (the highest id), as Axon Server picks: 1 merges with 0.
        assertThat(merge.getMergeEventProcessorSegment().getSegmentIdentifier()).isEqualTo(1);
        acknowledge();
        succeed(merge);
        answerStatusRequest(Processors.tracking("orders", 1, 0));
        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void mergeWaitsUntilAnotherInstanceHasReleasedTheSegmentToMergeWith() throws Exception {
        // After a split raw-1 claims quarter 0 and raw-2 quarter 2. Of the equal quarters the highest id, 2
        // (Axon Server's pick), merges with its sibling 0, which raw-1 must release first.
        client.send(PlatformInboundInstruction.newBuilder()
                .setEventProcessorInfo(Processors.tracking("orders", 4, 0)).build());
        try (RawClient other = RawClient.connect(hub.grpcPort()).register("raw-app", "raw-2")) {
            other.send(PlatformInboundInstruction.newBuilder()
                    .setEventProcessorInfo(Processors.tracking("orders", 4, 2)).build());
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "raw-2")
                    .map(c -> c.processors().containsKey("orders")).orElse(false));

            CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/segments/merge");

            PlatformOutboundInstruction release = client.next(PlatformOutboundInstruction::hasReleaseSegment, SHORT);
            assertThat(release.getReleaseSegment().getSegmentIdentifier()).isZero();
            client.send(result(release));
            // Still holding it at the first status request: the hub asks again rather than merging.
            answerStatusRequest(client, Processors.tracking("orders", 4, 0));
            assertThat(other.history()).noneMatch(PlatformOutboundInstruction::hasMergeEventProcessorSegment);
            answerStatusRequest(client, Processors.tracking("orders", 4));

            PlatformOutboundInstruction merge = other.next(
                    PlatformOutboundInstruction::hasMergeEventProcessorSegment, SHORT);
            assertThat(merge.getMergeEventProcessorSegment().getSegmentIdentifier()).isEqualTo(2);
            other.send(result(merge));
            answerStatusRequest(other, Processors.tracking("orders", 2, 2));
            HttpResponse<String> answer = response.get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("release segment 0", "merge segment 2");
        }
    }

    @Test
    void moveReleasesTheSegmentOnItsOwner() throws Exception {
        try (RawClient other = RawClient.connect(hub.grpcPort()).register("raw-app", "raw-2")) {
            other.send(PlatformInboundInstruction.newBuilder()
                    .setEventProcessorInfo(Processors.tracking("orders", 2)).build());
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "raw-2")
                    .map(c -> c.processors().containsKey("orders")).orElse(false));

            CompletableFuture<HttpResponse<String>> response = patchAsync("/orders/segments/1/move?target=raw-2");

            PlatformOutboundInstruction release = client.next(PlatformOutboundInstruction::hasReleaseSegment, SHORT);
            assertThat(release.getReleaseSegment().getSegmentIdentifier()).isEqualTo(1);
            acknowledge();
            succeed(release);
            answerStatusRequest(Processors.tracking("orders", 2, 0));
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(other.history()).noneMatch(PlatformOutboundInstruction::hasReleaseSegment);
        }
    }

    @Test
    void refusalsNameWhatIsWrong() throws Exception {
        assertProblem(Http.patch(url("/nope/pause")), 404, "no event processor 'nope'");
        assertProblem(Http.patch(hub.httpUrl() + "/v1/components/ghost/processors/orders/pause"), 404,
                "No instance of component 'ghost'");
        assertProblem(Http.patch(url("/orders/pause?tokenStoreIdentifier=other")), 404, "token store 'other'");
        assertProblem(Http.patch(url("/orders/pause?context=elsewhere")), 404, "Unknown context 'elsewhere'");
        assertProblem(Http.patch(url("/orders/segments/5/move?target=raw-1")), 409, "Segment 5");
        assertProblem(Http.patch(url("/orders/segments/1/move?target=stranger")), 404, "No instance 'stranger'");
        assertProblem(Http.patch(url("/orders/segments/1/move")), 400, "target");
        assertProblem(Http.patch(url("/orders/segments/one/move?target=raw-1")), 400, "segment");
        assertThat(client.history()).noneMatch(i -> i.hasReleaseSegment() || i.hasPauseEventProcessor());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("detail").asText()).containsIgnoringCase(detail);
    }

    private void acknowledge() {
        client.send(PlatformInboundInstruction.newBuilder()
                .setAck(InstructionAck.newBuilder().setSuccess(true)).build());
    }

    private void answerStatusRequest(EventProcessorInfo info) throws InterruptedException {
        answerStatusRequest(client, info);
    }

    /** Answers the hub's request for processor status as the connector does: ack, the info under the request's id, result. */
    private static void answerStatusRequest(RawClient client, EventProcessorInfo info) throws InterruptedException {
        PlatformOutboundInstruction request = client.next(
                PlatformOutboundInstruction::hasRequestEventProcessorInfo, SHORT);
        assertThat(request.getRequestEventProcessorInfo().getProcessorName()).isEqualTo("orders");
        client.send(PlatformInboundInstruction.newBuilder()
                .setAck(InstructionAck.newBuilder().setSuccess(true)).build());
        client.send(PlatformInboundInstruction.newBuilder().setInstructionId(request.getInstructionId())
                .setEventProcessorInfo(info).build());
        client.send(result(request));
    }

    private void succeed(PlatformOutboundInstruction instruction) {
        client.send(result(instruction));
    }

    private static PlatformInboundInstruction result(PlatformOutboundInstruction instruction) {
        return PlatformInboundInstruction.newBuilder().setResult(InstructionResult.newBuilder()
                .setInstructionId(instruction.getInstructionId()).setSuccess(true)).build();
    }

    private static CompletableFuture<HttpResponse<String>> patchAsync(String path) {
        return CompletableFuture.supplyAsync(() -> Http.patch(url(path)));
    }

    private static String url(String path) {
        return hub.httpUrl() + "/v1/components/raw-app/processors" + path;
    }
}
