-- The saga store writes association values over JDBC (AxonJdbcStoresAutoConfiguration), which
-- leaves their id to the database instead of Hibernate's sequence. Existing rows keep their ids;
-- new ones continue after the highest.
ALTER TABLE association_value_entry MODIFY id BIGINT NOT NULL AUTO_INCREMENT;
