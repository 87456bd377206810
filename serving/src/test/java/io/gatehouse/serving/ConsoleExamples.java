package io.gatehouse.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * The examples of the {@code console} code blocks of a Markdown document: a command is a line starting with
 * {@code "$ "}, continued on the next lines while its single quotes are unbalanced (a JSON body over several lines);
 * the lines after it, up to the next command or the end of the block, are its expected output (none: not checked).
 */
final class ConsoleExamples {

    /** One command, the document line it starts on, and its expected output ("" when none is given). */
    record Example(int line, String command, String output) {
    }

    private static final String FENCE = "```";
    private static final String PROMPT = "$ ";

    private ConsoleExamples() {
    }

    static List<Example> parse(String markdown) {
        List<Example> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inConsole = false;
        StringBuilder command = null;
        StringBuilder output = new StringBuilder();
        int commandLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!inConsole) {
                inConsole = line.strip().equals(FENCE + "console");
                continue;
            }
            boolean continues = command != null && output.isEmpty() && quotesOpen(command);
            if (continues) {
                command.append('\n').append(line);
            } else if (line.strip().equals(FENCE) || line.startsWith(PROMPT)) {
                if (command != null) {
                    examples.add(new Example(commandLine, command.toString(), output.toString().strip()));
                }
                command = null;
                output.setLength(0);
                if (line.startsWith(PROMPT)) {
                    command = new StringBuilder(line.substring(PROMPT.length()));
                    commandLine = i + 1;
                } else {
                    inConsole = false;
                }
            } else if (command == null) {
                throw new IllegalArgumentException("line " + (i + 1) + " of a console block is neither a command"
                        + " nor the output of one: " + line);
            } else {
                output.append(line).append('\n');
            }
        }
        if (inConsole) {
            throw new IllegalArgumentException("a console block is not closed by " + FENCE);
        }
        return examples;
    }

    private static boolean quotesOpen(CharSequence command) {
        return command.chars().filter(c -> c == '\'').count() % 2 == 1;
    }
}
