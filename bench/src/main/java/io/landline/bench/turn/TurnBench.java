package io.landline.bench.turn;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -cp ... io.landline.bench.turn.TurnBench <command>}: a STUN/TURN load generator
 * for any RFC 8489/8656 server on loopback. Every command is bounded in count and time and
 * ends with one {@code RESULT} line; bench/scripts/turn-compare.sh runs them against coturn and
 * Landline side by side.
 */
@Command(name = "turn-bench", mixinStandardHelpOptions = true,
        description = "STUN/TURN load generator: Binding answers, ChannelData relaying, memory per allocation.",
        subcommands = {StunBindingCommand.class, TurnRelayCommand.class, TurnAllocationsCommand.class})
public final class TurnBench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TurnBench()).execute(args));
    }
}
