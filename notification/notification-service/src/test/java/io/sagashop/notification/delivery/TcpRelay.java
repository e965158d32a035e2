package io.sagashop.notification.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on the loopback address in front of a test server: counts the connections made
 * through it and how many are still open, and can cut them all or refuse new ones, as a server
 * that drops its clients or is down would.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger made = new AtomicInteger();
    private final Set<Pair> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    /** A client's connection and the relay's own to the server; closing one closes both. */
    private record Pair(Socket client, Socket server) {
        void close() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("relay-accept", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections clients made through the relay, refused ones included. */
    int connectionsMade() {
        return made.get();
    }

    /** Connections neither side has closed yet. */
    int connectionsOpen() {
        return open.size();
    }

    /** Closes every open connection, both ways. */
    void cutAll() {
        open.forEach(pair -> {
            pair.close();
            open.remove(pair);
        });
    }

    /** While true, a new connection is closed at once, before the server could greet. */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cutAll();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            made.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            Socket server;
            try {
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            Pair pair = new Pair(client, server);
            open.add(pair);
            daemon("relay-up", () -> pump(client, server, pair));
            daemon("relay-down", () -> pump(server, client, pair));
        }
    }

    private void pump(Socket from, Socket to, Pair pair) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side is gone: so is the relayed connection.
        } finally {
            pair.close();
            open.remove(pair);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing what is already broken.
        }
    }
}
