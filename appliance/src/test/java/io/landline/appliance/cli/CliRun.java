package io.landline.appliance.cli;

import io.landline.appliance.Landline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** One run of the {@code landline} command line in this JVM: its exit code and what it printed. */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            return new CliRun(Landline.run(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
