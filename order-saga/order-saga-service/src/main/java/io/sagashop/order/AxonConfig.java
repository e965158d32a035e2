package io.sagashop.order;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The order service's event processing.
 *
 * <p>The sagas' group ({@code order-saga}: the placement saga {@code saga.OrderSaga} and the
 * cancellation saga {@code saga.OrderCancellationSaga}; Axon 4 runs both saga types in this one
 * processor, so they see an order's events in the same order) is a pooled streaming processor
 * with several segments, so several threads work on different sagas at once (Axon
 * assigns each saga to a segment by its id, and the saga store locks a saga only while one of
 * its events is handled). Its token and saga store live in this service's schema. Handler
 * failures propagate: the processor keeps its token and retries the event later instead of
 * skipping it, because a skipped event would leave an order half done. (Failing commands are not
 * handler failures: the saga retries those itself on a deadline.)
 *
 * <p>Deadlines: with db-scheduler's Spring Boot starter on the class path, Axon's
 * {@code AxonDbSchedulerAutoConfiguration} provides a {@code DbSchedulerDeadlineManager} whose
 * tasks live in {@code scheduled_tasks} of this schema, serialized with the (Jackson) event
 * serializer; nothing to wire here. {@code OrderSagaServiceTest} checks that this is so.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class AxonConfig {

    static final String SAGA_GROUP = "order-saga";

    /**
     * The saga's processor: pooled streaming (the default) or, with
     * {@code sagashop.order.saga-processor=tracking}, a tracking processor with the same segments,
     * threads and batch size. Segments are the count a new token store starts with; threads are
     * the most segments one instance works on, kept apart so that a store made with, or split to,
     * more segments than configured is still worked on in full. On an embedded event store (the
     * in-process baseline, {@code inprocess/}) a pooled processor polls every 500 ms for lack of
     * availability callbacks, where a tracking one is woken after every commit.
     */
    @Bean
    ConfigurerModule orderSagaProcessingConfigurer(@Value("${sagashop.order.saga-processor:pooled}") String processor,
                                                   @Value("${sagashop.order.saga-segments:1}") int segments,
                                                   @Value("${sagashop.order.saga-threads:4}") int threads,
                                                   @Value("${sagashop.order.saga-batch-size:20}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> {
            switch (processor) {
                case "pooled" -> processing.registerPooledStreamingEventProcessor(SAGA_GROUP, Configuration::eventStore,
                        (config, builder) -> builder.initialSegmentCount(segments).maxClaimedSegments(threads).batchSize(batchSize));
                case "tracking" -> processing.registerTrackingEventProcessor(SAGA_GROUP, Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                                .andInitialSegmentsCount(segments).andBatchSize(batchSize));
                default -> throw new IllegalArgumentException(
                        "sagashop.order.saga-processor must be pooled or tracking, not " + processor);
            }
            processing.registerListenerInvocationErrorHandler(SAGA_GROUP, config -> PropagatingErrorHandler.instance());
        });
    }
}
