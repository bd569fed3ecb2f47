package dev.switchboard.database;

import java.io.IOException;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One connection pool, to the configured PostgreSQL or to the embedded one. The pool gives up on a
 * connection quickly so that readiness turns DOWN within seconds of the database going away, and
 * Hikari's own retries bring it back UP when the database returns.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseProperties properties) throws IOException {
        return new EmbeddedDatabaseHolder(properties.isEmbedded() ? EmbeddedDatabase.start(properties.embedded()) : null);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties, EmbeddedDatabaseHolder embedded) {
        HikariConfig config = new HikariConfig();
        if (embedded.database() != null) {
            config.setJdbcUrl(embedded.database().jdbcUrl());
            config.setUsername("postgres");
        } else {
            DatabaseUrl url = DatabaseUrl.parse(properties.url(), properties.username(), properties.password());
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(url.username());
            config.setPassword(url.password());
        }
        config.setPoolName("switchboard");
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(30_000);
        config.addDataSourceProperty("ApplicationName", NodeIdentity.applicationName());
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(config);
    }

    /**
     * A few connections that commit without waiting for the WAL flush, for work whose loss in a crash is
     * harmless because it is redone: a lost delivery claim or result only makes the delivery due again.
     * Never for events: an acknowledged event must be on disk.
     */
    @Bean(destroyMethod = "close")
    AsyncCommitDataSource asyncCommitDataSource(HikariDataSource dataSource) {
        HikariConfig config = new HikariConfig();
        dataSource.copyStateTo(config);
        config.setPoolName("switchboard-async-commit");
        config.setMaximumPoolSize(4);
        // The queue's statements are prepared once and then run on a cached generic plan. A plan made
        // while the tables were nearly empty chose a sequential scan and kept it as they grew (the result
        // write took 60-80 % of a core at 500 deliveries/s); on the queue an index is always right.
        config.addDataSourceProperty("options", "-c synchronous_commit=off -c enable_seqscan=off");
        return new AsyncCommitDataSource(new HikariDataSource(config));
    }

    /** Keeps the embedded server's lifetime tied to the context, closed after the pool that uses it. */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (database != null) {
                database.close();
            }
        }
    }
}
