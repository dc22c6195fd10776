package io.landline.appliance.activation;

import io.landline.appliance.Landline;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.TestNodeConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw {@code POST /v1/activate} requests and CLI runs against a test node. */
final class Activations {

    private final TestNodeConfig config;
    private final HttpClient http;

    Activations(TestNodeConfig config) throws Exception {
        this.config = config;
        this.http = Http.trusting(config.caFile());
    }

    /** {@code headers} as name, value pairs; the content type is not set unless given. */
    HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.httpsUrl("/v1/activate")))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postCsr(byte[] csr, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "content-type";
        all[1] = "application/pkcs10";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(csr, all);
    }

    static String reason(HttpResponse<String> response) {
        return new JsonObject(response.body()).getString("reason");
    }

    record Run(int code, String out, String err) {
    }

    /** Runs the landline CLI in this JVM with {@code --config} of the test node appended. */
    Run cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.file().toString();
        return cliWithoutConfig(all);
    }

    static Run cliWithoutConfig(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            return new Run(Landline.run(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    String metrics() throws Exception {
        return Http.get(config.adminUrl("/metrics")).body();
    }
}
