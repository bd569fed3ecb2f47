package dev.switchboard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, on the test database, with a clock the test controls. Tagged
 * {@value #NEEDS_DATABASE}: {@code ./mvnw test -Pfast} leaves these out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.TestClock.class)
@Tag(IntegrationTest.NEEDS_DATABASE)
public @interface IntegrationTest {

    /** The tag of every test that needs PostgreSQL (browser tests included: they run the whole application). */
    String NEEDS_DATABASE = "database";

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-07-20T10:00:00Z"));
        }
    }
}
