package liftsys.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * What the server reads from one {@code pom.xml} itself, with the JDK's XML parser: the module
 * list and where sources and classes live. Everything that needs Maven's model (inheritance,
 * profiles, dependency resolution) is left to Maven; this only finds files.
 *
 * @param pom                the file
 * @param groupId            its groupId, or its parent's when it declares none ("" when neither)
 * @param artifactId         its artifactId
 * @param modules            the directories its {@code <modules>} name, resolved against its directory
 * @param sourceRoots        main source roots: {@code build/sourceDirectory} (default src/main/java)
 *                           and those added by build-helper-maven-plugin's add-source, where literal
 * @param testSourceRoots    test source roots: {@code build/testSourceDirectory} (default src/test/java)
 * @param resourceRoots      main resource directories: {@code build/resources/resource/directory} (default
 *                           src/main/resources), put on the worker's class path as Maven's build would
 * @param testResourceRoots  test resource directories (default src/test/resources)
 * @param outputDirectory    where Maven compiles main classes (default target/classes)
 * @param dependencyKeys     {@code groupId:artifactId} of its direct dependencies, to see reactor siblings
 */
record PomFile(Path pom, String groupId, String artifactId, List<Path> modules, List<Path> sourceRoots,
               List<Path> testSourceRoots, List<Path> resourceRoots, List<Path> testResourceRoots,
               Path outputDirectory, List<String> dependencyKeys) {

    /** Thrown when the file cannot be read or is not well-formed XML; carries where. */
    static final class Unreadable extends Exception {
        final BuildProblem problem;

        Unreadable(BuildProblem problem) {
            super(problem.summary());
            this.problem = problem;
        }
    }

    static PomFile read(Path pom) throws Unreadable {
        Element project;
        try {
            project = parser().parse(pom.toFile()).getDocumentElement();
        } catch (SAXParseException e) {
            throw new Unreadable(new BuildProblem(BuildProblem.Cause.UNPARSABLE_BUILD_FILE, pom, e.getLineNumber(),
                    e.getColumnNumber(), "this pom.xml is not well-formed XML, so its class path cannot be resolved: "
                    + e.getMessage(), ""));
        } catch (SAXException | IOException e) {
            throw new Unreadable(new BuildProblem(BuildProblem.Cause.UNPARSABLE_BUILD_FILE, pom, 0, 0,
                    "this pom.xml cannot be read: " + e.getMessage(), ""));
        }
        Path dir = pom.toAbsolutePath().normalize().getParent();
        Element parent = child(project, "parent");
        String groupId = text(project, "groupId");
        if (groupId.isEmpty() && parent != null) {
            groupId = text(parent, "groupId");
        }
        List<Path> modules = new ArrayList<>();
        Element moduleList = child(project, "modules");
        if (moduleList != null) {
            for (Element m : children(moduleList, "module")) {
                modules.add(dir.resolve(m.getTextContent().trim()).normalize());
            }
        }
        Element build = child(project, "build");
        List<Path> sources = new ArrayList<>();
        List<Path> testSources = new ArrayList<>();
        String sourceDirectory = build == null ? "" : text(build, "sourceDirectory");
        String testSourceDirectory = build == null ? "" : text(build, "testSourceDirectory");
        String outputDirectory = build == null ? "" : text(build, "outputDirectory");
        addPath(sources, dir, sourceDirectory.isEmpty() ? "src/main/java" : sourceDirectory);
        addPath(testSources, dir, testSourceDirectory.isEmpty() ? "src/test/java" : testSourceDirectory);
        if (build != null) {
            addBuildHelperSources(build, dir, sources, testSources);
        }
        List<Path> resources = resourceDirectories(build, "resources", "resource", dir, "src/main/resources");
        List<Path> testResources = resourceDirectories(build, "testResources", "testResource", dir,
                "src/test/resources");
        Path output = interpolate(dir, outputDirectory.isEmpty() ? "target/classes" : outputDirectory);
        List<String> dependencies = new ArrayList<>();
        Element dependencyList = child(project, "dependencies");
        if (dependencyList != null) {
            for (Element d : children(dependencyList, "dependency")) {
                dependencies.add(text(d, "groupId") + ":" + text(d, "artifactId"));
            }
        }
        return new PomFile(pom, groupId, text(project, "artifactId"), List.copyOf(modules), List.copyOf(sources),
                List.copyOf(testSources), resources, testResources, output == null ? dir.resolve("target/classes") : output,
                List.copyOf(dependencies));
    }

    String key() {
        return groupId + ":" + artifactId;
    }

    /** build-helper-maven-plugin's add-source and add-test-source executions with literal paths. */
    /** The directories of {@code build/<list>/<item>/directory}, or the default when the list is not there. */
    private static List<Path> resourceDirectories(Element build, String list, String item, Path dir,
                                                  String otherwise) {
        List<Path> out = new ArrayList<>();
        Element declared = build == null ? null : child(build, list);
        if (declared == null) {
            addPath(out, dir, otherwise);
        } else {
            for (Element r : children(declared, item)) {
                String directory = text(r, "directory");
                if (!directory.isEmpty()) {
                    addPath(out, dir, directory);
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addBuildHelperSources(Element build, Path dir, List<Path> sources, List<Path> testSources) {
        Element plugins = child(build, "plugins");
        if (plugins == null) {
            return;
        }
        for (Element plugin : children(plugins, "plugin")) {
            if (!text(plugin, "artifactId").equals("build-helper-maven-plugin")) {
                continue;
            }
            Element executions = child(plugin, "executions");
            for (Element execution : executions == null ? List.<Element>of() : children(executions, "execution")) {
                Element goals = child(execution, "goals");
                Element configuration = child(execution, "configuration");
                Element list = configuration == null ? null : child(configuration, "sources");
                if (goals == null || list == null) {
                    continue;
                }
                for (Element goal : children(goals, "goal")) {
                    List<Path> target = switch (goal.getTextContent().trim()) {
                        case "add-source" -> sources;
                        case "add-test-source" -> testSources;
                        default -> null;
                    };
                    if (target != null) {
                        children(list, "source").forEach(s -> addPath(target, dir, s.getTextContent().trim()));
                    }
                }
            }
        }
    }

    private static void addPath(List<Path> into, Path dir, String value) {
        Path p = interpolate(dir, value);
        if (p != null && !into.contains(p)) {
            into.add(p);
        }
    }

    /** The path a value names, with the basedir expressions Maven users write; null for other expressions. */
    private static Path interpolate(Path dir, String value) {
        String v = value.replace("${project.basedir}", dir.toString()).replace("${basedir}", dir.toString())
                .replace("${project.build.directory}", dir.resolve("target").toString());
        if (v.contains("${") || v.isBlank()) {
            return null;
        }
        return dir.resolve(v).normalize();
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A pom is data from the workspace: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }

}
