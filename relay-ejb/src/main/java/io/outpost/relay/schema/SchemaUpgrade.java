package io.outpost.relay.schema;

import io.outpost.relay.config.RelayConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Migrates the database at start-up, before any other singleton starts: everything that reads or writes tables at
 * start-up names this bean in {@code @DependsOn}. EclipseLink creates no tables (persistence.xml), so it cannot race
 * the migrations either.
 */
@Singleton
@Startup
// Flyway commits each migration itself: a container transaction around it would hold them all in one (and PostgreSQL
// DDL inside a JTA transaction is what once kept the tables from being created at all).
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaUpgrade {

    private static final Logger LOG = Logger.getLogger(SchemaUpgrade.class.getName());

    @Resource(lookup = "jdbc/outpost")
    private DataSource dataSource;

    @Inject
    private RelayConfiguration config;

    @PostConstruct
    void upgrade() {
        String version = DatabaseSchema.upgrade(dataSource, config.databaseKind());
        LOG.info(() -> "database schema at version " + version);
    }
}
