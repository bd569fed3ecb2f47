package dev.switchboard.monitor;

import org.springframework.context.ApplicationContext;

/** For tests in other packages: each test starts without a dashboard reading shared from the test before. */
public final class SharedReadings {

    private SharedReadings() {
    }

    public static void forget(ApplicationContext context) {
        context.getBean(HealthSummary.class).forgetSharedReading();
    }
}
