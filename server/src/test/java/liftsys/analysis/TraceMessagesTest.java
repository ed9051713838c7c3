package liftsys.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liftsys.trace.TraceProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages that tell the truth (issue 14): a compile error of a project names the file and the
 * 1-based line where it is, with javac's missing symbol, even in a sibling file; the advice of a
 * failed trace fits its cause.
 */
class TraceMessagesTest {
    @Test
    void aCompileErrorInASiblingFileNamesThatFileItsLineAndTheMissingSymbol(@TempDir Path root) throws Exception {
        Path pkg = Files.createDirectories(root.resolve("demo"));
        Files.writeString(pkg.resolve("Rates.java"), "package demo;\n\npublic class Rates {\n"
                + "    public static double withTax(double a) {\n        return a * (1 + TAXX);\n    }\n}\n");
        String caller = "package demo;\n\nclass Caller {\n    static double f(double x) {\n"
                + "        return Rates.withTax(x);\n    }\n}\n";
        TraceProject project = new TraceProject(List.of(), List.of(root.toString()), List.of(), "", "");
        CompileCheck.Error error = new CompileCheck().firstError(caller, List.of(), project).orElseThrow();
        assertEquals(pkg.resolve("Rates.java").toString(), error.file());
        assertEquals(5, error.line());
        assertEquals("cannot find symbol: variable TAXX", error.message());
    }

    @Test
    void aDocumentThatUsesItsSiblingsCompilesWithItsProjectAndNotWithout(@TempDir Path root) throws Exception {
        Path pkg = Files.createDirectories(root.resolve("demo"));
        Files.writeString(pkg.resolve("Rates.java"), "package demo;\npublic class Rates {\n"
                + "    public static double withTax(double a) { return a * 1.2; }\n}\n");
        String caller = "package demo;\nclass Caller {\n    static double f(double x) { return Rates.withTax(x); }\n}\n";
        TraceProject project = new TraceProject(List.of(), List.of(root.toString()), List.of(), "", "");
        assertTrue(new CompileCheck().firstError(caller, List.of(), project).isEmpty());
        assertEquals("cannot find symbol: variable Rates",
                new CompileCheck().firstError(caller, List.of()).orElseThrow().message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "java.lang.NoClassDefFoundError: org/x/Y|THE BUILD NOTE|pom.xml|THE BUILD NOTE",
        "java.lang.NoClassDefFoundError: org/x/Y||/p/pom.xml|Declare the dependency that provides it in /p/pom.xml",
        "package org.x does not exist|||Add the library that provides it to liftsys.classpath",
        "more than half of the executions threw (9 of 10 before stopping); the first: java.lang.IllegalArgumentException"
                + "|THE BUILD NOTE|pom.xml|The method rejects most sampled inputs with that exception",
        "the traced code tried to write a file||pom.xml|Traced code runs in a sandbox",
        "most executions threw java.lang.ExceptionInInitializerError: the static initialiser of a.B threw x"
                + "|THE BUILD NOTE|pom.xml|A class failed to initialise in the worker",
    })
    void theAdviceOfAFailedTraceFitsItsCause(String message, String buildNote, String buildFile, String advice) {
        String got = TraceAdvice.forFailure(message, buildNote == null ? "" : buildNote,
                buildFile == null ? "" : buildFile);
        assertTrue(got.startsWith(advice), got);
        if (message.startsWith("more than half") || message.startsWith("the traced code")
                || message.contains("ExceptionInInitializerError")) {
            assertTrue(!got.contains("classpath"), "no class path advice where it does not fit: " + got);
        }
    }
}
