package io.ossenforcer.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the deployment checks read: the project's own, and the outside references vendored under test-fixtures. */
final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project root: Surefire runs tests there and says so in {@code basedir}. */
    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isRegularFile(path)) {
            fail("Project file " + relative + " not found at " + path);
        }
        return path;
    }

    /** A vendored outside reference ({@code test-fixtures/reference/}, whose README says where each comes from). */
    static Path reference(String name) {
        return file("test-fixtures/reference/" + name);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonElement readJson(Path path) {
        return JsonParser.parseString(read(path));
    }
}
