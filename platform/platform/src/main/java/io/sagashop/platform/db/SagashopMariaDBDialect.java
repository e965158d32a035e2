package io.sagashop.platform.db;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.type.SqlTypes;

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
    protected String columnType(int sqlTypeCode) {
        if (sqlTypeCode == SqlTypes.BLOB) {
            return "longblob";
        }
        return super.columnType(sqlTypeCode);
    }
}
