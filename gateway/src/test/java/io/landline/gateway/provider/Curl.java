package io.landline.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl as a provider: HTTP/2 over TLS, trusting the node's CA. */
final class Curl {

    /** What came back: status, HTTP version and body. */
    record Answer(int status, String httpVersion, String body) {
    }

    private Curl() {
    }

    static void requireInstalled() {
        assertThat(new File("/usr/bin/curl")).as("curl is missing: bin/test installs it (Debian package curl)").exists();
    }

    /**
     * @param headers "name: value" lines
     * @param body    null: no body
     */
    static Answer send(String method, String url, Path caPem, List<String> headers, byte[] body, Path scratch) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--http2", "--silent", "--show-error", "--max-time", "10",
                "--cacert", caPem.toString(), "-X", method, "--write-out", "\n%{http_code} %{http_version}"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        if (body != null) {
            Path file = Files.createTempFile(scratch, "body", ".bin");
            Files.write(file, body);
            command.add("--data-binary");
            command.add("@" + file);
        }
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl failed: %s", out).isZero();
        int cut = out.lastIndexOf('\n');
        String[] last = out.substring(cut + 1).trim().split(" ");
        return new Answer(Integer.parseInt(last[0]), last[1], out.substring(0, cut));
    }
}
