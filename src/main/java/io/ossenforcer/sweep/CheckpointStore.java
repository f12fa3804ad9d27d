package io.ossenforcer.sweep;

import java.util.Optional;

/** Where a sweep keeps its checkpoint: a local file for the command line, an OSS object on Function Compute. */
public interface CheckpointStore {

    /** The saved checkpoint; empty when none has been saved yet. */
    Optional<Checkpoint> load() throws CheckpointException;

    /** Replaces the saved checkpoint, all or nothing: a crash mid-save leaves the previous one. */
    void save(Checkpoint checkpoint) throws CheckpointException;

    /** Where it is, for messages. */
    String describe();
}
