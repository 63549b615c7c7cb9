package dev.tunebench.app.workbench;

import dev.tunebench.app.model.RunHandle;
import dev.tunebench.app.model.RunSetup;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.engine.run.RunControl;
import dev.tunebench.engine.run.RunRequest;
import dev.tunebench.engine.run.TrainingRun;

/** Starts the engine's {@link TrainingRun} on its own thread and hands back its cooperative control. */
final class RunStarter {
    private RunStarter() {
    }

    static RunHandle start(RunSetup s, TrainingListener listener, TrainingBackend backend) {
        RunRequest request = new RunRequest(s.config(), s.data(), s.runsRoot(), null, s.resumeFrom(),
                s.maxBatchesPerEpoch());
        TrainingRun run = new TrainingRun(request, backend);
        run.setPresetId(s.presetId());
        run.addListener(listener);
        RunControl control = run.control();
        Thread thread = run.start();
        return new RunHandle() {
            @Override
            public void pause() {
                control.pause();
            }

            @Override
            public void resume() {
                control.resume();
            }

            @Override
            public void stop() {
                control.stop();
            }

            @Override
            public boolean isPaused() {
                return control.isPaused();
            }

            @Override
            public boolean isAlive() {
                return thread.isAlive();
            }
        };
    }
}
