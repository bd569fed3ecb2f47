package modulefixtures.clean.ledger;

import modulefixtures.clean.ledger.internal.Journal;

/** The ledger module's API. */
public class Ledger {
    public long balance() {
        return new Journal().total();
    }
}
