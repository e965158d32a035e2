package io.sagashop.platform.db;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.sql.internal.DdlTypeImpl;

/**
 * MariaDB as Sagashop uses it through mysql-connector-j. The driver reports MariaDB as
 * "5.5.5-…", which would make Hibernate fall back to an old dialect, so the version is fixed at
 * 10.11 (sequences, proper types). Axon's entities map payloads to BLOB, which holds only 64 KiB
 * on MariaDB: BLOB columns are LONGBLOB, matching the Flyway scripts.
 */
public class SagashopMariaDBDialect extends MariaDBDialect {

    public SagashopMariaDBDialect() {
        super(DatabaseVersion.make(10, 11));
    }

    @Override
    protected void registerColumnTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.registerColumnTypes(typeContributions, serviceRegistry);
        // MySQL's dialect picks tinyblob/blob/mediumblob by declared length; always LONGBLOB instead.
        typeContributions.getTypeConfiguration().getDdlTypeRegistry()
                .addDescriptor(new DdlTypeImpl(SqlTypes.BLOB, "longblob", this));
    }
}
