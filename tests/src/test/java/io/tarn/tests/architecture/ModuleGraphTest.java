package io.tarn.tests.architecture;

import io.tarn.catalog.spi.Warehouse;
import io.tarn.executor.QueryExecutor;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the module graph against the design, reading each module's pom.xml from the repository: no cycles; each
 * module depends only on the modules below it (sql-parser ← planner → executor → catalog, executor → udf,
 * jdbc-driver → planner, cli → jdbc-driver, bench → cli); and the engine's lower half (udf, catalog, executor) never touches
 * Calcite, neither as a Maven dependency nor in its compiled classes.
 */
class ModuleGraphTest {
    private static final String GROUP = "io.tarn";
    private static final String CALCITE = "org.apache.calcite";
    private static final Set<String> CALCITE_FREE = Set.of("udf", "catalog", "executor");
    /** For each module, the Tarn modules it may depend on directly; tests may depend on anything. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "udf", Set.of(),
            "catalog", Set.of(),
            "executor", Set.of("catalog", "udf"),
            "sql-parser", Set.of(),
            "planner", Set.of("sql-parser", "executor", "catalog", "udf"),
            "jdbc-driver", Set.of("planner", "sql-parser", "executor", "catalog", "udf"),
            "cli", Set.of("jdbc-driver", "planner", "sql-parser", "executor", "catalog", "udf"),
            "bench", Set.of("cli", "jdbc-driver", "planner", "sql-parser", "executor", "catalog", "udf"));
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "planner", Set.of("sql-parser", "executor"),
            "executor", Set.of("catalog"),
            "jdbc-driver", Set.of("planner"),
            "cli", Set.of("jdbc-driver"),
            "bench", Set.of("cli"));

    private final Path repository = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void modulesFollowTheLayeredDesignWithoutCycles() throws Exception {
        Map<String, Module> modules = readModules();
        assertEquals(new TreeSet<>(Set.of("udf", "catalog", "executor", "sql-parser", "planner", "jdbc-driver", "cli",
                "bench", "tests")), new TreeSet<>(modules.keySet()));
        assertAcyclic(modules);
        for (Module module : modules.values()) {
            if (ALLOWED.containsKey(module.name())) {
                Set<String> unexpected = new TreeSet<>(module.tarnDependencies());
                unexpected.removeAll(ALLOWED.get(module.name()));
                assertTrue(unexpected.isEmpty(), module.name() + " must not depend on " + unexpected);
            }
        }
        REQUIRED.forEach((from, to) -> assertTrue(modules.get(from).tarnDependencies().containsAll(to),
                from + " should depend on " + to));
    }

    @Test
    void lowerModulesDoNotDependOnCalcite() throws Exception {
        Map<String, Module> modules = readModules();
        for (String name : CALCITE_FREE) {
            List<String> calcite = modules.get(name).externalDependencies().stream()
                    .filter(dependency -> dependency.startsWith(CALCITE)).toList();
            assertTrue(calcite.isEmpty(), name + " depends on " + calcite);
        }
    }

    @Test
    void catalogAndExecutorClassesDoNotReferenceCalcite() throws Exception {
        for (Class<?> anchor : List.of(Warehouse.class, QueryExecutor.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> offenders = classesReferencing(location, CALCITE.replace('.', '/'));
            assertTrue(offenders.isEmpty(), location + " has classes referencing Calcite: " + offenders);
        }
    }

    private record Module(String name, Set<String> tarnDependencies, List<String> externalDependencies) {
    }

    private Map<String, Module> readModules() throws Exception {
        Element root = parse(repository.resolve("pom.xml"));
        Map<String, String> moduleByArtifact = new LinkedHashMap<>();
        Map<String, Element> pomByModule = new LinkedHashMap<>();
        for (Element moduleElement : children(child(root, "modules"), "module")) {
            String name = moduleElement.getTextContent().strip();
            Element pom = parse(repository.resolve(name).resolve("pom.xml"));
            moduleByArtifact.put(text(pom, "artifactId"), name);
            pomByModule.put(name, pom);
        }
        Map<String, Module> modules = new LinkedHashMap<>();
        pomByModule.forEach((name, pom) -> {
            Set<String> tarn = new HashSet<>();
            List<String> external = new ArrayList<>();
            Element dependencies = child(pom, "dependencies");
            for (Element dependency : dependencies == null ? List.<Element>of() : children(dependencies, "dependency")) {
                String groupId = text(dependency, "groupId");
                String artifactId = text(dependency, "artifactId");
                if (groupId.equals(GROUP)) {
                    String target = moduleByArtifact.get(artifactId);
                    if (target == null) {
                        fail(name + " depends on unknown Tarn artifact " + artifactId);
                    }
                    tarn.add(target);
                } else {
                    external.add(groupId + ":" + artifactId);
                }
            }
            modules.put(name, new Module(name, tarn, external));
        });
        return modules;
    }

    private static void assertAcyclic(Map<String, Module> modules) {
        Set<String> done = new HashSet<>();
        for (String start : modules.keySet()) {
            visit(start, modules, new ArrayList<>(), done);
        }
    }

    private static void visit(String name, Map<String, Module> modules, List<String> path, Set<String> done) {
        if (path.contains(name)) {
            fail("dependency cycle: " + String.join(" -> ", path.subList(path.indexOf(name), path.size())) + " -> " + name);
        }
        if (!done.add(name)) {
            return;
        }
        path.add(name);
        for (String dependency : modules.get(name).tarnDependencies()) {
            visit(dependency, modules, path, done);
        }
        path.remove(path.size() - 1);
    }

    /** Class files whose constant pool mentions {@code internalPrefix} (class names are stored as UTF-8 there). */
    private static List<String> classesReferencing(Path location, String internalPrefix) throws IOException {
        byte[] needle = internalPrefix.getBytes(StandardCharsets.UTF_8);
        List<String> offenders = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                    if (contains(Files.readAllBytes(file), needle)) {
                        offenders.add(location.relativize(file).toString());
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (var entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        if (contains(in.readAllBytes(), needle)) {
                            offenders.add(entry.getName());
                        }
                    }
                }
            }
        }
        return offenders;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int start = 0; start <= haystack.length - needle.length; start++) {
            for (int offset = 0; offset < needle.length; offset++) {
                if (haystack[start + offset] != needle[offset]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Element parse(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int index = 0; index < nodes.getLength(); index++) {
            Node node = nodes.item(index);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                result.add(element);
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().strip();
    }
}
