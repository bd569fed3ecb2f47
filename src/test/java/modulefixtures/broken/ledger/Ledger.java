package modulefixtures.broken.ledger;

import modulefixtures.broken.ledger.internal.Journal;

/** The ledger module's API. */
public class Ledger {
    public long balance() {
        return new Journal().total();
    }
}
