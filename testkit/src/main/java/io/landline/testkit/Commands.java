package io.landline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line tool (curl, openssl, dpkg-deb, systemd-analyze) and returns what it printed. */
public final class Commands {

    private Commands() {
    }

    /** Runs {@code command} with no input, asserts it exits 0 within a minute, and returns stdout and stderr together. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished within 60 s", command).isTrue();
        assertThat(p.exitValue()).as("exit code of %s; output:%n%s", command, out).isZero();
        return out;
    }
}
