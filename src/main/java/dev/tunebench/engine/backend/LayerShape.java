package dev.tunebench.engine.backend;

/**
 * One row of a shape trace (tip 2).
 *
 * @param depth       nesting depth (0 = top-level block)
 * @param name        layer name
 * @param outputShape output shape with the batch dimension, e.g. "(32, 64, 256)"
 * @param parameters  parameters owned directly by this layer
 */
public record LayerShape(int depth, String name, String outputShape, long parameters) {
}
