package dev.tunebench.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Which samples of a classification data set go to train, validation and test: an explicit validation file or
 * a seeded stratified split of the training file, then the subset caps (tip 5), stratified.
 *
 * @param train         indices into the training pool
 * @param validation    indices into the validation pool (the training pool when {@code valFromTrain})
 * @param valFromTrain  whether validation samples come from the training pool
 * @param test          indices into the test pool, or null when there is no test file
 * @param notes         what was done, for {@link LoadedData#notes()}
 */
record ClassPlan(int[] train, int[] validation, boolean valFromTrain, int[] test, List<String> notes) {

    static final int DEFAULT_MAX_TRAIN = 20_000;
    static final int DEFAULT_MAX_VAL = 2_000;

    /**
     * Returns the plan.
     *
     * @param trainLabels labels of the training pool
     * @param valLabels   labels of the validation file, or null to split the training pool
     * @param testLabels  labels of the test file, or null
     */
    static ClassPlan of(DataSpec spec, String trainName, int[] trainLabels, int[] valLabels, int[] testLabels,
            int numClasses) {
        List<String> notes = new ArrayList<>();
        long seed = spec.seed();
        int[] train;
        int[] val;
        boolean fromTrain = valLabels == null;
        if (fromTrain) {
            double frac = spec.fractionOption("valFraction", 0.1, 1.0);
            int[][] tv = Splits.stratifiedSplit(trainLabels, numClasses, frac, seed);
            train = tv[0];
            val = tv[1];
            notes.add(String.format("validation: %d%% of %s, stratified by class, seed %d", Math.round(frac * 100),
                    trainName, seed));
        } else {
            train = Splits.range(trainLabels.length);
            val = Splits.range(valLabels.length);
        }
        if (train.length == 0) {
            throw new DataException(trainName, 0, null, "no training samples left (valFraction too large?)");
        }
        int maxTrain = spec.capOption("maxTrain", DEFAULT_MAX_TRAIN);
        int maxVal = spec.capOption("maxVal", DEFAULT_MAX_VAL);
        int maxTest = spec.capOption("maxTest", Integer.MAX_VALUE);
        int[] capped = Splits.stratifiedCap(train, trainLabels, numClasses, maxTrain, seed + 1);
        if (capped.length < train.length) {
            notes.add("subset mode (tip 5): training capped at " + capped.length + " of " + train.length
                    + " samples, stratified (maxTrain=" + maxTrain + "; maxTrain=all for everything)");
        }
        int[] vCapped = Splits.stratifiedCap(val, fromTrain ? trainLabels : valLabels, numClasses, maxVal, seed + 2);
        if (vCapped.length < val.length) {
            notes.add("subset mode (tip 5): validation capped at " + vCapped.length + " of " + val.length
                    + " samples, stratified (maxVal=" + maxVal + ")");
        }
        int[] test = null;
        if (testLabels != null) {
            int[] all = Splits.range(testLabels.length);
            test = Splits.stratifiedCap(all, testLabels, numClasses, maxTest, seed + 3);
            if (test.length < all.length) {
                notes.add("test capped at " + test.length + " of " + all.length + " samples, stratified (maxTest="
                        + maxTest + ")");
            }
        }
        return new ClassPlan(capped, vCapped, fromTrain, test, notes);
    }
}
