/**
 * The database schema: versioned Flyway migrations (resources {@code db/migration/h2} and {@code db/migration/postgresql})
 * applied at start-up before anything else touches the database. Depends on Flyway and JDBC only.
 */
package io.outpost.relay.schema;
