package dev.tunebench.engine.study;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process of {@link JournalFaultTest}: a worker that takes trials from a study until its budget is spent,
 * reports a few epochs each and tells a value that depends on the trial's parameters only. It prints
 * {@code told <trial> <value>} after each tell returns (so the parent knows the record was committed), and
 * {@code done} when no trial is left.
 *
 * <p>Arguments: study folder, worker id, epochs per trial, milliseconds of "training" per epoch.
 */
public final class StudyWorkerChild {
    private StudyWorkerChild() {
    }

    /** Returns the value a trial tells: a function of its parameters, so that the parent can check it. */
    static double valueOf(Trial t) {
        double lr = t.params().get("optimizer.learningRate").getAsDouble();
        return Math.abs(Math.log10(lr) + 3) + t.params().get("training.batchSize").getAsInt() / 1000.0;
    }

    /** Runs the worker. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String worker = args[1];
        int epochs = Integer.parseInt(args[2]);
        long sleep = Long.parseLong(args[3]);
        try (Study study = Study.open(dir)) {
            System.out.println("ready");
            System.out.flush();
            while (true) {
                Optional<Trial> next = study.ask(worker);
                if (next.isEmpty()) {
                    break;
                }
                Trial t = next.get();
                System.out.println("got " + t.number());
                double v = valueOf(t);
                for (int e = 1; e <= epochs; e++) {
                    if (sleep > 0) {
                        try {
                            Thread.sleep(sleep);
                        } catch (InterruptedException x) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    study.report(t.number(), e, v + 1.0 / e);
                }
                study.tell(t.number(), TrialState.COMPLETE, v, null);
                System.out.println("told " + t.number() + " " + v);
                System.out.flush();
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
