import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One query as a JFR event: begun and committed around the query, so JFR records its start, duration and
 * thread; its fields tag it, as pprof labels and a trace region tag Go code.
 */
@Name("confnotes.Query")
@Label("Query")
@Category("confnotes")
@Description("One query of the mixed workload")
@StackTrace(false)
final class QueryEvent extends jdk.jfr.Event {
    @Label("Template")
    String template;

    @Label("Phase")
    String phase;

    @Label("Rows scanned")
    int rows;

    @Label("Lock wait (ms)")
    double lockWaitMs;
}
