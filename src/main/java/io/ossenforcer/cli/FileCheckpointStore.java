package io.ossenforcer.cli;

import io.ossenforcer.sweep.Checkpoint;
import io.ossenforcer.sweep.CheckpointException;
import io.ossenforcer.sweep.CheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/** A checkpoint in a local file, replaced by an atomic rename so that a crash mid-save leaves the previous one. */
final class FileCheckpointStore implements CheckpointStore {
    private final Path file;

    FileCheckpointStore(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    @Override
    public Optional<Checkpoint> load() throws CheckpointException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e, e);
        }
        return Optional.of(Checkpoint.parse(json, file.toString()));
    }

    @Override
    public void save(Checkpoint checkpoint) throws CheckpointException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, checkpoint.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
