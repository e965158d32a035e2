package io.sagashop.payment.query;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link PaymentRecordsContract} on H2 in MySQL mode, the documented fallback, with the settings
 * the fallback uses (the H2FallbackTest runs one payment through it; this runs every statement).
 */
class PaymentRecordsOnH2Test extends PaymentRecordsContract {

    private DataSource dataSource;

    @Override
    DataSource database() {
        // DB_CLOSE_DELAY=-1: the in-memory database outlives each connection, until the shutdown below.
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:payment_records_" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        return dataSource;
    }

    @Override
    void dropDatabase() {
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }
}
