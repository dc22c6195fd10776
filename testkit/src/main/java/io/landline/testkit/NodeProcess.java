package io.landline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Landline node in a process of its own, started through {@code bin/landline} as an
 * operator would, for multi-process tests. Its output goes to {@code node.log} in its
 * working directory.
 */
public final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The source tree's root, handed to test JVMs by the build as {@code landline.root}. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("landline.root", "..")).toAbsolutePath().normalize();
    }

    public static Path launcher() {
        return projectRoot().resolve("bin/landline");
    }

    /** Runs {@code bin/landline args...} in {@code workDir} with {@code env} added to this JVM's environment. */
    public static NodeProcess start(Path workDir, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(args);
        Path log = workDir.resolve("node.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        try {
            Files.createDirectories(workDir);
            return new NodeProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Polls {@code /health/ready} on the admin port until it answers 200, the process dies or time runs out. */
    public boolean awaitReady(int adminPort, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends SIGTERM and waits; returns the exit code, or -1 when the process outlived {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
