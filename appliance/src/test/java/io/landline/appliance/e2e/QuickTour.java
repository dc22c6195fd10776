package io.landline.appliance.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable part of docs/quick-tour.md: its {@code ```sh} blocks in order (blocks fenced
 * {@code ```shell} are alternatives and left out), with the tour's variable assignments
 * replaced by the values a test gives.
 */
final class QuickTour {

    private static final Pattern SH_BLOCK = Pattern.compile("(?m)^```sh\\n(.*?)^```$", Pattern.DOTALL);

    private QuickTour() {
    }

    static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** One bash script: strict mode, echoing each command, then the blocks with {@code variables} set as given. */
    static String script(String markdown, Map<String, String> variables) {
        StringBuilder script = new StringBuilder("set -euo pipefail\nset -x\n");
        for (String block : blocks(markdown)) {
            for (var v : variables.entrySet()) {
                Pattern assignment = Pattern.compile("(?m)^" + Pattern.quote(v.getKey()) + "=\\S+");
                if (!assignment.matcher(block).find() && block.contains(v.getKey() + "=")) {
                    throw new IllegalStateException("cannot find the assignment of " + v.getKey());
                }
                block = assignment.matcher(block).replaceAll(Matcher.quoteReplacement(v.getKey() + "=" + v.getValue()));
            }
            script.append(block);
        }
        return script.toString();
    }
}
