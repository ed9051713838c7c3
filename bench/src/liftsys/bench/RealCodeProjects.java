package liftsys.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real projects of the real-code evaluation: released libraries' sources and poms, fetched by
 * Maven itself from the ordinary Maven repository (dependency:copy, so mirrors and the local
 * repository work as for any build), laid out as the Maven projects they were built from
 * ({@code pom.xml} + {@code src/main/java}) under {@code .liftsys/realcode/}. Fetched once.
 */
final class RealCodeProjects {
    /** A released library: its coordinates and a short name for the report. */
    record Library(String name, String groupId, String artifactId, String version) {
        String directoryName() {
            return artifactId + "-" + version;
        }

        String coordinates(String typeAndClassifier) {
            return groupId + ":" + artifactId + ":" + version + ":" + typeAndClassifier;
        }
    }

    static final List<Library> LIBRARIES = List.of(
            new Library("math", "org.apache.commons", "commons-math3", "3.6.1"),
            new Library("lang", "org.apache.commons", "commons-lang3", "3.12.0"));

    /**
     * Libraries named on the command line, {@code name=groupId:artifactId:version}, comma-separated
     * (held-out code for the evaluation: {@code text=org.apache.commons:commons-text:1.10.0}).
     */
    static List<Library> parse(String spec) {
        List<Library> out = new ArrayList<>();
        for (String one : spec.split(",")) {
            String[] nameAndCoordinates = one.trim().split("=", 2);
            String[] parts = nameAndCoordinates.length == 2 ? nameAndCoordinates[1].split(":") : new String[0];
            if (parts.length != 3) {
                throw new IllegalArgumentException("--library takes name=groupId:artifactId:version, not " + one);
            }
            out.add(new Library(nameAndCoordinates[0], parts[0], parts[1], parts[2]));
        }
        return out;
    }

    private static final String COPY = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";

    private RealCodeProjects() {
    }

    /** The project directory of the library, fetched and laid out when it is not there yet. */
    static Path prepare(Path root, Library library) throws IOException, InterruptedException {
        Path base = root.resolve(".liftsys/realcode");
        Path project = base.resolve(library.directoryName());
        Path done = project.resolve(".liftsys-laid-out");
        if (Files.isRegularFile(done)) {
            return project;
        }
        Path downloads = base.resolve("downloads");
        Files.createDirectories(downloads);
        fetch(downloads, library.coordinates("jar:sources"));
        fetch(downloads, library.coordinates("pom"));
        Path sources = downloads.resolve(library.artifactId() + "-" + library.version() + "-sources.jar");
        Path pom = downloads.resolve(library.artifactId() + "-" + library.version() + ".pom");
        Path javaRoot = project.resolve("src/main/java");
        Files.createDirectories(javaRoot);
        Files.copy(pom, project.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        unzipSources(sources, javaRoot, project.resolve("src/main/resources"));
        Files.writeString(done, library.coordinates("sources") + "\n");
        return project;
    }

    /**
     * The library's own binary jar (fetched by Maven like the sources), for the comparison run that
     * sets {@code classpath} by hand the way a user had to before the server knew the build.
     */
    static Path binaryJar(Path root, Library library) throws IOException, InterruptedException {
        Path downloads = root.resolve(".liftsys/realcode/downloads");
        Path jar = downloads.resolve(library.artifactId() + "-" + library.version() + ".jar");
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(downloads);
            fetch(downloads, library.coordinates("jar"));
        }
        return jar;
    }

    private static void fetch(Path into, String artifact) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B", "-Dstyle.color=never", COPY,
                "-Dartifact=" + artifact, "-DoutputDirectory=" + into, "-Dmdep.overWriteReleases=false"));
        Process p = new ProcessBuilder(command).directory(into.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("Maven could not fetch " + artifact + ":\n" + output);
        }
    }

    /**
     * Java files to {@code javaRoot}, everything else (the resources a sources jar carries too, such
     * as the rule files a class reads in its static initialiser) to {@code resourceRoot}, as in the
     * project the library was built from.
     */
    private static void unzipSources(Path jar, Path javaRoot, Path resourceRoot) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.isDirectory() || e.getName().startsWith("META-INF")) {
                    continue;
                }
                Path into = e.getName().endsWith(".java") ? javaRoot : resourceRoot;
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                copy(zip, target);
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
