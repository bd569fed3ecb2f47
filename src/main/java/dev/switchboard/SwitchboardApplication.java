package dev.switchboard;

import java.time.Clock;

import dev.switchboard.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

/** One module per feature package; each declares what it may use, and every one may use the refusals. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "refusal")
public class SwitchboardApplication {

    /** {@code serve} (or no argument) starts the server; anything else is a command, help or a usage error. */
    public static void main(String[] args) {
        if (!Cli.startsServer(args)) {
            System.exit(Cli.run(args));
        }
        SpringApplication.run(SwitchboardApplication.class, Cli.serverArguments(args));
    }

    /** Every clock read goes through this bean, so tests can move time instead of waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
