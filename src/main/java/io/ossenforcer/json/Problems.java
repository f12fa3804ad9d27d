package io.ossenforcer.json;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The problems found in one document, each placed by its JSON path ({@code $.events[0].region: ...}). Readers keep
 * going after a problem so that people can fix everything in one round. Only the first {@value #MAX_LISTED} are
 * kept, so a hostile document cannot make the report itself the attack.
 */
public final class Problems {
    public static final int MAX_LISTED = 100;
    private static final int MAX_QUOTED_CHARS = 80;

    private final List<String> listed = new ArrayList<>();
    private int count;

    public static Problems of(String problem) {
        Problems problems = new Problems();
        problems.add(problem);
        return problems;
    }

    /** A problem with the document as a whole, e.g. a syntax error that already names its line and column. */
    public void add(String problem) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(problem);
        }
    }

    public void add(String path, String problem) {
        add(path + ": " + problem);
    }

    /** Adds {@code other}'s problems after these, counted whether listed or not. */
    public void addAll(Problems other) {
        for (String problem : other.listed) {
            add(problem);
        }
        count += other.count - other.listed.size();
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** How many problems were found, listed or not. */
    public int count() {
        return count;
    }

    /** The first {@value #MAX_LISTED} problems, in the order found. */
    public List<String> listed() {
        return Collections.unmodifiableList(new ArrayList<>(listed));
    }

    /** {@code <subject>: 2 problems:} and one indented line per listed problem. */
    public String describe(String subject) {
        StringBuilder s = new StringBuilder(subject).append(": ").append(count)
                .append(count == 1 ? " problem:" : " problems:");
        for (String problem : listed) {
            s.append("\n  ").append(problem);
        }
        if (count > listed.size()) {
            s.append("\n  ... and ").append(count - listed.size()).append(" more");
        }
        return s.toString();
    }

    /**
     * A value from the document, quoted and escaped as a JSON string so that control characters and line breaks in
     * hostile input cannot forge log lines; long values are cut short.
     */
    public static String quote(String value) {
        String shown = shorten(value);
        StringWriter out = new StringWriter();
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setHtmlSafe(false);
            writer.value(shown);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The value itself when short, else its start and {@code ...}: enough to recognise it in a report. */
    public static String shorten(String value) {
        if (value.length() <= MAX_QUOTED_CHARS) {
            return value;
        }
        int end = MAX_QUOTED_CHARS - 3;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return value.substring(0, end) + "...";
    }

    @Override
    public String toString() {
        return describe("Problems");
    }
}
