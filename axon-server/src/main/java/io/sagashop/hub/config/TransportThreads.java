package io.sagashop.hub.config;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The hub's own gRPC transport threads: event loops {@code hub-grpc-worker-*} and call executor
 * {@code hub-grpc-executor-*}. gRPC's defaults are shared by every server and channel of the JVM
 * under one name, so a thread dump, a profile or a CPU count could not tell the hub's transport
 * from a client's in the same process (tests, the benchmarks, an embedded hub). Same transport
 * (epoll where available, as gRPC picks it), same thread counts and the same unbounded call
 * executor as gRPC's defaults; only the names and the ownership differ.
 */
final class TransportThreads implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService executor;
    private final boolean epoll;

    TransportThreads() {
        this.epoll = Epoll.isAvailable();
        this.boss = group(1, "hub-grpc-boss");
        // 0 threads: Netty's default, twice the available processors.
        this.workers = group(0, "hub-grpc-worker");
        this.executor = Executors.newCachedThreadPool(new DefaultThreadFactory("hub-grpc-executor", true));
    }

    private EventLoopGroup group(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    NettyServerBuilder applyTo(NettyServerBuilder builder) {
        return builder.bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelType(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .executor(executor);
    }

    /** After the server has stopped: the builder does not shut down groups it was given. */
    @Override
    public void close() throws InterruptedException {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        executor.shutdown();
        workers.terminationFuture().await(3, TimeUnit.SECONDS);
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }
}
