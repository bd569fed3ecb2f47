package dev.switchboard.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.switchboard.chatwoot.ChatwootProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Switchboard's settings read exactly as the server reads them (environment variables in both their
 * spellings, {@code application.yml} beside the jar, {@code --switchboard.…=…} options, and the same
 * validation), by a Spring context that holds nothing but the settings: no server, no database.
 *
 * @param chatwoot      {@code switchboard.chatwoot.*}
 * @param agentUrl      {@code switchboard.delivery.agent-url}, when set
 * @param webhookSecret the first of {@code switchboard.inbound.secrets}, when set
 * @param draftSecret   the first of {@code switchboard.drafts.agent-secret}, when set
 * @param port          {@code server.port}
 */
record CliSettings(ChatwootProperties chatwoot, Optional<URI> agentUrl, Optional<String> webhookSecret, Optional<String> draftSecret,
                   int port) {

    /** @param settings {@code --name=value} settings given on the command line; they win over everything else */
    static CliSettings load(List<String> settings) {
        List<String> args = new ArrayList<>(settings);
        // the command speaks for itself: Spring's own start-up lines and failure reports would only repeat it
        args.addAll(List.of("--logging.level.root=off", "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OnlySettings.class)
                .web(WebApplicationType.NONE).registerShutdownHook(false).run(args.toArray(String[]::new))) {
            Environment environment = context.getEnvironment();
            return new CliSettings(context.getBean(ChatwootProperties.class),
                    Optional.ofNullable(environment.getProperty("switchboard.delivery.agent-url")).filter(s -> !s.isBlank())
                            .map(s -> URI.create(s.trim())),
                    Optional.ofNullable(environment.getProperty("switchboard.inbound.secrets")).flatMap(CliSettings::first),
                    Optional.ofNullable(environment.getProperty("switchboard.drafts.agent-secret")).flatMap(CliSettings::first),
                    environment.getProperty("server.port", Integer.class, 8080));
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new Options.UsageException("Switchboard's settings cannot be read: " + cause.getMessage());
        }
    }

    private static Optional<String> first(String secrets) {
        return Stream.of(secrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).findFirst();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ChatwootProperties.class)
    static class OnlySettings {
    }
}
