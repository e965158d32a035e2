package io.sagashop.hub.eventstore;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A DataSource that fails or holds event inserts and commits on request, to see what the writer does then. */
final class FaultyDataSource extends DelegatingDataSource {

    /** How many of the next event INSERT statements fail. */
    final AtomicInteger failingInserts = new AtomicInteger();
    /** How many of the next commits fail. */
    final AtomicInteger failingCommits = new AtomicInteger();
    /** When set, an event INSERT counts this down, then waits for {@link #release}. */
    volatile CountDownLatch insertReached;
    volatile CountDownLatch release;

    FaultyDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isWrapperFor") || method.getName().equals("unwrap")) {
                        // Hide the driver: the writer must prepare through this proxy to be intercepted.
                        if (method.getName().equals("isWrapperFor")) {
                            return false;
                        }
                        throw new SQLException("not a wrapper");
                    }
                    if (method.getName().equals("commit") && failingCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new SQLException("injected commit failure");
                    }
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT INTO hub_event")) {
                        return statement((PreparedStatement) result);
                    }
                    return result;
                });
    }

    private PreparedStatement statement(PreparedStatement statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("executeUpdate")) {
                CountDownLatch reached = insertReached;
                if (reached != null) {
                    reached.countDown();
                    release.await();
                }
                if (failingInserts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new SQLException("injected insert failure");
                }
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
