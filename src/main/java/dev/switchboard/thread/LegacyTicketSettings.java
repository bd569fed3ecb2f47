package dev.switchboard.thread;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The settings of native threads were called {@code switchboard.ticket.*} (and {@code SWITCHBOARD_TICKET_*})
 * before threads got their one name. For one release the old names still work, below every
 * {@code switchboard.thread.*} setting, with a warning naming the new one on every start.
 */
public class LegacyTicketSettings implements EnvironmentPostProcessor, Ordered {

    static final String OLD = "switchboard.ticket.";
    static final String NEW = "switchboard.thread.";

    private final Log log;

    public LegacyTicketSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(LegacyTicketSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        Map<String, Object> carried = new LinkedHashMap<>();
        for (RecordComponent component : ThreadProperties.class.getRecordComponents()) {
            String name = component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            binder.bind(OLD + name, String.class).ifBound(value -> {
                boolean overridden = binder.bind(NEW + name, String.class).isBound();
                log.warn(OLD + name + " is deprecated and will stop working in the next release: use " + NEW + name
                        + " (" + (NEW + name).toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_') + ")"
                        + (overridden ? "; it is set too, so the old value is ignored" : ""));
                carried.put(NEW + name, value);
            });
        }
        if (!carried.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("deprecated switchboard.ticket settings", carried));
        }
    }

    /** After application.yml and the rest are loaded, so the old names are found wherever they are set. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
