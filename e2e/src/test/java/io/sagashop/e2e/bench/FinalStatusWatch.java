package io.sagashop.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Follows one order's status stream ({@code GET /orders/{id}/status-stream}, server-sent events)
 * until it shows a final status, and reports the nanoTime it was seen: latency on the load
 * generator's own clock, with no polling. The view behind the stream may lag the 202 by a few
 * milliseconds; a 404 is asked again shortly after.
 */
final class FinalStatusWatch {

    private static final Pattern FINAL = Pattern.compile("\"status\"\\s*:\\s*\"(CONFIRMED|REJECTED|CANCELLED)\"");
    private static final Duration RETRY = Duration.ofMillis(20);

    private final HttpClient http;
    private final ScheduledExecutorService retries;
    private final String orderUrl;

    FinalStatusWatch(HttpClient http, ScheduledExecutorService retries, String orderUrl) {
        this.http = http;
        this.retries = retries;
        this.orderUrl = orderUrl;
    }

    /** Watches the order; {@code seenFinalAt} gets System.nanoTime() once its final status arrives. */
    void watch(String orderId, String token, long giveUpAtNanos, LongConsumer seenFinalAt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + orderId + "/status-stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(120))
                .GET().build();
        FinalLine subscriber = new FinalLine(seenFinalAt);
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
        response.whenComplete((answer, error) -> {
            boolean notYet = error == null && answer.statusCode() == 404;
            if (notYet && !subscriber.done && System.nanoTime() < giveUpAtNanos) {
                retries.schedule(() -> watch(orderId, token, giveUpAtNanos, seenFinalAt), RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Reads the stream line by line and stops at the first final status. */
    private static final class FinalLine implements Flow.Subscriber<String> {
        private final LongConsumer seenFinalAt;
        private Flow.Subscription subscription;
        private volatile boolean done;

        FinalLine(LongConsumer seenFinalAt) {
            this.seenFinalAt = seenFinalAt;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!done && line.startsWith("data:") && FINAL.matcher(line).find()) {
                done = true;
                seenFinalAt.accept(System.nanoTime());
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // A cancelled or broken stream: the order counts as not seen final, nothing more.
        }

        @Override
        public void onComplete() {
        }
    }
}
