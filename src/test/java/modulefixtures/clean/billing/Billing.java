package modulefixtures.clean.billing;

import modulefixtures.clean.ledger.Ledger;

/** Uses the ledger through its API only: allowed. */
public class Billing {
    public long due() {
        return new Ledger().balance();
    }
}
