package dev.tunebench.engine.run;

/**
 * Cooperative pause, resume and stop of a run, checked by the training thread between batches (Keras'
 * {@code stop_training}). Never interrupts: an interrupt could cut a checkpoint write in half.
 */
public final class RunControl {
    private final Object lock = new Object();
    private boolean paused;
    private volatile boolean stopRequested;

    /** Asks the run to pause before its next batch. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Lets a paused run go on. */
    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Asks the run to stop before its next batch; it ends cleanly with status STOPPED. Also ends a pause. */
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            lock.notifyAll();
        }
    }

    /** Returns whether a pause is in effect. */
    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Returns whether stop was requested. */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /**
     * Blocks the calling (training) thread while paused. Returns true when the run should stop.
     *
     * @param onPause called once, on this thread, when a pause begins (may be null)
     */
    boolean awaitNotPaused(Runnable onPause) throws InterruptedException {
        synchronized (lock) {
            boolean notified = false;
            while (paused && !stopRequested) {
                if (!notified && onPause != null) {
                    notified = true;
                    onPause.run();
                }
                lock.wait(250);
            }
            return stopRequested;
        }
    }
}
