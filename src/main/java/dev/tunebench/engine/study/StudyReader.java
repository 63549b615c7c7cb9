package dev.tunebench.engine.study;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a study from outside, read-only and without the lock: what the window's Sweeps tab and {@code study
 * --show --follow} poll while workers run, from any machine that mounts the folder. Each {@link #refresh} reads only
 * the lines appended since the last one.
 */
public final class StudyReader implements AutoCloseable {
    private final StudyJournal journal;
    private final StudyState state;

    private StudyReader(StudyJournal journal) {
        this.journal = journal;
        this.state = new StudyState(journal.file().toString());
    }

    /**
     * Opens the study in a folder for reading.
     *
     * @throws StudyException when the folder holds no study
     */
    public static StudyReader open(Path folder) {
        if (!Study.exists(folder)) {
            throw new StudyException(folder + " holds no study (no " + StudyJournal.FILE + ")");
        }
        try {
            return new StudyReader(StudyJournal.openReadOnly(folder));
        } catch (IOException e) {
            throw new StudyException("cannot read the study in " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Returns the study as it stands now.
     *
     * @throws StudyException when the journal cannot be read or holds no study record yet
     */
    public StudySnapshot refresh() {
        try {
            for (JsonObject r : journal.readNew()) {
                state.apply(r);
            }
        } catch (IOException e) {
            throw new StudyException("cannot read " + journal.file() + " (" + e.getMessage() + ")", e);
        }
        if (state.spec() == null) {
            throw new StudyException(journal.file() + " holds no study record yet");
        }
        List<String> w = new ArrayList<>(journal.warnings());
        w.addAll(state.warnings());
        return new StudySnapshot(state.spec(), state.createdMillis(), state.trials(), state.queue().size(),
                state.retriedCount(), state.studyAttrs(), w);
    }

    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new StudyException("cannot close " + journal.file() + " (" + e.getMessage() + ")", e);
        }
    }
}
