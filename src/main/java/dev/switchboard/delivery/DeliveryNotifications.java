package dev.switchboard.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.switchboard.database.NodeIdentity;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * LISTENs for the enqueue trigger's NOTIFY so that an event stored by another node is delivered within
 * milliseconds here too. Holds one connection of the pool while it runs; reconnects when it is lost.
 */
@Component
class DeliveryNotifications implements SmartLifecycle {

    static final String CHANNEL = "switchboard_deliveries";
    private static final Logger log = LoggerFactory.getLogger(DeliveryNotifications.class);

    private final DataSource dataSource;
    private final DeliveryWorker worker;
    private volatile boolean running;
    private Thread listener;

    DeliveryNotifications(DataSource dataSource, DeliveryWorker worker) {
        this.dataSource = dataSource;
        this.worker = worker;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                worker.wake();
                while (running) {
                    var notifications = pg.getNotifications(1_000);
                    if (notifications != null && fromAnotherNode(notifications)) {
                        worker.wake();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the LISTEN connection ({}); other nodes' events wait for the poll until it is back", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    /** This node's own inserts already woke its worker in-process. */
    private static boolean fromAnotherNode(org.postgresql.PGNotification[] notifications) {
        for (var notification : notifications) {
            if (!NodeIdentity.applicationName().equals(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("delivery-listen").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        listener.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 100;
    }
}
