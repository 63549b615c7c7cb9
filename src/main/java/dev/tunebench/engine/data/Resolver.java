package dev.tunebench.engine.data;

import java.nio.file.Path;

/** Turns the paths inside a spec into sources: files under a base folder, or built-in class-path resources. */
record Resolver(Path base, String resourceDir) {

    static Resolver files(Path base) {
        return new Resolver(base.toAbsolutePath().normalize(), null);
    }

    static Resolver resources(String dir) {
        return new Resolver(null, dir.endsWith("/") ? dir : dir + "/");
    }

    Source source(String path) {
        String p = path.strip();
        if (resourceDir != null) {
            return Source.resource(resourceDir + p);
        }
        return Source.file(base.resolve(p).normalize());
    }

    Path folder(String path) {
        if (resourceDir != null) {
            throw new DataException(path, 0, null, "image folders cannot be built-in resources");
        }
        return base.resolve(path.strip()).normalize();
    }
}
