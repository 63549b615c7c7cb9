package dev.tunebench.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.ScheduleSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Schedules against torch's CosineAnnealingLR and ReduceLROnPlateau (fixtures/schedules.json). */
class LearningRateSchedulerTest {

    private static JsonObject fixtures() throws IOException {
        try (InputStream in = LearningRateSchedulerTest.class.getResourceAsStream("/fixtures/schedules.json")) {
            assertTrue(in != null, "missing /fixtures/schedules.json; run generate_fixtures.py");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isJsonNull() ? Double.NaN : a.get(i).getAsDouble();
        }
        return out;
    }

    private static void assertWithin(double torch, double java, String what) {
        assertTrue(Math.abs(java - torch) <= 1e-5 * Math.abs(torch) + 1e-6,
                what + ": java " + java + " torch " + torch);
    }

    static Stream<Arguments> cosineCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : fixtures().getAsJsonArray("cosine")) {
            JsonObject c = e.getAsJsonObject();
            out.add(Arguments.of("T_max " + c.get("tMax").getAsInt(), c));
        }
        return out.stream();
    }

    static Stream<Arguments> plateauCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : fixtures().getAsJsonArray("plateau")) {
            JsonObject c = e.getAsJsonObject();
            out.add(Arguments.of(c.get("name").getAsString(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cosineCases")
    void cosineMatchesTorchPerEpochIncludingPastTMax(String name, JsonObject c) {
        ScheduleSpec spec = new ScheduleSpec(ScheduleSpec.Kind.COSINE, c.get("tMax").getAsInt(),
                c.get("etaMin").getAsDouble(), 0, false, 0.1, 10, 0.0);
        double baseLr = c.get("baseLr").getAsDouble();
        double[] torch = doubles(c.getAsJsonArray("lrs"));
        assertTrue(torch.length > 2 * spec.tMax(), "fixture goes past T_max");
        double[] preview = LearningRateScheduler.epochPreview(spec, baseLr, torch.length);
        LearningRateScheduler scheduler = new LearningRateScheduler(spec, baseLr, MonitorSpec.valLoss());
        for (int e = 0; e < torch.length; e++) {
            assertWithin(torch[e], preview[e], name + " preview epoch " + e);
            assertWithin(torch[e], scheduler.learningRate(), name + " epoch " + e);
            scheduler.afterStep();
            scheduler.afterEpoch(1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plateauCases")
    void plateauMatchesTorch(String name, JsonObject c) {
        ScheduleSpec spec = new ScheduleSpec(ScheduleSpec.Kind.CONSTANT, 1, 0.0, 0, true,
                c.get("factor").getAsDouble(), c.get("patience").getAsInt(), c.get("minLr").getAsDouble());
        MonitorSpec monitor = new MonitorSpec("val_loss", MonitorSpec.Mode.valueOf(c.get("mode").getAsString()),
                c.get("threshold").getAsDouble());
        LearningRateScheduler scheduler = new LearningRateScheduler(spec, c.get("baseLr").getAsDouble(), monitor);
        double[] metrics = doubles(c.getAsJsonArray("metrics"));
        double[] torch = doubles(c.getAsJsonArray("lrsAfterEpoch"));
        for (int e = 0; e < metrics.length; e++) {
            scheduler.afterEpoch(metrics[e]);
            assertWithin(torch[e], scheduler.learningRate(), name + " after epoch " + (e + 1));
        }
        assertTrue(scheduler.reductions() > 0, name + " reduces at least once");
    }

    @Test
    void warmupRampsLinearlyOverTheFirstSteps() {
        ScheduleSpec spec = new ScheduleSpec(ScheduleSpec.Kind.CONSTANT, 1, 0.0, 4, false, 0.1, 1, 0.0);
        double[] steps = LearningRateScheduler.stepPreview(spec, 1.0, 2, 3);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0, 1.0, 1.0}, steps, 1e-12);
        LearningRateScheduler scheduler = new LearningRateScheduler(spec, 1.0, null);
        for (double expected : steps) {
            assertEquals(expected, scheduler.learningRate(), 1e-12);
            scheduler.afterStep();
        }
    }

    @Test
    void stepPreviewHoldsEachEpochsCosineValue() {
        ScheduleSpec spec = new ScheduleSpec(ScheduleSpec.Kind.COSINE, 4, 0.0, 0, false, 0.1, 1, 0.0);
        double[] epochs = LearningRateScheduler.epochPreview(spec, 0.1, 5);
        double[] steps = LearningRateScheduler.stepPreview(spec, 0.1, 5, 2);
        for (int i = 0; i < steps.length; i++) {
            assertEquals(epochs[i / 2], steps[i], 0.0);
        }
        assertEquals(0.0, epochs[4], 1e-15);
    }

    @Test
    void stateRoundTripsThroughJsonAndResumesExactly() {
        ScheduleSpec spec = new ScheduleSpec(ScheduleSpec.Kind.COSINE, 8, 1e-4, 5, true, 0.5, 1, 1e-5);
        MonitorSpec monitor = new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.0);
        double[] metrics = {1.0, 0.9, 0.95, 0.97, Double.NaN, 0.8, 0.85, 0.86, 0.87, 0.88};
        LearningRateScheduler straight = new LearningRateScheduler(spec, 0.01, monitor);
        LearningRateScheduler first = new LearningRateScheduler(spec, 0.01, monitor);
        List<Double> straightLrs = new ArrayList<>();
        List<Double> resumedLrs = new ArrayList<>();
        LearningRateScheduler current = first;
        for (int e = 0; e < metrics.length; e++) {
            if (e == 4) {
                String json = Json.gson().toJson(current.state());
                current = new LearningRateScheduler(spec, 0.01, monitor);
                current.restore(Json.gson().fromJson(json, LearningRateScheduler.State.class));
            }
            for (int s = 0; s < 3; s++) {
                straightLrs.add(straight.learningRate());
                resumedLrs.add(current.learningRate());
                straight.afterStep();
                current.afterStep();
            }
            straight.afterEpoch(metrics[e]);
            current.afterEpoch(metrics[e]);
        }
        assertEquals(straightLrs, resumedLrs);
        assertTrue(straight.reductions() > 0);
        assertEquals(straight.state(), current.state());
    }

    @Test
    void freshStateWithNoBestValueRoundTripsThroughJson() {
        LearningRateScheduler fresh = new LearningRateScheduler(ScheduleSpec.cosineDefaults(), 1e-3,
                MonitorSpec.valLoss());
        LearningRateScheduler.State state = fresh.state();
        assertTrue(Double.isNaN(state.plateauBest()));
        assertEquals(state, Json.gson().fromJson(Json.gson().toJson(state), LearningRateScheduler.State.class));
    }

    @Test
    void rejectsBadSpecsWithTheFieldName() {
        ScheduleSpec badTMax = new ScheduleSpec(ScheduleSpec.Kind.COSINE, 0, 0.0, 0, false, 0.1, 1, 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateScheduler.epochPreview(badTMax, 0.1, 3));
        assertTrue(e.getMessage().contains("schedule.tMax"), e.getMessage());
        ScheduleSpec badFactor = new ScheduleSpec(ScheduleSpec.Kind.CONSTANT, 1, 0.0, 0, true, 1.5, 1, 0.0);
        e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateScheduler(badFactor, 0.1, MonitorSpec.valLoss()));
        assertTrue(e.getMessage().contains("schedule.plateauFactor"), e.getMessage());
    }
}
