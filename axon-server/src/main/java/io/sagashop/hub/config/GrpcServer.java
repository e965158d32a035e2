package io.sagashop.hub.config;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Starts the gRPC server with every {@link BindableService} bean once the context is ready, and stops it first on shutdown. */
public class GrpcServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final ServerBuilder<?> builder;
    private final List<BindableService> services;
    private final List<ServerInterceptor> interceptors;
    private volatile Server server;

    GrpcServer(ServerBuilder<?> builder, List<BindableService> services, List<ServerInterceptor> interceptors) {
        this.builder = builder;
        this.services = services;
        this.interceptors = interceptors;
    }

    @Override
    public void start() {
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, interceptors)));
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("The hub's gRPC port could not be opened: " + e.getMessage(), e);
        }
        log.info("Hub gRPC server listening on port {} with {} services", server.getPort(), services.size());
    }

    @Override
    public void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(2, TimeUnit.SECONDS)) {
                running.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.shutdownNow();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port actually bound; useful when configured as 0. */
    public int port() {
        return server.getPort();
    }

    @Override
    public int getPhase() {
        // Start after the stores (default phase 0 beans are ready), stop before them.
        return Integer.MAX_VALUE - 100;
    }
}
