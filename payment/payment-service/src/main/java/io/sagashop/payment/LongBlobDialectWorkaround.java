package io.sagashop.payment;

import io.sagashop.platform.db.SagashopMariaDBDialect;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.sql.internal.DdlTypeImpl;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * TEMPORARY, until the platform's fix lands: the platform's MariaDB dialect overrides
 * {@code columnType(BLOB)}, which Hibernate 6.6 no longer consults for validation, so
 * {@code ddl-auto: validate} fails on Axon's LONGBLOB columns. On MariaDB this names a subclass
 * that registers LONGBLOB for BLOB the way Hibernate reads it; the platform then keeps out.
 */
@Configuration(proxyBeanMethods = false)
class LongBlobDialectWorkaround {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    HibernatePropertiesCustomizer paymentLongBlobDialect(DataSource dataSource) {
        return properties -> {
            if (!properties.containsKey("hibernate.dialect") && isMariaDb(dataSource)) {
                properties.put("hibernate.dialect", Dialect.class.getName());
            }
        };
    }

    private static boolean isMariaDb(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion().toLowerCase().contains("mariadb");
        } catch (SQLException e) {
            return false;
        }
    }

    /** The platform's dialect with BLOB registered as LONGBLOB. */
    public static class Dialect extends SagashopMariaDBDialect {

        @Override
        protected void registerColumnTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
            super.registerColumnTypes(typeContributions, serviceRegistry);
            typeContributions.getTypeConfiguration().getDdlTypeRegistry()
                    .addDescriptor(new DdlTypeImpl(SqlTypes.BLOB, "longblob", this));
        }
    }
}
