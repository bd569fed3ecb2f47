package modulefixtures.broken.reports;

/** A module billing does not declare. */
public class Report {
    public long lines() {
        return 1;
    }
}
