package modulefixtures.broken.billing;

import modulefixtures.broken.ledger.internal.Journal;
import modulefixtures.broken.reports.Report;

/** Reaches into the ledger's internals and uses a module it did not declare: both refused. */
public class Billing {
    public long due() {
        return new Journal().total() + new Report().lines();
    }
}
