package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import dev.tunebench.engine.backend.LayerShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape trace of a built model (tip 2): every layer in forward order with its output shape and the number of
 * trainable parameters it owns directly. Shapes come from the blocks' own shape inference, so no data runs.
 */
public final class ShapeTrace {

    private ShapeTrace() {
    }

    /**
     * Returns the rows of an initialised model for the given input shapes. The top-level layers have depth 0; the
     * layers inside a residual block or the stem have depth 1 and 2.
     */
    public static List<LayerShape> of(Block model, Shape[] inputShapes) {
        List<LayerShape> rows = new ArrayList<>();
        if (model instanceof NamedStack) {
            children(model, inputShapes, 0, "", rows);
        } else {
            visit(model.getClass().getSimpleName(), model, inputShapes, 0, rows);
        }
        return rows;
    }

    /** Returns the number of trainable values a block owns directly (BatchNorm's running statistics excluded). */
    public static long ownParameters(Block block) {
        long n = 0;
        for (Parameter p : block.getDirectParameters().values()) {
            if (p.requiresGradient() && p.getShape() != null) {
                n += p.getShape().size();
            }
        }
        return n;
    }

    private static Shape[] children(Block stack, Shape[] in, int depth, String prefix, List<LayerShape> rows) {
        Shape[] current = in;
        for (Pair<String, Block> child : stack.getChildren()) {
            current = visit(prefix + NamedStack.displayName(child.getKey()), child.getValue(), current, depth, rows);
        }
        return current;
    }

    private static Shape[] visit(String name, Block block, Shape[] in, int depth, List<LayerShape> rows) {
        Shape[] out = block.getOutputShapes(in);
        String label = describe(block);
        rows.add(new LayerShape(depth, label.isEmpty() ? name : name + " " + label, format(out[0]),
                ownParameters(block)));
        if (block instanceof ResidualBlock r) {
            children(r.mainPath(), in, depth + 1, "", rows);
            if (r.projectionPath() != null) {
                children(r.projectionPath(), in, depth + 1, "shortcut.", rows);
            } else if (r.hasShortcut()) {
                rows.add(new LayerShape(depth + 1, "shortcut (identity)", format(in[0]), 0));
            }
            rows.add(new LayerShape(depth + 1, r.hasShortcut() ? "add + " + r.activation().label()
                    : r.activation().label(), format(out[0]), 0));
        } else if (block instanceof NamedStack) {
            children(block, in, depth + 1, "", rows);
        }
        return out;
    }

    private static String describe(Block b) {
        if (b instanceof TokenEmbedding) {
            Shape s = b.getDirectParameters().get("weight").getShape();
            return s == null ? "(embedding)" : "(embedding " + s.get(0) + " x " + s.get(1) + ")";
        }
        if (b instanceof RecurrentLayer r) {
            return "(" + r.cell() + ", hidden " + r.hiddenSize() + (r.bidirectional() ? ", bidirectional)" : ")");
        }
        if (b instanceof Conv2d c) {
            Shape k = c.getKernelShape();
            Shape s = c.getStride();
            return "(conv " + k.get(0) + "x" + k.get(1) + ", " + c.getFilters()
                    + (s != null && s.get(0) != 1 ? ", stride " + s.get(0) : "") + ")";
        }
        if (b instanceof ResidualBlock r) {
            return r.hasShortcut() ? "(residual, " + r.shortcutLabel() + ")" : "(no shortcut)";
        }
        if (b instanceof ActivationLayer a) {
            return "(" + a.label() + ")";
        }
        if (b instanceof BatchNorm) {
            return "(batch norm)";
        }
        if (b instanceof LayerNorm) {
            return "(layer norm)";
        }
        if (b instanceof Dropout) {
            return "(dropout)";
        }
        if (b instanceof Linear) {
            return "(dense)";
        }
        return "";
    }

    /** Returns a shape as "(32, 64, 256)". */
    public static String format(Shape s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.dimension(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(s.get(i));
        }
        return sb.append(')').toString();
    }
}
