package io.sagashop.payment.query;

import io.sagashop.platform.test.TestDatabase;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link PaymentRecordsContract} on MariaDB, in a schema of its own. */
class PaymentRecordsTest extends PaymentRecordsContract {

    private String schema;

    @Override
    DataSource database() {
        schema = TestDatabase.createSchema("payment_records");
        // Statements prepared on the server, as the service runs them (PlatformDefaults): the
        // page's LIMIT is a parameter there too.
        return new DriverManagerDataSource(TestDatabase.jdbcUrl(schema).replace("useServerPrepStmts=false",
                "useServerPrepStmts=true"), TestDatabase.username(), TestDatabase.password());
    }

    @Override
    void dropDatabase() {
        TestDatabase.dropSchema(schema);
    }
}
