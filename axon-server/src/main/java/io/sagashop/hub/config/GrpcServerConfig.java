package io.sagashop.hub.config;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.sagashop.hub.access.AccessPolicy;
import io.sagashop.hub.grpc.AccessInterceptor;
import io.sagashop.hub.grpc.CallContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the gRPC server from an injectable {@link ServerBuilder}: the application listens on
 * Netty, a test may provide its own builder (another port, in-process transport).
 */
@Configuration(proxyBeanMethods = false)
public class GrpcServerConfig {

    private static final Duration KEEP_ALIVE_TIME = Duration.ofSeconds(10);
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    TransportThreads grpcTransportThreads() {
        return new TransportThreads();
    }

    @Bean
    @ConditionalOnMissingBean(ServerBuilder.class)
    ServerBuilder<?> grpcServerBuilder(HubProperties properties, TransportThreads threads) throws Exception {
        NettyServerBuilder builder = threads.applyTo(NettyServerBuilder
                .forAddress(new InetSocketAddress(properties.bindAddress(), properties.grpc().port())))
                // The connector pings every second by default; Netty's default policy would
                // answer that with GOAWAY "too_many_pings".
                .permitKeepAliveTime(500, TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true)
                // Our own pings find connections that died without a FIN (network cut, frozen VM) for
                // clients that do not heartbeat: their streams then break and they are dropped.
                .keepAliveTime(KEEP_ALIVE_TIME.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(KEEP_ALIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .maxInboundMessageSize((int) properties.grpc().maxMessageSize().toBytes());
        if (properties.tls().enabled()) {
            builder.sslContext(GrpcSslContexts.forServer(properties.tls().certChain().toFile(),
                    properties.tls().privateKey().toFile()).build());
        }
        return builder;
    }

    @Bean
    GrpcServer grpcServer(ServerBuilder<?> builder, List<BindableService> services, HubProperties properties,
                          AccessPolicy access) {
        List<ServerInterceptor> interceptors = new ArrayList<>();
        // Interceptors run last-added first: the token is checked before the context is resolved.
        // There is no way to turn the check off: a hub without credentials generates one.
        interceptors.add(new CallContext(properties));
        interceptors.add(new AccessInterceptor(access));
        runOnTransportThreads(builder, services);
        return new GrpcServer(builder, services, interceptors);
    }

    /** Calls of {@link NonBlockingService}s' non-blocking methods skip the hand-over to the application executor. */
    private static void runOnTransportThreads(ServerBuilder<?> builder, List<BindableService> services) {
        Set<String> direct = services.stream().filter(NonBlockingService.class::isInstance)
                .flatMap(service -> service.bindService().getMethods().stream()
                        .map(method -> method.getMethodDescriptor().getFullMethodName())
                        .filter(((NonBlockingService) service)::nonBlocking))
                .collect(Collectors.toUnmodifiableSet());
        if (direct.isEmpty()) {
            return;
        }
        builder.callExecutor(new ServerCallExecutorSupplier() {
            @Override
            public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata metadata) {
                // null: the server's default executor.
                return direct.contains(call.getMethodDescriptor().getFullMethodName()) ? Runnable::run : null;
            }
        });
    }
}
