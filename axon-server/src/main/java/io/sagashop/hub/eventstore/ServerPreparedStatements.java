package io.sagashop.hub.eventstore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Prepares the writer's INSERT on the server when the driver is MySQL Connector/J. The hub's
 * JDBC URL asks for client-side prepared statements ({@code useServerPrepStmts=false}), and with
 * those Connector/J turns every event blob into a hex literal, one lambda call per byte: that
 * was a third of the hub's CPU under load. A server-side prepared statement sends the blobs as
 * they are in the binary protocol, and MariaDB parses the statement once instead of on every
 * batch. {@code JdbcConnection.serverPrepareStatement} is Connector/J's public API for exactly
 * this; it is called reflectively because the driver is only a runtime dependency. Any other
 * driver (H2) gets an ordinary prepared statement.
 */
final class ServerPreparedStatements {

    private static final Class<?> CONNECTOR_J = connectorJ();
    private static final Method SERVER_PREPARE = serverPrepare();

    private ServerPreparedStatements() {
    }

    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        if (SERVER_PREPARE != null && connection.isWrapperFor(CONNECTOR_J)) {
            try {
                return (PreparedStatement) SERVER_PREPARE.invoke(connection.unwrap(CONNECTOR_J), sql);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException failure) {
                    throw failure;
                }
                throw new SQLException("server-side prepare failed", e.getCause());
            } catch (IllegalAccessException e) {
                throw new SQLException("server-side prepare not accessible", e);
            }
        }
        return connection.prepareStatement(sql);
    }

    private static Class<?> connectorJ() {
        try {
            return Class.forName("com.mysql.cj.jdbc.JdbcConnection");
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Method serverPrepare() {
        try {
            return CONNECTOR_J == null ? null : CONNECTOR_J.getMethod("serverPrepareStatement", String.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
