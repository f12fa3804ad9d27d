package io.ossenforcer.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the deployment checks read: the project's own, and the references CI lays beside the project. */
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

    /**
     * A file of {@code shared/reference/}, which CI (and every worktree) has at {@code ../shared/reference/} from the
     * project root. Missing means the checkout is not laid out as CI's is: fail saying so, never skip silently.
     */
    static Path sharedReference(String name) {
        Path path = root().resolve("../shared/reference").resolve(name).normalize();
        if (!Files.isRegularFile(path)) {
            fail("Reference file " + name + " not found at " + path + ": the deployment checks expect shared/reference/"
                    + " beside the project root, as CI lays it out (the fc3 schema is devsapp/fc3 src/schema.json).");
        }
        return path;
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
