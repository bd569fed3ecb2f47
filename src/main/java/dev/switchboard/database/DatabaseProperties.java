package dev.switchboard.database;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Switchboard keeps its data.
 *
 * @param url       the database: a {@code postgres://user:pass@host:port/db} URL or a JDBC URL
 *                  (env {@code DATABASE_URL}); empty starts the embedded PostgreSQL
 * @param username  the user, when the URL does not carry one
 * @param password  the password, when the URL does not carry one
 * @param poolSize  the most connections Switchboard opens to the database
 * @param embedded  the embedded PostgreSQL used when no URL is set
 */
@Validated
@ConfigurationProperties("switchboard.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        @DefaultValue("10") @Min(2) @Max(200) int poolSize,
        @DefaultValue @Valid @NotNull Embedded embedded) {

    boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    /**
     * @param dataDir the folder PostgreSQL keeps its files in; kept across restarts
     * @param port    the port the embedded PostgreSQL listens on, 0 for any free port
     */
    public record Embedded(
            @DefaultValue("./data") @NotNull Path dataDir,
            @DefaultValue("0") @Min(0) @Max(65535) int port) {
    }
}
