package dev.switchboard.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Connections with {@code synchronous_commit = off}: a commit returns before its WAL record is flushed,
 * and a crash may lose the last fraction of a second of such commits. Only for writes that are redone
 * when lost. Wrapped in its own type so that it is never mistaken for the application's DataSource.
 */
public record AsyncCommitDataSource(HikariDataSource dataSource) implements AutoCloseable {

    public DataSource get() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
