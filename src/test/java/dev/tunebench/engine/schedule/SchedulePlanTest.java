package dev.tunebench.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

/**
 * The planned schedule against real PyTorch (fixtures/schedule_plans.json, made by schedule_plans.py): every step's
 * rate of whole runs, far past T_max, warm-up across epoch boundaries, and the same numbers from the training
 * loop's scheduler and from the plan's chart curve.
 */
class SchedulePlanTest {
    /** Torch's recursive cosine and the closed form differ by rounding only (~4e-15 measured). */
    private static final double REL = 1e-12;

    private static JsonObject fixtures() throws IOException {
        try (InputStream in = SchedulePlanTest.class.getResourceAsStream("/fixtures/schedule_plans.json")) {
            assertTrue(in != null, "missing /fixtures/schedule_plans.json; run schedule_plans.py");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        JsonObject f = fixtures();
        for (String group : List.of("cases", "chained")) {
            for (JsonElement e : f.getAsJsonArray(group)) {
                out.add(Arguments.of(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
            }
        }
        return out.stream();
    }

    private static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    private static ScheduleSpec spec(JsonObject c) {
        return new ScheduleSpec(ScheduleSpec.Kind.valueOf(c.get("kind").getAsString()), c.get("tMax").getAsInt(),
                c.get("etaMin").getAsDouble(), c.get("warmupSteps").getAsInt(), false, 0.1, 10, 0.0);
    }

    private static SchedulePlan plan(JsonObject c) {
        return SchedulePlan.of(spec(c), c.get("baseLr").getAsDouble(), c.get("epochs").getAsInt(),
                c.get("stepsPerEpoch").getAsInt());
    }

    private static void assertClose(double torch, double java, String what) {
        assertTrue(Math.abs(java - torch) <= REL * Math.abs(torch) + 1e-18, what + ": java " + java + " torch "
                + torch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStepMatchesTorchIncludingPastTMax(String name, JsonObject c) {
        SchedulePlan plan = plan(c);
        double[] torch = doubles(c.getAsJsonArray("stepLrs"));
        assertEquals(torch.length, plan.totalSteps());
        if (spec(c).kind() == ScheduleSpec.Kind.COSINE) {
            assertTrue(plan.epochs() > 2 * spec(c).tMax(), name + ": the fixture runs past T_max");
        }
        double[] steps = plan.stepLearningRates();
        for (int i = 0; i < torch.length; i++) {
            assertClose(torch[i], steps[i], name + " step " + i);
            assertClose(torch[i], plan.learningRate(i), name + " learningRate(" + i + ")");
        }
        if (c.has("epochLrs")) {
            double[] epochs = doubles(c.getAsJsonArray("epochLrs"));
            for (int e = 0; e < epochs.length; e++) {
                assertClose(epochs[e], plan.epochLearningRate(e), name + " epoch " + e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTrainingLoopsSchedulerTrainsThePlan(String name, JsonObject c) {
        SchedulePlan plan = plan(c);
        LearningRateScheduler scheduler = new LearningRateScheduler(plan.spec(), plan.baseLr(), null);
        for (int e = 0; e < plan.epochs(); e++) {
            for (int s = 0; s < plan.stepsPerEpoch(); s++) {
                long step = (long) e * plan.stepsPerEpoch() + s;
                assertEquals(plan.learningRate(step), scheduler.learningRate(), 0.0, name + " step " + step);
                scheduler.afterStep();
            }
            scheduler.afterEpoch(Double.NaN);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theChartCurveGoesThroughEveryStepExactly(String name, JsonObject c) {
        SchedulePlan plan = plan(c);
        double[] torch = doubles(c.getAsJsonArray("stepLrs"));
        SchedulePlan.Curve curve = plan.curve();
        assertTrue(curve.size() <= 3 * plan.epochs() + 1, "at most three vertices per epoch: " + curve.size());
        assertEquals(1.0, curve.steps()[0]);
        assertEquals(plan.totalSteps(), (long) curve.steps()[curve.size() - 1]);
        int v = 0;
        for (int k = 1; k <= torch.length; k++) {
            while (v + 1 < curve.size() && curve.steps()[v + 1] < k) {
                v++;
            }
            double x0 = curve.steps()[v];
            double y;
            if (x0 == k) {
                y = curve.lrs()[v];
            } else {
                double x1 = curve.steps()[v + 1];
                double t = (k - x0) / (x1 - x0);
                y = curve.lrs()[v] + t * (curve.lrs()[v + 1] - curve.lrs()[v]);
            }
            assertClose(torch[k - 1], y, name + " curve at step " + k);
            assertEquals(k / (double) plan.stepsPerEpoch(), interpolate(curve.steps(), curve.epochs(), k), 1e-12);
        }
    }

    private static double interpolate(double[] xs, double[] ys, double x) {
        for (int i = 0; i + 1 < xs.length; i++) {
            if (xs[i] <= x && x <= xs[i + 1]) {
                return xs[i + 1] == xs[i] ? ys[i] : ys[i] + (x - xs[i]) / (xs[i + 1] - xs[i]) * (ys[i + 1] - ys[i]);
            }
        }
        return ys[ys.length - 1];
    }

    @Test
    void stepsPerEpochCountsTheShortLastBatchAndTheCap() {
        assertEquals(4, SchedulePlan.stepsPerEpoch(100, 32, 0));
        assertEquals(3, SchedulePlan.stepsPerEpoch(96, 32, 0));
        assertEquals(2, SchedulePlan.stepsPerEpoch(100, 32, 2));
        assertEquals(1, SchedulePlan.stepsPerEpoch(0, 32, 0), "an empty split still plans one step");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulePlan.stepsPerEpoch(10, 0, 0));
        assertTrue(e.getMessage().contains("training.batchSize"), e.getMessage());
    }

    @Test
    void aHundredThousandEpochsOfTenThousandStepsStaySmall() {
        SchedulePlan plan = SchedulePlan.of(new ScheduleSpec(ScheduleSpec.Kind.COSINE, 64, 1e-5, 50_000, false,
                0.1, 1, 0.0), 1e-3, 100_000, 10_000);
        assertEquals(1_000_000_000L, plan.totalSteps());
        SchedulePlan.Curve curve = plan.curve();
        assertTrue(curve.size() <= 200_001, "vertices: " + curve.size());
        assertEquals(plan.learningRate(999_999_999L), curve.lrs()[curve.size() - 1], 0.0);
        assertThrows(IllegalArgumentException.class, plan::stepLearningRates);
    }

    @Test
    void sameAsComparesTheValuesAPlanWasMadeFrom() {
        ScheduleSpec cosine = ScheduleSpec.cosineDefaults();
        SchedulePlan a = SchedulePlan.of(cosine, 1e-3, 10, 5);
        assertTrue(a.sameAs(SchedulePlan.of(cosine, 1e-3, 10, 5)));
        assertFalse(a.sameAs(SchedulePlan.of(cosine, 1e-3, 10, 6)));
        assertFalse(a.sameAs(SchedulePlan.of(cosine, 2e-3, 10, 5)));
        assertFalse(a.sameAs(null));
    }

    @Test
    void rejectsBadValuesWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulePlan.of(ScheduleSpec.cosineDefaults(), -1, 3, 1));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SchedulePlan.of(ScheduleSpec.cosineDefaults(), 0.1, 3,
                0));
        assertTrue(e.getMessage().contains("stepsPerEpoch"), e.getMessage());
    }
}
