package dev.switchboard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void postgres_url_becomes_jdbc_with_its_credentials() {
        var url = DatabaseUrl.parse("postgres://sb:s%40cret@db.internal:6543/switchboard?sslmode=require", null, null);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/switchboard?sslmode=require");
        assertThat(url.username()).isEqualTo("sb");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void postgresql_scheme_and_default_port_are_understood() {
        var url = DatabaseUrl.parse("postgresql://db/sb", "user", "pw");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/sb");
        assertThat(url.username()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("pw");
    }

    @Test
    void jdbc_url_is_used_as_it_is() {
        var url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/sb", "u", "p");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/sb");
        assertThat(url.username()).isEqualTo("u");
    }

    @Test
    void other_databases_are_refused_with_the_property_named() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/sb", null, null))
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void password_never_shows_in_to_string() {
        assertThat(DatabaseUrl.parse("postgres://sb:hunter2@db/sb", null, null).toString()).doesNotContain("hunter2");
    }
}
