package dev.switchboard.database;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This node's name among the nodes sharing one database: its process id and a random suffix. Leases
 * are stamped with it, and it is the {@code application_name} of the node's connections, so a node can
 * tell its own NOTIFYs from other nodes'.
 */
public final class NodeIdentity {

    private static final String ID = "node-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private NodeIdentity() {
    }

    public static String id() {
        return ID;
    }

    /** The application_name of this node's database connections. */
    public static String applicationName() {
        return "switchboard " + ID;
    }
}
