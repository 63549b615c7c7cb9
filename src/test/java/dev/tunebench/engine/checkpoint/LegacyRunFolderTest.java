package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Run folders written before the model became one record per template (fixtures/legacy, made by
 * generate_legacy.sh with the older jar): their sidecars and run.json still read, to the same config.
 */
class LegacyRunFolderTest {

    /** Returns a legacy fixture run folder, read-only. */
    static Path legacyRun(String name) {
        try {
            return Path.of(LegacyRunFolderTest.class.getResource("/fixtures/legacy/runs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the config generate_legacy.sh trained: its tiny preset with --epochs 1. */
    static RunConfig expected(String name) {
        if (name.equals("resnet")) {
            RunConfig c = RunConfig.defaults("resnet", Task.CLASSIFICATION);
            c = ConfigPaths.withText(c, "model.stageChannels", "4");
            c = ConfigPaths.withText(c, "model.blocksPerStage", "1");
            return ConfigPaths.withText(c, "training.epochs", "1");
        }
        RunConfig c = RunConfig.defaults("lstm", Task.REGRESSION);
        c = ConfigPaths.withText(c, "model.layers", "1");
        c = ConfigPaths.withText(c, "model.hiddenSize", "4");
        return ConfigPaths.withText(c, "training.epochs", "1");
    }

    @Test
    void olderSidecarsAndRunJsonReadToTheSameConfig() throws Exception {
        for (String name : new String[] {"resnet", "lstm"}) {
            Path run = legacyRun(name);
            Path checkpoint = run.resolve("checkpoints/epoch-0001");
            assertEquals(1, Checkpoints.verify(checkpoint).epoch(), "the fixture's checksums hold");
            JsonObject oldModel = Checkpoints.readSidecarJson(checkpoint).getAsJsonObject("config")
                    .getAsJsonObject("model");
            assertEquals(19, oldModel.size(), name + ": the fixture carries every template's fields");
            CheckpointSidecar s = CheckpointLoader.readSidecar(checkpoint);
            assertEquals(expected(name), s.config(), name);
            assertEquals(name, s.templateId());
            JsonObject runJson = JsonParser.parseString(Files.readString(run.resolve(RunFolder.RUN_JSON)))
                    .getAsJsonObject();
            assertEquals(expected(name), Json.gson().fromJson(runJson.get("config"), RunConfig.class), name);
        }
    }
}
