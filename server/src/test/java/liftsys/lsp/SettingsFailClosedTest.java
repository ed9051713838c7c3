package liftsys.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: {@code executeCode} fails closed. A value of the wrong type never turns execution on:
 * it keeps the last value the user gave, or false when none was given; every unusable setting is
 * reported in the client's log with the key, what arrived and what is used instead.
 */
class SettingsFailClosedTest {
    private static final String URI = "file:///work/Settings.java";
    private static final String SOURCE = "class S {\n  static int twice(int a) {\n    int b = a * 2;\n    return b;\n  }\n}\n";

    @ParameterizedTest(name = "executeCode {0} at initialize")
    @ValueSource(strings = {"\"false\"", "null", "0", "\"\"", "[]", "{}", "\"true\""})
    void aBadValueWithNoEarlierOneMeansFalse(String bad) throws Exception {
        try (InProcessClient client = InProcessClient.startWritingNulls(
                "{\"liftsys\": {\"warmUp\": false, \"executeCode\": " + bad + "}}")) {
            client.sync();
            assertEquals(false, client.connection.server().settings().executeCode());
            MessageParams warning = warningAbout(client, "executeCode");
            assertTrue(warning.getMessage().contains("using false instead"), warning.getMessage());
            assertTrue(warning.getMessage().contains(receivedAs(bad)), warning.getMessage());
            client.open(URI, 1, SOURCE);
            JsonObject answer = client.impact("{\"textDocument\": {\"uri\": \"" + URI + "\"},"
                    + " \"position\": {\"line\": 1, \"character\": 23}, \"quantify\": true}");
            assertEquals("execution-disabled",
                    answer.getAsJsonObject("degraded").get("reason").getAsString(), "nothing was run");
        }
    }

    @ParameterizedTest(name = "executeCode false, then {0}")
    @ValueSource(strings = {"\"false\"", "null", "0", "\"yes\"", "1"})
    void anExplicitFalseIsNeverOverriddenByALaterBadValue(String bad) throws Exception {
        try (InProcessClient client = InProcessClient.startWritingNulls(
                "{\"liftsys\": {\"warmUp\": false, \"executeCode\": false}}")) {
            configure(client, "{\"liftsys\": {\"executeCode\": " + bad + ", \"samples\": 40}}");
            assertTrue(warningAbout(client, "executeCode").getMessage().contains(receivedAs(bad)));
            assertEquals(false, client.connection.server().settings().executeCode());
            assertEquals(40, client.connection.server().settings().samples(), "the usable key of the same change applies");
            configure(client, "{\"liftsys\": {\"samples\": 50}}");
            assertEquals(false, client.connection.server().settings().executeCode(), "a change without the key keeps it");
        }
    }

    @Test
    void anExplicitTrueIsKeptAsTheLastValidValue() throws Exception {
        try (InProcessClient client = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"executeCode\": true}}")) {
            configure(client, "{\"liftsys\": {\"executeCode\": \"off\"}}");
            assertEquals(true, client.connection.server().settings().executeCode());
            assertTrue(warningAbout(client, "executeCode").getMessage().contains("using true instead"));
        }
    }

    @Test
    void withNothingGivenExecutionStaysOnByDefault() throws Exception {
        try (InProcessClient client = InProcessClient.start()) {
            client.sync();
            assertEquals(true, client.connection.server().settings().executeCode());
        }
    }

    @Test
    void everyUnusableSettingIsReportedWithKeyValueAndWhatIsUsed() throws Exception {
        try (InProcessClient client = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"samples\": 80}}")) {
            configure(client, "{\"liftsys\": {\"samples\": \"many\", \"python\": \"\", \"timeoutMs\": -5,"
                    + " \"classpath\": [\"\"], \"quality\": \"\", \"seed\": true, \"codeLens\": \"no\"}}");
            var settings = client.connection.server().settings();
            assertEquals(80, settings.samples(), "the value in force stays");
            assertEquals(30_000, settings.timeoutMs());
            assertEquals(List.of(), settings.classpath());
            assertEquals("GOOD", settings.quality());
            assertEquals(true, settings.codeLens());
            assertEquals(null, settings.python());
            assertEquals("liftsys setting samples must be a positive number, not the string \"many\"; using 80 instead"
                    + " (the value in force)", warningAbout(client, "samples").getMessage());
            assertTrue(warningAbout(client, "python").getMessage().contains("not an empty string"));
            assertTrue(warningAbout(client, "timeoutMs").getMessage().contains("not the number -5; using 30000"));
            assertTrue(warningAbout(client, "classpath").getMessage().contains("not [\"\"]; using no extra entries"));
            assertTrue(warningAbout(client, "quality").getMessage().contains("not an empty string; using GOOD"));
            assertTrue(warningAbout(client, "seed").getMessage().contains("not true; using 0"));
            assertTrue(warningAbout(client, "codeLens").getMessage().contains("not the string \"no\"; using true"));
        }
    }

    @Test
    void aSectionThatIsNoObjectIsReportedAndChangesNothing() throws Exception {
        try (InProcessClient client = InProcessClient.start("{\"liftsys\": {\"warmUp\": false, \"executeCode\": false}}")) {
            configure(client, "{\"liftsys\": \"executeCode=true\"}");
            assertEquals(false, client.connection.server().settings().executeCode());
            assertTrue(warningAbout(client, "settings must be an object").getMessage()
                    .contains("the settings in force are kept"));
        }
    }

    private static void configure(InProcessClient client, String json) throws Exception {
        client.server.getWorkspaceService().didChangeConfiguration(
                new DidChangeConfigurationParams(JsonParser.parseString(json)));
        client.sync();
    }

    private static MessageParams warningAbout(InProcessClient client, String fragment) {
        return client.logs.stream()
                .filter(m -> m.getType() == MessageType.Warning && m.getMessage().contains(fragment))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no warning about " + fragment + " in " + client.logs));
    }

    private static String receivedAs(String json) {
        return switch (json) {
            case "null" -> "not null";
            case "\"\"" -> "not an empty string";
            case "0" -> "not the number 0";
            case "[]", "{}" -> "not " + json;
            case "1" -> "not the number 1";
            default -> "not the string " + json;
        };
    }
}
