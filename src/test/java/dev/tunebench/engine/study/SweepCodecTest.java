package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file: what it accepts, and a one-line message with file, line and field for what it refuses. */
class SweepCodecTest {
    @TempDir
    Path tmp;

    private static final String FULL = """
            {
              "preset": "cnn-digits",
              "data": "builtin:digits",
              "objective": {"metric": "val_accuracy", "direction": "MAX"},
              "budget": {"trials": 30, "timeoutSeconds": 3600},
              "sampler": {"type": "tpe", "seed": 42, "startupTrials": 5, "constantLiar": true},
              "pruner": {"type": "asha", "minResource": 2, "reductionFactor": 3},
              "parallelism": 2,
              "retries": 1,
              "space": {
                "optimizer.learningRate": {"type": "float", "low": 0.0001, "high": 0.01, "log": true},
                "optimizer.kind": {"type": "choice", "values": ["ADAMW", "RADAM"]},
                "training.batchSize": {"type": "int", "low": 16, "high": 64, "step": 16},
                "schedule.etaMin": {"type": "float", "low": 0, "high": 0.5, "step": 0.1},
                "training.epochs": {"type": "fixed", "value": 20}
              }
            }
            """;

    private static SweepSpec read(String json) {
        return SweepCodec.readString(json, "sweep.json", ParamVocabulary.ANY);
    }

    private static SweepException refused(String json) {
        return assertThrows(SweepException.class, () -> read(json));
    }

    /** Returns a minimal sweep with one space entry replaced. */
    private static String withSpace(String entry) {
        return "{\n \"preset\": \"p\",\n \"budget\": {\"trials\": 5},\n \"space\": {\n  \"a\": " + entry
                + "\n }\n}\n";
    }

    @Test
    void readsEveryFieldAndRoundTrips() throws Exception {
        SweepSpec s = read(FULL);
        assertEquals("cnn-digits", s.preset());
        assertEquals("builtin:digits", s.data());
        assertEquals(new SweepSpec.Objective("val_accuracy", Direction.MAX), s.objective());
        assertEquals(new SweepSpec.Budget(30, 3600L), s.budget());
        assertEquals(42L, s.sampler().seed());
        assertEquals(5, s.sampler().options().get("startupTrials"));
        assertEquals(true, s.sampler().options().get("constantLiar"));
        assertEquals(2, s.pruner().options().get("minResource"));
        assertEquals(2, s.parallelism());
        assertEquals(1, s.retries());
        assertEquals(List.of("optimizer.learningRate", "optimizer.kind", "training.batchSize", "schedule.etaMin",
                "training.epochs"), s.space().names());
        assertEquals(new IntDistribution(16, 64, 16, false), s.space().get("training.batchSize"));
        assertEquals(new FloatDistribution(0, 0.5, 0.1, false), s.space().get("schedule.etaMin"));
        assertEquals(new FixedDistribution(new JsonPrimitive(20)), s.space().get("training.epochs"));
        Path file = tmp.resolve("again.json");
        Files.writeString(file, SweepCodec.write(s));
        assertEquals(s, SweepCodec.read(file, ParamVocabulary.ANY));
    }

    @Test
    void defaultsAreOptunasAndTheObjectiveIsThePresets() {
        SweepSpec s = read(withSpace("{\"type\": \"choice\", \"values\": [1, 2]}"));
        assertEquals("tpe", s.sampler().type());
        assertNull(s.sampler().seed(), "drawn when the study is created");
        assertEquals("median", s.pruner().type());
        assertEquals(1, s.parallelism());
        assertEquals(0, s.retries());
        assertNull(s.objective());
        assertEquals(new SweepSpec.Objective("val_loss", Direction.MIN), s.resolveObjective("val_loss",
                Direction.MIN));
        SweepSpec named = read("{\"preset\": \"p\", \"objective\": {\"metric\": \"val_loss\"}, \"budget\": "
                + "{\"trials\": 3}, \"space\": {\"a\": {\"type\": \"choice\", \"values\": [1, 2]}}}");
        assertEquals(Direction.MIN, named.resolveObjective("val_loss", Direction.MIN).direction());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> named.resolveObjective("val_accuracy", Direction.MAX));
        assertEquals("objective.direction: give MIN or MAX for val_loss (the preset monitors val_accuracy)",
                e.getMessage());
        SweepSpec shorthand = read("{\"preset\": \"p\", \"sampler\": \"grid\", \"pruner\": \"none\", "
                + "\"space\": {\"a\": {\"type\": \"choice\", \"values\": [1, 2]}}}");
        assertEquals("grid", shorthand.sampler().type());
        assertEquals("none", shorthand.pruner().type());
    }

    @Test
    void unknownDuplicateAndMissingFieldsNameFileLineAndField() {
        assertEquals("sweep.json: line 4: seed: unknown field; allowed: preset, data, objective, budget, sampler, "
                + "pruner, parallelism, retries, space", refused("{\n \"preset\": \"p\",\n \"space\": {},\n"
                + " \"seed\": 3\n}").getMessage());
        SweepException dup = refused("{\n \"preset\": \"p\",\n \"preset\": \"q\"\n}");
        assertEquals("sweep.json: line 3: preset: duplicate field; give each field once", dup.getMessage());
        assertEquals(3, dup.line());
        assertEquals("preset", dup.field());
        assertEquals("sweep.json: line 1: preset: missing required field (a preset id or file)",
                refused("{\"space\": {}}").getMessage());
        assertEquals("sweep.json: line 5: space.a.lo: unknown field; allowed: type, low, high, step, log",
                refused(withSpace("{\"type\": \"float\", \"lo\": 1, \"high\": 2}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.type: expected one of choice, int, float, fixed, got the string "
                + "\"uniform\"", refused(withSpace("{\"type\": \"uniform\"}")).getMessage());
        assertEquals("sweep.json: line 1: the JSON ends early (unclosed { or [ ?)", refused("{\"preset\": \"p\" ")
                .getMessage());
        assertTrue(refused("{\"preset\": \"p\" \"x\": 1}").getMessage().startsWith("sweep.json: line 1: malformed "
                + "JSON: "));
    }

    @Test
    void rangesAreValidated() {
        assertEquals("sweep.json: line 5: space.a.high: must be greater than low (0.01), got 0.001; use fixed for "
                + "a single value", refused(withSpace("{\"type\": \"float\", \"low\": 0.01, \"high\": 0.001}"))
                .getMessage());
        assertEquals("sweep.json: line 5: space.a.low: a log range needs low > 0, got 0",
                refused(withSpace("{\"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.low: a log range needs low >= 1, got 0",
                refused(withSpace("{\"type\": \"int\", \"low\": 0, \"high\": 8, \"log\": true}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.step: step 16 does not divide high - low = 40; e.g. high 40",
                refused(withSpace("{\"type\": \"int\", \"low\": 8, \"high\": 48, \"step\": 16}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.step: step 0.3 does not divide high - low = 1; e.g. high 0.9",
                refused(withSpace("{\"type\": \"float\", \"low\": 0, \"high\": 1, \"step\": 0.3}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.step: a log range takes no step",
                refused(withSpace("{\"type\": \"float\", \"low\": 1, \"high\": 2, \"step\": 0.5, \"log\": true}"))
                        .getMessage());
        assertEquals("sweep.json: line 5: space.a.values: is empty; give at least one value",
                refused(withSpace("{\"type\": \"choice\", \"values\": []}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.values[1]: the value 2 is given twice",
                refused(withSpace("{\"type\": \"choice\", \"values\": [2, 2]}")).getMessage());
        assertEquals("sweep.json: line 5: space.a.low: expected an integer, got 1.5",
                refused(withSpace("{\"type\": \"int\", \"low\": 1.5, \"high\": 4}")).getMessage());
        assertEquals("sweep.json: line 4: space: every field is fixed; give at least one field to vary",
                refused(withSpace("{\"type\": \"fixed\", \"value\": 3}")).getMessage());
        assertEquals("sweep.json: line 4: space: is empty; give at least one field to vary, e.g. "
                + "\"optimizer.learningRate\"", refused("{\n \"preset\": \"p\",\n \"budget\": {\"trials\": 5},\n"
                + " \"space\": {}\n}").getMessage());
    }

    @Test
    void budgetSamplerAndPrunerAreValidated() {
        String space = "\"space\": {\"a\": {\"type\": \"float\", \"low\": 0, \"high\": 1}}";
        assertEquals("sweep.json: line 1: budget: give trials and/or timeoutSeconds (only a grid stops by itself)",
                refused("{\"preset\": \"p\", " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: space.a: the grid sampler needs a finite set of values: a is a continuous "
                + "float range, which has no grid; give it a step or list the values as a choice",
                refused("{\"preset\": \"p\", \"sampler\": \"grid\", " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: budget.trials: must be in 1..1000000, got 0",
                refused("{\"preset\": \"p\", \"budget\": {\"trials\": 0}, " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: sampler.type: expected one of grid, random, tpe, got the string \"cmaes\"",
                refused("{\"preset\": \"p\", \"sampler\": \"cmaes\", " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: sampler.startupTrials: unknown field; allowed: type, seed",
                refused("{\"preset\": \"p\", \"budget\": {\"trials\": 3}, \"sampler\": {\"type\": \"random\", "
                        + "\"startupTrials\": 3}, " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: pruner.minResource: expected \"auto\" or an integer >= 1, got \"soon\"",
                refused("{\"preset\": \"p\", \"budget\": {\"trials\": 3}, \"pruner\": {\"type\": \"asha\", "
                        + "\"minResource\": \"soon\"}, " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: pruner.reductionFactor: must be in 2..1000, got 1",
                refused("{\"preset\": \"p\", \"budget\": {\"trials\": 3}, \"pruner\": {\"type\": \"asha\", "
                        + "\"reductionFactor\": 1}, " + space + "}").getMessage());
        assertEquals("sweep.json: line 1: objective.direction: expected MIN or MAX, got \"up\"",
                refused("{\"preset\": \"p\", \"budget\": {\"trials\": 3}, \"objective\": {\"metric\": \"m\", "
                        + "\"direction\": \"up\"}, " + space + "}").getMessage());
    }

    @Test
    void pathsAndValuesAreCheckedAgainstTheVocabulary() {
        Set<String> known = Set.of("optimizer.learningRate", "training.batchSize");
        ParamVocabulary vocab = new ParamVocabulary() {
            @Override
            public String checkPath(String path) {
                return known.contains(path) ? null : "unknown field; allowed: " + String.join(", ",
                        known.stream().sorted().toList());
            }

            @Override
            public String checkValue(String path, JsonElement value) {
                if (path.equals("training.batchSize") && (IntDistribution.asLong(value) == null
                        || value.getAsLong() < 1)) {
                    return "must be an integer >= 1, got " + value;
                }
                return null;
            }
        };
        String head = "{\n \"preset\": \"p\",\n \"budget\": {\"trials\": 5},\n \"space\": {\n";
        SweepException e = assertThrows(SweepException.class, () -> SweepCodec.readString(head
                + "  \"optimizer.lr\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.1}\n }\n}", "s.json", vocab));
        assertEquals("s.json: line 5: space.optimizer.lr: unknown field; allowed: optimizer.learningRate, "
                + "training.batchSize", e.getMessage());
        SweepException v = assertThrows(SweepException.class, () -> SweepCodec.readString(head
                + "  \"training.batchSize\": {\"type\": \"choice\", \"values\": [16, 0]}\n }\n}", "s.json", vocab));
        assertEquals("s.json: line 5: space.training.batchSize: must be an integer >= 1, got 0", v.getMessage());
        SweepException f = assertThrows(SweepException.class, () -> SweepCodec.readString(head
                + "  \"training.batchSize\": {\"type\": \"float\", \"low\": 16, \"high\": 64}\n }\n}", "s.json", vocab));
        assertTrue(f.getMessage().startsWith("s.json: line 5: space.training.batchSize: must be an integer >= 1, "
                + "got 40.0"), "a float range on an integer field is refused: " + f.getMessage());
    }

    @Test
    void aFileThatIsNotThereSaysSo() {
        SweepException e = assertThrows(SweepException.class, () -> SweepCodec.read(tmp.resolve("none.json"),
                ParamVocabulary.ANY));
        assertEquals(tmp.resolve("none.json") + ": no such file", e.getMessage());
    }
}
